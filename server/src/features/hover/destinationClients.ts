import type { ClientCell, ClientProfile, EndpointOutcome, MeshSemantics } from '../../semantics/meshSemantics';
import type { DestinationRuleChoice, LookupClient } from '../../semantics/destinationRuleLookup';
import { destinationVisibleTo, type DestinationPort } from '../../semantics/destinations';
import { tlsInForce } from '../../semantics/trafficPolicySelection';

/**
 * Clients of one destination port that resolve DestinationRules alike: the workspace's injected
 * clients (one group per §B3/§B4 choice), namespaces without an injected client the caller asks
 * about, and "any other namespace" (a sidecar in a namespace the workspace does not name).
 */
export interface ClientGroup {
  readonly kind: 'clients' | 'hypothetical' | 'other';
  /** Client namespaces (empty for `other`). */
  readonly namespaces: readonly string[];
  /** Workload names when a namespace's clients are split across groups (selector rules, §B4). */
  readonly workloads?: readonly string[];
  readonly profiles: readonly ClientProfile[];
  /** What §B3/§B4 pick for the group's proxies; undefined: no DestinationRule. */
  readonly choice?: DestinationRuleChoice;
  /** The default cell, then routed subset cells (§B7); empty when the Service is hidden from the group (§B13). */
  readonly cells: readonly ClientCell[];
  /** A representative proxy for further lookups. */
  readonly client: LookupClient;
}

/** A namespace no resource names: the lookup of a sidecar in "any other namespace". */
const OTHER_NAMESPACE = '\u0000other';

/** The cells of a choice for a destination, as `MeshSemantics.cells` builds them (§B6, §B7). */
function cellsOf(sem: MeshSemantics, dest: DestinationPort, choice: DestinationRuleChoice | undefined, profiles: readonly ClientProfile[]): ClientCell[] {
  if (!choice) return [{ profiles, dest, inForce: { level: 'none' } }];
  const out: ClientCell[] = [{ profiles, dest, choice, inForce: tlsInForce(choice.rule, dest.port) }];
  for (const subset of sem.routed.get(dest.host) ?? []) {
    if (choice.rule.subsets.has(subset)) out.push({ profiles, dest, subset, choice, inForce: tlsInForce(choice.rule, dest.port, subset) });
  }
  return out;
}

function synthetic(sem: MeshSemantics, dest: DestinationPort, kind: 'hypothetical' | 'other', namespace: string): ClientGroup {
  const client: LookupClient = { namespace, labels: {} };
  const namespaces = kind === 'other' ? [] : [namespace];
  if (!destinationVisibleTo(dest, namespace)) return { kind, namespaces, profiles: [], cells: [], client };
  const choice = sem.lookup(client, dest.host, dest.namespace);
  return { kind, namespaces, profiles: [], ...(choice ? { choice } : {}), cells: cellsOf(sem, dest, choice, []), client };
}

/**
 * The client groups of a destination port. `extraNamespaces`: namespaces to show even without an
 * injected client (looked up as a proxy without labels).
 */
export function clientGroupsFor(sem: MeshSemantics, dest: DestinationPort, extraNamespaces: Iterable<string> = []): ClientGroup[] {
  const byProfiles = new Map<readonly ClientProfile[], ClientCell[]>();
  for (const c of sem.cellsFor(dest)) {
    const list = byProfiles.get(c.profiles) ?? [];
    list.push(c);
    byProfiles.set(c.profiles, list);
  }
  const groupsPerNamespace = new Map<string, number>();
  for (const profiles of byProfiles.keys()) {
    for (const ns of new Set(profiles.map((p) => p.namespace))) groupsPerNamespace.set(ns, (groupsPerNamespace.get(ns) ?? 0) + 1);
  }
  const out: ClientGroup[] = [];
  for (const [profiles, cells] of byProfiles) {
    const namespaces = [...new Set(profiles.map((p) => p.namespace))].sort();
    const split = namespaces.some((ns) => (groupsPerNamespace.get(ns) ?? 0) > 1);
    const choice = cells[0].choice;
    out.push({
      kind: 'clients',
      namespaces,
      ...(split ? { workloads: profiles.flatMap((p) => p.workloads.map((w) => w.name)) } : {}),
      profiles,
      ...(choice ? { choice } : {}),
      cells,
      client: profiles[0],
    });
  }
  const withClients = new Set(sem.clientProfiles.map((p) => p.namespace));
  // Injected clients that cannot see the Service (exportTo): they use the passthrough cluster (§B13).
  const hidden = [...withClients].filter((ns) => !groupsPerNamespace.has(ns)).sort();
  if (hidden.length) {
    const profiles = sem.clientProfiles.filter((p) => hidden.includes(p.namespace));
    out.push({ kind: 'clients', namespaces: hidden, profiles, cells: [], client: profiles[0] });
  }
  for (const ns of [...new Set(extraNamespaces)].sort()) {
    if (!withClients.has(ns)) out.push(synthetic(sem, dest, 'hypothetical', ns));
  }
  out.push(synthetic(sem, dest, 'other', OTHER_NAMESPACE));
  return out;
}

/** The endpoint outcomes of each cell of a group. */
export function groupOutcomes(sem: MeshSemantics, group: ClientGroup): Array<{ cell: ClientCell; outcomes: EndpointOutcome[] }> {
  return group.cells.map((cell) => ({ cell, outcomes: sem.endpointOutcomes(cell) }));
}
