import type { MeshMap, MeshMapCell, MeshMapColumn, MeshMapParams, MeshMapRow, MeshMapVerdict } from '../../../../protocol/src/meshMap';
import type { ResourceLocation } from '../../../../protocol/src/location';
import type { AnalyzedContext } from '../../workspace/analyzeWorkspace';
import type { ClientCell, EndpointOutcome, MeshSemantics } from '../../semantics/meshSemantics';
import type { DestinationPort } from '../../semantics/destinations';
import { outcomeOf } from '../../semantics/outcome';
import type { EditorSnapshot } from '../editorSnapshot';
import { clientGroupsFor, groupOutcomes, type ClientGroup } from '../hover/destinationClients';
import { judge, tlsInForceText, type Judged } from '../hover/outcomeText';
import { stepPath } from '../hover/serverModeText';
import { locationOf, plainLinker } from './resourceLocation';
import { verdictOf, verdictText, worst } from './cellVerdict';
import { nameText } from '../../rules/quoteValue';

/** One judged part of a cell: a routed subset, or a group of a namespace's workloads (§B4). */
interface CellPart {
  readonly verdict: MeshMapVerdict;
  readonly reason: string;
  readonly tlsInForce: string;
  readonly location?: ResourceLocation;
  readonly related: readonly ResourceLocation[];
}

function columnOf(snapshot: EditorSnapshot, dest: DestinationPort, id: string): MeshMapColumn {
  const owner = dest.service?.resource ?? dest.serviceEntry?.resource;
  const name = dest.service ? dest.service.name : dest.host;
  const location = owner ? locationOf(snapshot, owner) : undefined;
  return {
    id,
    host: dest.host,
    namespace: dest.namespace,
    label: `${nameText(name)}:${dest.port}`,
    port: dest.port,
    ...(dest.portName ? { portName: dest.portName } : {}),
    kind: dest.service ? 'Service' : 'ServiceEntry',
    ...(location ? { location } : {}),
  };
}

/** The PeerAuthentication that decides what the server of an endpoint requires (§A5). */
function serverPolicy(snapshot: EditorSnapshot, sem: MeshSemantics, o: EndpointOutcome): ResourceLocation | undefined {
  const d = sem.serverMode(o.endpoint.workload, o.endpoint.targetPort).decidedBy;
  return d ? locationOf(snapshot, d.policy.resource, stepPath(d)) : undefined;
}

/** The resource to blame for a cell: the DestinationRule `tls` in force; else, for auto mTLS, the server's policy. */
function cellLocations(snapshot: EditorSnapshot, sem: MeshSemantics, cell: ClientCell, outcomes: readonly EndpointOutcome[], bad: boolean): { location?: ResourceLocation; related: ResourceLocation[] } {
  const owner = sem.ownerOf(cell);
  const tls = cell.inForce.tls;
  const rule = owner && tls ? locationOf(snapshot, owner.resource, tls.modeGiven ? [...tls.path, 'mode'] : tls.path) : owner ? locationOf(snapshot, owner.resource) : undefined;
  const failing = outcomes.find((o) => o.outcome.verdict !== 'ok') ?? outcomes[0];
  const policy = failing ? serverPolicy(snapshot, sem, failing) : undefined;
  const related = [rule, policy].filter((l): l is ResourceLocation => l !== undefined);
  // Auto mTLS to a workload that refuses it: the policy is what to look at first.
  const location = rule && (tls || !bad) ? rule : (policy ?? rule);
  return { ...(location ? { location } : {}), related: related.filter((l) => l !== location) };
}

function judgedParts(j: readonly Judged[]): { verdict: MeshMapVerdict; reason: string } {
  if (j.length === 0) return { verdict: 'unknown', reason: 'auto mTLS decides per endpoint; no endpoint in the workspace to judge' };
  const byText = new Map<string, string[]>();
  for (const x of j) {
    const t = verdictText(x);
    byText.set(t, [...(byText.get(t) ?? []), x.name === undefined ? '' : nameText(x.name)]);
  }
  const reason = byText.size === 1 ? [...byText.keys()][0] : [...byText.entries()].map(([t, names]) => `${names.filter(Boolean).join(', ')}: ${t}`).join('; ');
  return { verdict: worst(j.map(verdictOf)), reason };
}

function partsOf(snapshot: EditorSnapshot, sem: MeshSemantics, dest: DestinationPort, g: ClientGroup): CellPart[] {
  if (g.cells.length === 0) {
    // §B13: the Service is not exported to these clients; they reach it through the passthrough cluster, in plaintext.
    const judged: Judged[] = dest.endpoints.map((e) => ({
      name: e.workload.name,
      wire: { wire: 'PLAINTEXT', reason: 'the Service is not exported to this namespace: passthrough (§B13)' },
      outcome: outcomeOf('PLAINTEXT', sem.serverSideOf(e.workload, e.targetPort), dest.http),
    }));
    return [{ ...judgedParts(judged), tlsInForce: 'not exported: passthrough plaintext (§B13)', related: [] }];
  }
  return groupOutcomes(sem, g).map(({ cell, outcomes }) => {
    const { verdict, reason } = judgedParts(judge(sem, cell, outcomes));
    const subset = cell.subset !== undefined ? `subset ${nameText(cell.subset)}: ` : '';
    const who = g.workloads ? `${g.workloads.join(', ')}: ` : '';
    return { verdict, reason: `${who}${subset}${reason}`, tlsInForce: tlsInForceText(sem, cell, plainLinker), ...cellLocations(snapshot, sem, cell, outcomes, verdict === 'fails' || verdict === 'plaintext') };
  });
}

function mergeParts(row: string, column: string, parts: readonly CellPart[]): MeshMapCell {
  const verdict = worst(parts.map((p) => p.verdict));
  const lead = parts.find((p) => p.verdict === verdict) ?? parts[0];
  const uniq = (xs: string[]) => [...new Set(xs)];
  const related = new Map<string, ResourceLocation>();
  for (const p of parts) for (const l of [p.location, ...p.related]) if (l && l !== lead.location) related.set(`${l.uri}#${l.range.start.line}`, l);
  if (lead.location) related.delete(`${lead.location.uri}#${lead.location.range.start.line}`);
  return {
    row,
    column,
    verdict,
    reason: uniq(parts.map((p) => p.reason)).join('; '),
    tlsInForce: uniq(parts.map((p) => p.tlsInForce)).join('; '),
    ...(lead.location ? { location: lead.location } : {}),
    related: [...related.values()],
  };
}

function destinationsOwnedBy(context: AnalyzedContext): DestinationPort[] {
  return context.sem.destinations.filter((d) => {
    const owner = d.service?.resource ?? d.serviceEntry?.resource;
    return owner !== undefined && context.owned.has(owner.id);
  });
}

/**
 * The workspace's connectivity matrix (§C): for every client namespace with injected workloads and
 * every destination port it can call, what its sidecars send and whether the connection works.
 * Each destination is judged in the analysis context that owns its Service.
 */
export function meshMapOf(snapshot: EditorSnapshot, params: MeshMapParams = {}): MeshMap {
  const exclude = new Set(params.excludeNamespaces ?? []);
  const rows = new Map<string, Set<string>>();
  const columns: MeshMapColumn[] = [];
  const cells: MeshMapCell[] = [];
  const columnIds = new Set<string>();
  for (const context of snapshot.result.contexts) {
    const sem = context.sem;
    for (const p of sem.clientProfiles) {
      const names = rows.get(p.namespace) ?? new Set<string>();
      for (const w of p.workloads) names.add(w.name);
      rows.set(p.namespace, names);
    }
    for (const dest of destinationsOwnedBy(context)) {
      if (exclude.has(dest.namespace)) continue;
      const owner = dest.service?.resource ?? dest.serviceEntry?.resource;
      const id = `${owner?.id ?? ''}|${dest.host}|${dest.port}`;
      if (columnIds.has(id)) continue;
      columnIds.add(id);
      columns.push(columnOf(snapshot, dest, id));
      const parts = new Map<string, CellPart[]>();
      for (const g of clientGroupsFor(sem, dest)) {
        if (g.kind !== 'clients') continue;
        const ps = partsOf(snapshot, sem, dest, g);
        for (const ns of g.namespaces) parts.set(ns, [...(parts.get(ns) ?? []), ...ps]);
      }
      for (const [ns, ps] of parts) cells.push(mergeParts(ns, id, ps));
    }
  }
  const rowList: MeshMapRow[] = [...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([namespace, names]) => ({ id: namespace, namespace, workloads: [...names].sort() }));
  columns.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.label.localeCompare(b.label) || a.host.localeCompare(b.host));
  return { rows: rowList, columns, cells };
}
