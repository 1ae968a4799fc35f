import type { DestinationRuleObject } from '../../model/kinds/destinationRule';
import type { MeshModel } from '../../model/meshModel';
import type { MeshSemantics } from '../../semantics/meshSemantics';
import type { Wire } from '../../semantics/clientTls';
import { destinationRuleReach, type RuleClientRow } from '../hover/destinationRuleReach';
import type { ClientGroup } from '../hover/destinationClients';
import { nsName } from '../hover/links';
import { plural } from '../hover/markdown';
import { judge, wireLabel } from '../hover/outcomeText';
import { nameText } from '../../rules/quoteValue';

function namespacesText(groups: readonly ClientGroup[]): string {
  const names = [...new Set(groups.flatMap((g) => g.namespaces))].sort();
  const other = groups.some((g) => g.kind === 'other');
  const named = names.length ? `${names.length === 1 ? 'namespace' : 'namespaces'} ${names.slice(0, 3).map((n) => nameText(n)).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''}` : '';
  if (!other) return named;
  return named ? `${named} and others` : 'other namespaces';
}

function winnerName(row: RuleClientRow): string {
  const r = row.winner?.policyOwner ?? row.winner?.members[0];
  return r ? nsName(r) : '';
}

/** The one-line verdict above a DestinationRule: "mTLS to 3 services · fails from namespace legacy". */
export function destinationRuleVerdict(model: MeshModel, sem: MeshSemantics, dr: DestinationRuleObject): string {
  const reach = destinationRuleReach(model, sem, dr);
  if (reach.dests.length === 0) return 'no effect: host matches no Service or ServiceEntry';
  const active = reach.rows.filter((r) => r.status === 'in-force');
  const shadowed = reach.rows.filter((r) => r.status === 'shadowed');
  if (active.length === 0) {
    const dropped = reach.rows.find((r) => r.status === 'dropped');
    if (dropped) return `trafficPolicy dropped: older ${winnerName(dropped)} is merged first`;
    const by = [...new Set(shadowed.map(winnerName).filter(Boolean))];
    return `not in force for any client${by.length ? ` · shadowed by ${by.slice(0, 2).join(', ')}${by.length > 2 ? ` and ${by.length - 2} more` : ''}` : ''}`;
  }
  const services = new Map<Wire, Set<string>>();
  const failing: ClientGroup[] = [];
  for (const row of active) {
    const service = row.dest.service?.resource.id ?? row.dest.host;
    for (const { cell, outcomes } of row.cells) {
      const judged = judge(sem, cell, outcomes);
      for (const j of judged) {
        if (j.wire.wire !== 'UNKNOWN' && (!j.outcome || j.outcome.verdict === 'ok')) services.set(j.wire.wire, (services.get(j.wire.wire) ?? new Set()).add(service));
      }
      if (judged.some((j) => j.outcome?.verdict === 'fails') && !failing.includes(row.group)) failing.push(row.group);
    }
  }
  const parts: string[] = [];
  for (const w of ['MTLS', 'PLAINTEXT', 'USER_TLS'] as const) {
    const set = services.get(w);
    if (set) parts.push(`${wireLabel(w)} to ${plural(set.size, 'service')}`);
  }
  if (failing.length) parts.push(`fails from ${namespacesText(failing)}`);
  if (shadowed.length) parts.push(`shadowed for ${namespacesText(shadowed.map((r) => r.group))}`);
  return parts.length ? parts.join(' · ') : 'in force, no endpoint to judge';
}
