import type { PolicyStep, ServerModeResult } from '../../semantics/serverMode';
import type { Linker } from './links';
import { nameText, SHOWN_CHARACTERS } from '../../rules/quoteValue';

function stepMode(step: PolicyStep, deciding: boolean): string {
  if (step.mode === 'UNSET') return 'UNSET (inherits)';
  if (step.mode === 'INVALID') return deciding ? '**invalid mode**' : 'invalid mode';
  return deciding ? `**${step.mode}**` : step.mode;
}

function stepLevel(step: PolicyStep): string {
  return step.level === 'port' ? `port ${nameText(step.portEntry?.key ?? '', SHOWN_CHARACTERS)}` : step.level;
}

/** Where a step's mode is written: the port entry, else the `mtls.mode` value, else the policy's name. */
export function stepPath(step: PolicyStep) {
  if (step.portEntry) return step.portEntry.mode.path ?? step.portEntry.path;
  return step.policy.mode.path ?? ['metadata', 'name'];
}

/**
 * §A5: the chain that decided a mode, mesh → namespace → workload → port, with each policy
 * linked and the deciding step in bold; the built-in PERMISSIVE when no step sets a mode.
 */
export function chainText(result: ServerModeResult, links: Linker): string {
  const steps = result.chain.map((s) => `${stepLevel(s)} ${links.resource(s.policy.resource, undefined, stepPath(s))} ${stepMode(s, s === result.decidedBy)}`);
  if (!result.decidedBy) steps.push(result.chain.length ? 'built-in **PERMISSIVE**' : 'no policy: built-in **PERMISSIVE**');
  return steps.join(' → ');
}

export function modeText(mode: ServerModeResult['mode']): string {
  return mode === 'UNKNOWN' ? 'unknown (invalid mode)' : mode;
}

/** The policy and level that decided a mode, linked ("namespace shop/default"), or the built-in default. */
export function decidedByText(result: ServerModeResult, links: Linker): string {
  const d = result.decidedBy;
  if (!d) return 'built-in default';
  return `${stepLevel(d)} ${links.resource(d.policy.resource, undefined, stepPath(d))}`;
}
