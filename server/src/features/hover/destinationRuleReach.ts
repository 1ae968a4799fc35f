import type { DestinationRuleObject } from '../../model/kinds/destinationRule';
import type { MeshModel } from '../../model/meshModel';
import type { ClientCell, EndpointOutcome, MeshSemantics } from '../../semantics/meshSemantics';
import { indexDestinationRules, type MergedDestinationRule } from '../../semantics/destinationRuleIndex';
import { lookupDestinationRule, type LookupClient, type LookupStep } from '../../semantics/destinationRuleLookup';
import type { DestinationPort } from '../../semantics/destinations';
import { hostCovers, resolveShortHost } from '../../semantics/hosts';
import { clientGroupsFor, type ClientGroup } from './destinationClients';

/**
 * Where a DestinationRule stands for one client group and destination port:
 * - `in-force`: §B3/§B4 pick it (merged, §B5) and its trafficPolicy is the one in force;
 * - `dropped`: picked, but an older rule of the same merge supplies the trafficPolicy (§B5);
 * - `shadowed`: visible to the clients, but another rule wins the lookup (§B2/§B3/§B4), or rules of
 *   the client's namespace for the host end the lookup without selecting its proxies (no winner);
 * - `not-visible`: exportTo or workloadSelector keep it from these clients;
 * - `hidden`: the Service itself is hidden from the clients, which use the passthrough cluster (§B13).
 */
export type RuleStatus = 'in-force' | 'dropped' | 'shadowed' | 'not-visible' | 'hidden';

export interface RuleClientRow {
  readonly dest: DestinationPort;
  readonly group: ClientGroup;
  readonly status: RuleStatus;
  /** The rule the clients use (for `shadowed`, the winner; for `dropped`, the merge whose policy owner is older). */
  readonly winner?: MergedDestinationRule;
  readonly step?: LookupStep;
  readonly reason?: NotVisibleReason;
  readonly cells: ReadonlyArray<{ readonly cell: ClientCell; readonly outcomes: readonly EndpointOutcome[] }>;
}

/** Why a rule does not reach a client (§B3, §B4). */
export type NotVisibleReason = 'selector-elsewhere' | 'selector-labels' | 'other-namespace' | 'export-to';

export function notVisibleReason(dr: DestinationRuleObject, client: LookupClient, dest: DestinationPort, rootNamespace: string): NotVisibleReason {
  if (dr.workloadSelector) return client.namespace === dr.namespace ? 'selector-labels' : 'selector-elsewhere';
  if (dr.namespace !== client.namespace && dr.namespace !== dest.namespace && dr.namespace !== rootNamespace) return 'other-namespace';
  return 'export-to';
}

export interface DestinationRuleReach {
  readonly dr: DestinationRuleObject;
  /** The host after §B1. */
  readonly host: string;
  readonly dests: readonly DestinationPort[];
  readonly rows: readonly RuleClientRow[];
}

/** Namespaces worth a row without an injected client: the rule's own, those its exportTo names, those with competing rules. */
function extraNamespaces(model: MeshModel, sem: MeshSemantics, dr: DestinationRuleObject, dest: DestinationPort): Set<string> {
  const out = new Set<string>([dr.namespace]);
  for (const e of dr.exportTo) if (e !== '.' && e !== '*') out.add(e);
  for (const other of model.destinationRules) {
    if (other.host && hostCovers(resolveShortHost(other.host, other.namespace), dest.host)) out.add(other.namespace);
  }
  out.delete(sem.rootNamespace);
  return out;
}

/** §B1–§B5 for one DestinationRule: which destinations it covers and, per client group, whether it is the rule in force. */
export function destinationRuleReach(model: MeshModel, sem: MeshSemantics, dr: DestinationRuleObject): DestinationRuleReach {
  const host = dr.host ? resolveShortHost(dr.host, dr.namespace) : '';
  const dests = host ? sem.destinations.filter((d) => hostCovers(host, d.host)) : [];
  // The lookup with only this rule in the mesh: does it reach the clients at all (exportTo, selector)?
  const alone = indexDestinationRules([dr], model.mesh.defaultDestinationRuleExportTo);
  const rows: RuleClientRow[] = [];
  for (const dest of dests) {
    for (const group of clientGroupsFor(sem, dest, extraNamespaces(model, sem, dr, dest))) {
      if (group.cells.length === 0) {
        rows.push({ dest, group, status: 'hidden', cells: [] });
        continue;
      }
      const proxies = group.profiles.length ? group.profiles : [group.client];
      const visible = proxies.some((p) => lookupDestinationRule(alone, sem.rootNamespace, p, dest.host, dest.namespace) !== undefined);
      const choice = group.choice;
      const cells = group.cells.map((cell) => ({ cell, outcomes: sem.endpointOutcomes(cell) }));
      if (choice && choice.rule.members.includes(dr)) {
        const dropped = dr.trafficPolicy !== undefined && choice.rule.policyOwner !== dr;
        rows.push({ dest, group, status: dropped ? 'dropped' : 'in-force', winner: choice.rule, step: choice.step, cells });
      } else if (visible) {
        // Without a choice: rules of the client's namespace for the host select none of its proxies (§B3 step 1, §B4).
        rows.push({ dest, group, status: 'shadowed', ...(choice ? { winner: choice.rule, step: choice.step } : {}), cells });
      } else {
        // Split the group by why the rule does not reach each namespace.
        const byReason = new Map<NotVisibleReason, LookupClient[]>();
        for (const p of proxies) {
          const reason = notVisibleReason(dr, p, dest, sem.rootNamespace);
          byReason.set(reason, [...(byReason.get(reason) ?? []), p]);
        }
        for (const [reason, members] of byReason) {
          const namespaces = group.kind === 'other' ? [] : [...new Set(members.map((m) => m.namespace))].sort();
          const narrowed: ClientGroup = byReason.size === 1 ? group : { ...group, namespaces };
          rows.push({ dest, group: narrowed, status: 'not-visible', reason, ...(choice ? { winner: choice.rule, step: choice.step } : {}), cells });
        }
      }
    }
  }
  return { dr, host, dests, rows };
}
