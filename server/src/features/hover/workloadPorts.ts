import type { Workload } from '../../model/kinds/workload';
import type { MeshSemantics } from '../../semantics/meshSemantics';
import type { ServerModeResult } from '../../semantics/serverMode';

/** What receives inbound traffic on a group of ports: a sidecar, none (not injected or not captured), or unknown. */
export type PortSidecar = 'yes' | 'none' | 'unknown';

/** Ports of one workload that share the same effective mode, decided by the same chain. */
export interface PortGroup {
  /** Explicit inbound ports (container, Service target and port-level keys), ascending. */
  readonly ports: readonly number[];
  /** The group also holds every port not listed (the workload's mode without a port-level entry). */
  readonly otherPorts: boolean;
  readonly result: ServerModeResult;
  readonly sidecar: PortSidecar;
}

function resultKey(r: ServerModeResult, sidecar: PortSidecar): string {
  const chain = r.chain.map((s) => `${s.level}:${s.policy.resource.id}:${s.mode}`).join('>');
  return `${chain}=${r.mode}@${r.decidedBy ? `${r.decidedBy.level}:${r.decidedBy.policy.resource.id}` : ''}|${sidecar}`;
}

/**
 * §A5/§A7 per target port: the workload's inbound ports grouped by effective mode and the chain
 * that decided it, plus "other ports" (the mode without a port-level entry).
 */
export function portGroups(sem: MeshSemantics, w: Workload): PortGroup[] {
  const groups = new Map<string, { ports: number[]; otherPorts: boolean; result: ServerModeResult; sidecar: PortSidecar }>();
  const add = (port: number | undefined, result: ServerModeResult, sidecar: PortSidecar) => {
    const key = resultKey(result, sidecar);
    const g = groups.get(key) ?? { ports: [], otherPorts: false, result, sidecar };
    if (port === undefined) g.otherPorts = true;
    else g.ports.push(port);
    groups.set(key, g);
  };
  for (const p of sem.inboundPorts(w)) {
    const side = sem.serverSideOf(w, p);
    add(p, sem.serverMode(w, p), side.sidecar === 'yes' ? 'yes' : side.sidecar === 'none' ? 'none' : 'unknown');
  }
  const injected = sem.injection(w).injected;
  add(undefined, sem.serverMode(w, undefined), injected === 'yes' ? 'yes' : injected === 'no' ? 'none' : 'unknown');
  return [...groups.values()];
}

/** "all ports" when one group holds every port, else the listed ports and "other ports". */
export function portsLabel(g: Pick<PortGroup, 'ports' | 'otherPorts'>, groupCount: number): string {
  if (groupCount === 1 && g.otherPorts) return 'all ports';
  if (g.ports.length === 0) return g.otherPorts ? 'other ports' : '';
  const listed = g.ports.join(', ');
  return g.otherPorts ? `${listed} and other ports` : listed;
}
