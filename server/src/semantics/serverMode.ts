import type { PeerAuthenticationObject, PeerAuthnMode, PortLevelEntry } from '../model/kinds/peerAuthentication';
import type { Workload } from '../model/kinds/workload';
import { meshPolicy, namespacePolicy, workloadPolicies, type PeerAuthnIndex } from './peerAuthnScopes';

/** The mode a sidecar enforces; UNKNOWN when the deciding policy holds an invalid mode. */
export type ServerMode = Exclude<PeerAuthnMode, 'UNSET'> | 'UNKNOWN';

export type PolicyLevel = 'mesh' | 'namespace' | 'workload' | 'port';

export interface PolicyStep {
  readonly level: PolicyLevel;
  readonly policy: PeerAuthenticationObject;
  /** The mode this step sets (UNSET inherits, §A5). */
  readonly mode: PeerAuthnMode | 'INVALID';
  readonly portEntry?: PortLevelEntry;
}

export interface ServerModeResult {
  readonly mode: ServerMode;
  /** The policies consulted, from mesh to port. */
  readonly chain: readonly PolicyStep[];
  /** The step that set the mode; undefined when nothing did (built-in PERMISSIVE). */
  readonly decidedBy?: PolicyStep;
}

function apply(steps: readonly PolicyStep[]): ServerModeResult {
  let mode: ServerMode = 'PERMISSIVE';
  let decidedBy: PolicyStep | undefined;
  for (const step of steps) {
    if (step.mode === 'UNSET') continue;
    mode = step.mode === 'INVALID' ? 'UNKNOWN' : step.mode;
    decidedBy = step;
  }
  return decidedBy ? { mode, chain: steps, decidedBy } : { mode, chain: steps };
}

function baseSteps(index: PeerAuthnIndex, namespace: string): PolicyStep[] {
  const steps: PolicyStep[] = [];
  const mesh = meshPolicy(index);
  if (mesh) steps.push({ level: 'mesh', policy: mesh, mode: mesh.mode.value });
  const ns = namespacePolicy(index, namespace);
  if (ns) steps.push({ level: 'namespace', policy: ns, mode: ns.mode.value });
  return steps;
}

/**
 * §A5 with §A7: the effective mode of a sidecar workload on a target (container) port.
 * `port` undefined asks for the workload's mode on ports without a port-level entry.
 */
export function serverModeOf(index: PeerAuthnIndex, w: Workload, port: number | undefined): ServerModeResult {
  const steps = baseSteps(index, w.namespace);
  const wl = workloadPolicies(index, w)[0];
  if (wl) {
    steps.push({ level: 'workload', policy: wl, mode: wl.mode.value });
    const entry = port === undefined ? undefined : wl.portLevel.find((e) => e.port === port);
    if (entry) steps.push({ level: 'port', policy: wl, mode: entry.mode.value, portEntry: entry });
  }
  return apply(steps);
}

/**
 * §B10 `nsMode`: the namespace-level mode of a namespace, else the mesh-level mode,
 * else PERMISSIVE. Workload- and port-level policies are not consulted.
 */
export function namespaceModeOf(index: PeerAuthnIndex, namespace: string): ServerModeResult {
  return apply(baseSteps(index, namespace));
}

/** The ports a workload-level policy names explicitly for this workload (its winner's valid keys). */
export function portLevelPortsOf(index: PeerAuthnIndex, w: Workload): number[] {
  const wl = workloadPolicies(index, w)[0];
  return wl ? wl.portLevel.flatMap((e) => (e.port !== undefined ? [e.port] : [])) : [];
}
