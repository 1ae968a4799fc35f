import type { ClientCell, EndpointOutcome, MeshSemantics } from '../../semantics/meshSemantics';
import { wireForTlsBlock, type Wire, type WireDecision } from '../../semantics/clientTls';
import { outcomeOf, type Outcome } from '../../semantics/outcome';
import type { DestinationPort } from '../../semantics/destinations';
import type { DestinationRuleObject } from '../../model/kinds/destinationRule';
import type { ClientGroup } from './destinationClients';
import type { Linker } from './links';
import { code, someOf } from './markdown';
import { decidedByText, modeText } from './serverModeText';
import { nameText } from '../../rules/quoteValue';

export function wireLabel(w: Wire): string {
  return w === 'MTLS' ? 'mTLS' : w === 'PLAINTEXT' ? 'plaintext' : w === 'USER_TLS' ? 'user TLS' : 'unknown';
}

/** `reviews:9080 (http)`, with the subset when the cell is a routed subset. */
export function destLabel(dest: DestinationPort, subset?: string): string {
  const name = dest.service ? dest.service.name : dest.host;
  return `${nameText(name)}:${dest.port}${dest.portName ? ` (${nameText(dest.portName)})` : ''}${subset ? ` subset ${nameText(subset)}` : ''}`;
}

export function groupLabel(g: ClientGroup): string {
  if (g.kind === 'other') return 'other namespaces';
  const names = g.namespaces.map(code).join(', ');
  if (g.kind === 'hypothetical') return `${names} (no injected client)`;
  return g.workloads ? `${names} (${someOf(g.workloads, 3)})` : names;
}

function levelText(cell: ClientCell): string {
  const port = cell.dest.port;
  switch (cell.inForce.level) {
    case 'top':
      return 'top level';
    case 'port':
      return `port ${port} entry`;
    case 'subset':
      return `subset ${nameText(cell.subset)}`;
    case 'subset-port':
      return `subset ${nameText(cell.subset)} port ${port} entry`;
    case 'none':
      return '';
  }
}

/**
 * The `tls` in force for a cell (§B6/§B7/§B8), or auto mTLS (§B10), with the DestinationRule that
 * wrote it when it is not `self`.
 */
export function tlsInForceText(sem: MeshSemantics, cell: ClientCell, links: Linker, self?: DestinationRuleObject): string {
  const owner = sem.ownerOf(cell);
  const from = owner && owner !== self ? ` from ${links.resource(owner.resource)}` : '';
  const tls = cell.inForce.tls;
  if (tls) {
    const mode = tls.mode === 'INVALID' ? 'invalid mode' : tls.modeGiven ? tls.mode : 'DISABLE (no mode, §B8)';
    return `${mode} (${levelText(cell)})${from}`;
  }
  if (!cell.choice) return 'auto mTLS (no DestinationRule, §B10)';
  const where = cell.inForce.level === 'none' ? 'no tls' : `${levelText(cell)} without tls, §B6`;
  const eds = cell.inForce.edsMode ? `; endpoint tlsMode follows ${cell.inForce.edsMode} (§B11)` : '';
  return `auto mTLS (${where}${eds})${from}`;
}

function distinctBy<T>(items: readonly T[], text: (t: T) => string, who: (t: T) => string): string {
  const byText = new Map<string, string[]>();
  for (const i of items) {
    const t = text(i);
    const list = byText.get(t) ?? [];
    list.push(who(i));
    byText.set(t, list);
  }
  if (byText.size <= 1) return [...byText.keys()][0] ?? '';
  return [...byText.entries()].map(([t, names]) => `${someOf(names, 3)}: ${t}`).join('; ');
}

/** What the servers behind a destination require on the target port (§A, §A11). */
export function serversText(sem: MeshSemantics, dest: DestinationPort, links: Linker): string {
  if (dest.endpoints.length === 0) {
    if (dest.meshExternal) return 'MESH_EXTERNAL: no sidecar';
    return dest.selectedWorkloads.length ? 'no selected workload exposes the target port' : 'no workload in the workspace';
  }
  return distinctBy(
    dest.endpoints,
    (e) => {
      const side = sem.serverSideOf(e.workload, e.targetPort);
      const injection = sem.injection(e.workload);
      if (side.sidecar === 'none') return injection.injected === 'no' ? `no sidecar (${injection.reason})` : `port ${e.targetPort} not captured by the sidecar (§C7)`;
      if (side.sidecar === 'unknown') return `sidecar unknown (${injection.reason})`;
      return `**${modeText(side.mode)}** on ${e.targetPort} (${decidedByText(sem.serverMode(e.workload, e.targetPort), links)})`;
    },
    (e) => e.workload.name,
  );
}

/** One judged endpoint (or the destination as a whole when it has none): what goes on the wire and what §C says. */
export interface Judged {
  readonly name?: string;
  readonly wire: WireDecision;
  readonly outcome?: Outcome;
}

/**
 * The §C judgement of a cell: per endpoint; for a MESH_EXTERNAL host without workloads, against
 * "no sidecar" (§C4); otherwise only the wire of an explicit block (auto mTLS decides per endpoint).
 */
export function judge(sem: MeshSemantics, cell: ClientCell, outcomes: readonly EndpointOutcome[]): Judged[] {
  if (outcomes.length) return outcomes.map((o) => ({ name: o.endpoint.workload.name, wire: o.wire, outcome: o.outcome }));
  const tls = cell.inForce.tls;
  const wire: WireDecision | undefined = tls
    ? wireForTlsBlock(tls, sem.ownerOf(cell))
    : cell.dest.meshExternal
      ? { wire: 'PLAINTEXT', reason: 'auto mTLS sends plaintext to MESH_EXTERNAL hosts' }
      : undefined;
  if (!wire) return [];
  return cell.dest.meshExternal ? [{ wire, outcome: outcomeOf(wire.wire, { sidecar: 'none' }, cell.dest.http) }] : [{ wire }];
}

function judgedText(j: Judged): string {
  const o = j.outcome;
  if (!o) return `sends ${wireLabel(j.wire.wire)}; no endpoint to judge`;
  if (o.verdict === 'fails') return `**fails** (§${o.cell}): sends ${wireLabel(j.wire.wire)} (${j.wire.reason}); ${o.explanation}`;
  if (o.verdict === 'unknown') return `unknown: ${j.wire.wire === 'UNKNOWN' ? j.wire.reason : o.explanation}`;
  return `${wireLabel(j.wire.wire)}${j.wire.wire === 'PLAINTEXT' ? ` (${j.wire.reason})` : ''}`;
}

/** The §C outcome per endpoint, merged when the endpoints agree. */
export function outcomesText(sem: MeshSemantics, cell: ClientCell, outcomes: readonly EndpointOutcome[]): string {
  const judged = judge(sem, cell, outcomes);
  if (judged.length === 0) return 'auto mTLS decides per endpoint; no endpoint to judge';
  return distinctBy(judged, judgedText, (j) => j.name ?? cell.dest.host);
}
