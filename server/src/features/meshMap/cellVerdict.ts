import type { MeshMapVerdict } from '../../../../protocol/src/meshMap';
import type { Judged } from '../hover/outcomeText';
import { wireLabel } from '../hover/outcomeText';

/** How bad a verdict is: a cell shows the worst of its parts. */
const RANK: Record<MeshMapVerdict, number> = { mtls: 0, tls: 1, plaintext: 2, unknown: 3, fails: 4 };

export function worst(verdicts: Iterable<MeshMapVerdict>): MeshMapVerdict {
  let out: MeshMapVerdict = 'mtls';
  for (const v of verdicts) if (RANK[v] > RANK[out]) out = v;
  return out;
}

/** §C for one judged endpoint, as a colour of the map. */
export function verdictOf(j: Judged): MeshMapVerdict {
  const o = j.outcome;
  if (!o || o.verdict === 'unknown') return 'unknown';
  if (o.verdict === 'fails') return 'fails';
  return j.wire.wire === 'MTLS' ? 'mtls' : j.wire.wire === 'USER_TLS' ? 'tls' : j.wire.wire === 'PLAINTEXT' ? 'plaintext' : 'unknown';
}

/** One line, plain text: what goes on the wire, and what the server does with it. */
export function verdictText(j: Judged): string {
  const o = j.outcome;
  const sends = `sends ${wireLabel(j.wire.wire)} (${j.wire.reason})`;
  if (!o) return `${sends}; no endpoint in the workspace to judge`;
  if (o.verdict === 'fails') return `fails (§${o.cell}): ${sends}; ${o.explanation}`;
  if (o.verdict === 'unknown') return `unknown: ${j.wire.wire === 'UNKNOWN' ? j.wire.reason : o.explanation}`;
  return `${wireLabel(j.wire.wire)}: ${o.explanation}${j.wire.wire === 'PLAINTEXT' ? ` (${j.wire.reason})` : ''}`;
}
