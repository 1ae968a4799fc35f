// Whether setting a DestinationRule `tls` block to ISTIO_MUTUAL would break a destination it
// governs (§C4, §C5): Istio mTLS fails at an endpoint whose sidecar is DISABLE on the target port,
// at one without a sidecar, and at a MESH_EXTERNAL host. Removing the block instead lets auto mTLS
// choose per endpoint (§B10, §B11).
import { outcomeOf } from '../../semantics/outcome';
import type { FixInput } from './fix';

function samePath(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((s, i) => String(s) === String(b[i]));
}

/** Whether Istio mTLS would fail somewhere the finding's tls block is in force (false when nothing is known). */
export function istioMutualWouldFail(input: FixInput): boolean {
  const sem = input.context?.sem;
  const anchor = input.finding.anchor;
  if (!sem || !('resource' in anchor)) return false;
  for (const dest of sem.destinations) {
    for (const cell of sem.cellsFor(dest)) {
      const tls = cell.inForce.tls;
      if (!tls || !samePath(tls.path, anchor.path) || sem.ownerOf(cell)?.resource.id !== input.resource.id) continue;
      if (dest.meshExternal) return true;
      if (sem.endpointOutcomes(cell).some((eo) => outcomeOf('MTLS', eo.side, dest.http).verdict === 'fails')) return true;
    }
  }
  return false;
}
