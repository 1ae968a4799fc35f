import type { ServiceEntryObject, ServiceObject } from '../../model/kinds/service';
import type { MeshSemantics } from '../../semantics/meshSemantics';
import type { DestinationPort } from '../../semantics/destinations';
import { outcomeOf } from '../../semantics/outcome';
import type { HoverContext } from './hoverContext';
import { clientGroupsFor, groupOutcomes } from './destinationClients';
import { code, paragraphs, someOf, table } from './markdown';
import { destLabel, groupLabel, outcomesText, serversText, tlsInForceText } from './outcomeText';

/** §C row 1: what a client without a sidecar (plaintext) meets at each endpoint. */
function nonMeshOutcome(sem: MeshSemantics, dest: DestinationPort): string {
  if (dest.endpoints.length === 0) return dest.meshExternal ? 'plaintext' : 'no endpoint to judge';
  const texts = dest.endpoints.map((e) => {
    const o = outcomeOf('PLAINTEXT', sem.serverSideOf(e.workload, e.targetPort), dest.http);
    const text = o.verdict === 'fails' ? `**fails** (§${o.cell}): ${o.explanation}` : o.verdict === 'unknown' ? `unknown: ${o.explanation}` : 'plaintext';
    return { text, name: e.workload.name };
  });
  const distinct = [...new Set(texts.map((t) => t.text))];
  if (distinct.length === 1) return distinct[0];
  return distinct.map((d) => `${someOf(texts.filter((t) => t.text === d).map((t) => t.name), 3)}: ${d}`).join('; ');
}

function portsTable(ctx: HoverContext, dests: readonly DestinationPort[]): string {
  const rows = dests.map((d) => {
    const targets = [...new Set(d.endpoints.map((e) => e.targetPort))].join(', ') || '—';
    return [destLabel(d), targets, serversText(ctx.sem, d, ctx.links)];
  });
  return `**Inbound** per port (§A7: the mode is read on the target port):\n\n${table(['Port', 'Target', 'Servers'], rows)}`;
}

function clientsTable(ctx: HoverContext, dests: readonly DestinationPort[]): string {
  const { sem, links } = ctx;
  const merged = new Map<string, { cols: string[]; clients: string[] }>();
  const add = (cols: string[], client: string) => {
    const key = cols.join('\u0000');
    const e = merged.get(key) ?? { cols, clients: [] };
    if (!e.clients.includes(client)) e.clients.push(client);
    merged.set(key, e);
  };
  for (const d of dests) {
    for (const g of clientGroupsFor(sem, d)) {
      if (g.cells.length === 0) {
        add([destLabel(d), 'not exported to them: passthrough plaintext (§B13)', nonMeshOutcome(sem, d)], groupLabel(g));
        continue;
      }
      for (const { cell, outcomes } of groupOutcomes(sem, g)) add([destLabel(d, cell.subset), tlsInForceText(sem, cell, links), outcomesText(sem, cell, outcomes)], groupLabel(g));
    }
    add([destLabel(d), 'plaintext (no sidecar)', nonMeshOutcome(sem, d)], 'clients without a sidecar');
  }
  const rows = [...merged.values()].map((e) => [e.cols[0], someOf(e.clients, 4), e.cols[1], e.cols[2]]);
  return `**Clients** send (§B) and meet (§C):\n\n${table(['Port', 'Clients', 'TLS in force', 'Outcome'], rows)}`;
}

/** Service hover: inbound mode per port (with the deciding policy), and what each client namespace sends to each port. */
export function serviceHover(ctx: HoverContext, svc: ServiceObject): string {
  const dests = ctx.sem.destinationsOf(svc);
  const host = dests[0]?.host ?? `${svc.name}.${svc.namespace}.svc.cluster.local`;
  const header = `**Service ${code(`${svc.namespace}/${svc.name}`)}** · host ${code(host)}${svc.headless ? ' · headless (§B10: auto mTLS is all-or-nothing)' : ''}`;
  if (dests.length === 0) return paragraphs([header, 'No ports.']);
  const selector = svc.selector ? '' : 'No selector: its endpoints are managed elsewhere, so the workspace cannot judge the servers.';
  return paragraphs([header, selector, portsTable(ctx, dests), clientsTable(ctx, dests)]);
}

/** ServiceEntry hover: the same, per host and port. */
export function serviceEntryHover(ctx: HoverContext, se: ServiceEntryObject): string {
  const dests = ctx.sem.destinations.filter((d) => d.serviceEntry === se);
  const header = `**ServiceEntry ${code(`${se.namespace}/${se.name}`)}** · ${se.location}${se.location === 'MESH_EXTERNAL' ? ' (auto mTLS sends plaintext, §B10)' : ''} · hosts ${someOf(se.hosts.map(code), 4)}`;
  if (dests.length === 0) return paragraphs([header, 'No hosts or ports.']);
  return paragraphs([header, portsTable(ctx, dests), clientsTable(ctx, dests)]);
}
