import type { PeerAuthenticationObject } from '../../model/kinds/peerAuthentication';
import type { Workload } from '../../model/kinds/workload';
import type { MeshModel } from '../../model/meshModel';
import type { MeshSemantics } from '../../semantics/meshSemantics';
import { peerAuthnScope, type PeerAuthnScope } from '../../semantics/peerAuthnScopes';
import type { PolicyLevel } from '../../semantics/serverMode';
import { selectorMatches } from '../../semantics/labelMatch';
import { portGroups, type PortGroup } from './workloadPorts';

/** Why a PeerAuthentication does nothing at all. */
export type IgnoredReason =
  | { readonly kind: 'root-selector' }
  | { readonly kind: 'older-scope'; readonly winner: PeerAuthenticationObject; readonly level: 'mesh' | 'namespace' }
  | { readonly kind: 'older-workload'; readonly winners: readonly PeerAuthenticationObject[] };

/** Who takes a workload's ports away from the policy. */
export interface Overrider {
  readonly policy: PeerAuthenticationObject;
  readonly level: PolicyLevel;
  /** `more-specific`: a lower level sets a mode (§A5); `older`: the same level, an older policy (§A3, §A4). */
  readonly why: 'more-specific' | 'older';
}

export interface ReachRow {
  readonly workload: Workload;
  readonly group: PortGroup;
  /** How many port groups the workload has (to say "all ports"). */
  readonly groupCount: number;
  readonly overriddenBy?: Overrider;
}

export interface PeerAuthnReach {
  readonly pa: PeerAuthenticationObject;
  readonly scope: PeerAuthnScope;
  readonly ignored?: IgnoredReason;
  /** Workload ports whose chain runs through this policy, with nothing more specific setting a mode. */
  readonly governed: readonly ReachRow[];
  /** Workload ports it would govern, taken by a more specific or older policy. */
  readonly overridden: readonly ReachRow[];
  /** Workloads in scope that get no sidecar: no PeerAuthentication is enforced there (§A11). */
  readonly withoutSidecar: readonly Workload[];
}

const RANK: Record<PolicyLevel, number> = { mesh: 0, namespace: 1, workload: 2, port: 3 };

/** §A1/§A2: the workloads whose candidate set holds the policy at its scope. */
function inScope(model: MeshModel, pa: PeerAuthenticationObject, scope: PeerAuthnScope): Workload[] {
  if (scope === 'mesh') return [...model.workloads];
  if (scope === 'namespace') return [...(model.workloadsByNamespace.get(pa.namespace) ?? [])];
  if (scope === 'workload') return (model.workloadsByNamespace.get(pa.namespace) ?? []).filter((w) => pa.selector && selectorMatches(pa.selector.matchLabels, w.labels));
  return [];
}

function ignoredReason(sem: MeshSemantics, pa: PeerAuthenticationObject, scope: PeerAuthnScope, workloads: readonly Workload[]): IgnoredReason | undefined {
  if (scope === 'ignored') return { kind: 'root-selector' };
  if (scope === 'mesh') {
    const winner = sem.peerAuthn.meshLevel[0];
    return winner && winner !== pa ? { kind: 'older-scope', winner, level: 'mesh' } : undefined;
  }
  if (scope === 'namespace') {
    const winner = sem.peerAuthn.namespaceLevel.get(pa.namespace)?.[0];
    return winner && winner !== pa ? { kind: 'older-scope', winner, level: 'namespace' } : undefined;
  }
  if (workloads.length === 0) return undefined;
  const winners = workloads.map((w) => sem.workloadPolicies(w)[0]);
  if (winners.some((p) => p === pa)) return undefined;
  return { kind: 'older-workload', winners: [...new Set(winners.filter((p): p is PeerAuthenticationObject => !!p))] };
}

/**
 * What a PeerAuthentication decides: for every workload and target port in its scope, whether
 * the effective mode (§A5) runs through it or is taken by a more specific (§A5) or older
 * (§A3, §A4) policy.
 */
export function peerAuthnReach(model: MeshModel, sem: MeshSemantics, pa: PeerAuthenticationObject): PeerAuthnReach {
  const scope = peerAuthnScope(pa, sem.rootNamespace);
  const workloads = inScope(model, pa, scope);
  const ignored = ignoredReason(sem, pa, scope, workloads);
  const governed: ReachRow[] = [];
  const overridden: ReachRow[] = [];
  const withoutSidecar: Workload[] = [];
  const level: PolicyLevel = scope === 'mesh' ? 'mesh' : scope === 'namespace' ? 'namespace' : 'workload';
  for (const w of workloads) {
    if (sem.injection(w).injected === 'no') {
      withoutSidecar.push(w);
      continue;
    }
    const groups = portGroups(sem, w);
    for (const group of groups) {
      const r = group.result;
      const own = r.chain.find((s) => s.policy === pa);
      const row = { workload: w, group, groupCount: groups.length };
      if (!own) {
        const winner = r.chain.find((s) => s.level === level);
        overridden.push(winner ? { ...row, overriddenBy: { policy: winner.policy, level, why: 'older' } } : row);
      } else if (r.decidedBy && r.decidedBy.policy !== pa && RANK[r.decidedBy.level] > RANK[own.level]) {
        overridden.push({ ...row, overriddenBy: { policy: r.decidedBy.policy, level: r.decidedBy.level, why: 'more-specific' } });
      } else governed.push(row);
    }
  }
  return { pa, scope, ...(ignored ? { ignored } : {}), governed, overridden, withoutSidecar };
}

/** Distinct workloads of some rows. */
export function workloadsOf(rows: readonly ReachRow[]): Workload[] {
  return [...new Set(rows.map((r) => r.workload))];
}
