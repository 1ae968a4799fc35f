import type { DestinationRuleObject } from '../../model/kinds/destinationRule';
import type { Path } from '../../model/read';
import type { LookupStep } from '../../semantics/destinationRuleLookup';
import type { DestinationPort } from '../../semantics/destinations';
import type { HoverContext } from './hoverContext';
import type { Linker } from './links';
import { code, paragraphs, someOf, table } from './markdown';
import { destinationRuleReach, type NotVisibleReason, type RuleClientRow, type RuleStatus } from './destinationRuleReach';
import { destLabel, groupLabel, outcomesText, serversText, tlsInForceText } from './outcomeText';
import { nameText } from '../../rules/quoteValue';

const STEP_TEXT: Record<LookupStep, string> = {
  client: 'from the client namespace, §B3 step 1',
  service: 'from the service namespace, §B3 step 2',
  root: 'from the root namespace, §B3 step 3',
};

const NOT_VISIBLE_TEXT: Record<NotVisibleReason, string> = {
  'selector-elsewhere': 'a workloadSelector rule applies only to proxies of its own namespace (§B4)',
  'selector-labels': 'their labels do not match the workloadSelector (§B4)',
  'other-namespace': "the lookup reads only the client's namespace, the service's and the root namespace, and the rule lives in none of them (§B3)",
  'export-to': 'exportTo keeps the rule from them (§B3)',
};

function headerText(dr: DestinationRuleObject, host: string): string {
  const hostText = !dr.host ? 'no host' : host === dr.host ? `host ${code(host)}` : `host ${code(dr.host)} → ${code(host)} (§B1)`;
  const selector = dr.workloadSelector
    ? ` · workloadSelector ${code(Object.entries(dr.workloadSelector.matchLabels).map(([k, v]) => `${k}=${v}`).join(', '))}: only matching proxies of ${code(dr.namespace)} (§B4)`
    : '';
  const exportTo = dr.exportTo.length ? ` · exportTo ${code(dr.exportTo.join(', '))}` : '';
  return `**DestinationRule ${code(`${dr.namespace}/${dr.name}`)}** · ${hostText}${selector}${exportTo}`;
}

function resolvesText(dests: readonly DestinationPort[], host: string, links: Linker): string {
  if (dests.length === 0) return `⚠️ ${code(host || '(empty)')} matches no Service or ServiceEntry of the workspace: the rule has no effect (§B1).`;
  const byTarget = new Map<string, { link: string; ports: string[] }>();
  for (const d of dests) {
    const r = d.service?.resource ?? d.serviceEntry?.resource;
    if (!r) continue;
    const key = `${r.id}|${d.host}`;
    const label = d.service ? `Service ${nameText(d.namespace)}/${nameText(d.service.name)}` : `ServiceEntry ${nameText(d.namespace)}/${nameText(d.serviceEntry?.name)} (${nameText(d.host)})`;
    const entry = byTarget.get(key) ?? { link: links.resource(r, label), ports: [] };
    entry.ports.push(String(d.port));
    byTarget.set(key, entry);
  }
  const items = [...byTarget.values()].map((e) => `${e.link} port${e.ports.length > 1 ? 's' : ''} ${e.ports.join(', ')}`);
  return `Resolves to ${someOf(items, 5)}.`;
}

interface StatusEntry {
  readonly labels: string[];
  readonly dests: Set<DestinationPort>;
  readonly row: RuleClientRow;
}

function statusEntries(rows: readonly RuleClientRow[], statuses: readonly RuleStatus[]): StatusEntry[] {
  const map = new Map<string, StatusEntry>();
  for (const row of rows) {
    if (!statuses.includes(row.status)) continue;
    // Who wins matters for shadowed and dropped rows only.
    const winner = row.status === 'shadowed' || row.status === 'dropped' ? (row.winner?.policyOwner ?? row.winner?.members[0])?.resource.id : '';
    const key = `${row.status}|${row.reason ?? ''}|${row.status === 'in-force' || winner ? (row.step ?? '') : ''}|${winner ?? ''}`;
    const e = map.get(key) ?? { labels: [], dests: new Set(), row };
    const label = groupLabel(row.group);
    if (!e.labels.includes(label)) e.labels.push(label);
    e.dests.add(row.dest);
    map.set(key, e);
  }
  return [...map.values()];
}

function onDests(e: StatusEntry, all: readonly DestinationPort[]): string {
  return e.dests.size === all.length ? '' : ` for ${someOf([...e.dests].map((d) => destLabel(d)), 3)}`;
}

function winnerLink(row: RuleClientRow, links: Linker): string {
  const w = row.winner;
  const r = w?.policyOwner ?? w?.members[0];
  return r ? `${links.resource(r.resource)} (host ${code(w?.host ?? '')})` : '';
}

function lookupText(reach: ReturnType<typeof destinationRuleReach>, links: Linker): string {
  const { rows, dests } = reach;
  const lines: string[] = [];
  const inForce = statusEntries(rows, ['in-force']);
  lines.push(
    inForce.length
      ? `**In force** for: ${inForce.map((e) => `${someOf(e.labels, 4)} (${STEP_TEXT[e.row.step ?? 'client']})${onDests(e, dests)}`).join('; ')}.`
      : '**Not in force** for any client.',
  );
  for (const e of statusEntries(rows, ['dropped'])) {
    lines.push(`**Merged, trafficPolicy dropped** (§B5) for ${someOf(e.labels, 4)}${onDests(e, dests)}: the older ${winnerLink(e.row, links)} supplies the whole trafficPolicy.`);
  }
  for (const e of statusEntries(rows, ['shadowed'])) {
    lines.push(
      e.row.winner
        ? `**Shadowed** for ${someOf(e.labels, 4)}${onDests(e, dests)} by ${winnerLink(e.row, links)}, ${STEP_TEXT[e.row.step ?? 'client']}.`
        : `**Shadowed** for ${someOf(e.labels, 4)}${onDests(e, dests)}: their namespace has workloadSelector rules for this host that do not select them, which ends the lookup with no DestinationRule (§B3 step 1, §B4).`,
    );
  }
  const hidden = statusEntries(rows, ['not-visible', 'hidden']);
  for (const e of hidden) {
    const why = e.row.status === 'hidden' ? 'the Service is not exported to them: plaintext through the passthrough cluster (§B13)' : NOT_VISIBLE_TEXT[e.row.reason ?? 'export-to'];
    lines.push(`Not used by ${someOf(e.labels, 4)}${onDests(e, dests)}: ${why}.`);
  }
  return lines.join('\n\n');
}

function outcomeTable(ctx: HoverContext, dr: DestinationRuleObject, rows: readonly RuleClientRow[]): string {
  const { sem, links } = ctx;
  const merged = new Map<string, { cells: string[]; clients: string[] }>();
  for (const row of rows) {
    if (row.status !== 'in-force' && row.status !== 'dropped') continue;
    for (const { cell, outcomes } of row.cells) {
      const cols = [destLabel(row.dest, cell.subset), tlsInForceText(sem, cell, links, dr), serversText(sem, row.dest, links), outcomesText(sem, cell, outcomes)];
      const key = cols.join('\u0000');
      const e = merged.get(key) ?? { cells: cols, clients: [] };
      const label = groupLabel(row.group);
      if (!e.clients.includes(label)) e.clients.push(label);
      merged.set(key, e);
    }
  }
  if (merged.size === 0) return '';
  const tableRows = [...merged.values()].map((e) => [e.cells[0], someOf(e.clients, 4), e.cells[1], e.cells[2], e.cells[3]]);
  return `**Outcome** per destination port (§C):\n\n${table(['Port', 'Clients', 'TLS in force', 'Servers', 'Outcome'], tableRows)}`;
}

/** When the cursor is inside a `tls` block: where that block is the one in force. */
function focusText(ctx: HoverContext, dr: DestinationRuleObject, rows: readonly RuleClientRow[]): string {
  const path = ctx.at.path;
  const i = path.indexOf('tls');
  if (i < 0) return '';
  const blockPath: Path = path.slice(0, i + 1);
  const same = (p: Path | undefined) => !!p && p.length === blockPath.length && p.every((s, k) => String(s) === String(blockPath[k]));
  const byDest = new Map<string, string[]>();
  for (const row of rows) {
    for (const { cell } of row.cells) {
      if (!same(cell.inForce.tls?.path) || ctx.sem.ownerOf(cell) !== dr) continue;
      const key = destLabel(row.dest, cell.subset);
      byDest.set(key, [...(byDest.get(key) ?? []), groupLabel(row.group)]);
    }
  }
  const where = [...byDest.entries()].map(([dest, clients]) => `${dest} from ${someOf(clients, 4)}`);
  return where.length ? `This ${code("tls")} block is in force for ${where.join("; ")}.` : `This ${code('tls')} block is in force for no client (another level, rule or subset takes precedence, §B6/§B7).`;
}

/** DestinationRule hover: what it resolves to, for which client namespaces it is in force (§B3), and the outcome per port (§C). */
export function destinationRuleHover(ctx: HoverContext, dr: DestinationRuleObject): string {
  const reach = destinationRuleReach(ctx.model, ctx.sem, dr);
  return paragraphs([
    headerText(dr, reach.host),
    resolvesText(reach.dests, reach.host, ctx.links),
    reach.dests.length > 0 && lookupText(reach, ctx.links),
    focusText(ctx, dr, reach.rows),
    outcomeTable(ctx, dr, reach.rows),
  ]);
}
