import { byWorstFirst, worstSeverity, type LiveFinding } from '../analysis/liveFinding';
import type { NodeStatus } from './clusterNode';

export function statusOf(findings: readonly LiveFinding[]): NodeStatus {
  const worst = worstSeverity(findings);
  return worst === 'error' ? 'error' : worst === 'warning' ? 'warning' : 'ok';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 errors, 1 warning", or undefined when there is nothing to report. */
export function countText(findings: readonly LiveFinding[]): string | undefined {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const parts = [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : undefined;
}

export const MARK: Record<LiveFinding['severity'], string> = { error: '✗', warning: '⚠', info: 'ℹ' };

/** One line per finding, worst first, for tooltips and documents. */
export function findingLines(findings: readonly LiveFinding[]): string[] {
  const seen = new Set<string>();
  return byWorstFirst(findings)
    .filter((f) => !seen.has(f.message) && !!seen.add(f.message))
    .map((f) => `${MARK[f.severity]} ${f.message}`);
}

/** The worst finding's short text, with "+N more" when there are others. */
export function headline(findings: readonly LiveFinding[]): string | undefined {
  const sorted = byWorstFirst(findings).filter((f) => f.severity !== 'info');
  if (!sorted.length) return undefined;
  const distinct = new Set(sorted.map((f) => f.short));
  return distinct.size > 1 ? `${sorted[0].short} (+${distinct.size - 1} more)` : sorted[0].short;
}
