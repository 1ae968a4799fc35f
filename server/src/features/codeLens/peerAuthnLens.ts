import type { PeerAuthenticationObject } from '../../model/kinds/peerAuthentication';
import type { MeshModel } from '../../model/meshModel';
import type { MeshSemantics } from '../../semantics/meshSemantics';
import { nsName } from '../hover/links';
import { plural } from '../hover/markdown';
import { peerAuthnReach, workloadsOf, type IgnoredReason } from '../hover/peerAuthnReach';
import { modeText } from '../hover/serverModeText';

function ignoredVerdict(reason: IgnoredReason): string {
  switch (reason.kind) {
    case 'root-selector':
      return 'ignored: root-namespace selector';
    case 'older-scope':
      return `ignored: older ${reason.level}-level ${nsName(reason.winner)} wins`;
    case 'older-workload':
      return `ignored: older ${reason.winners.map(nsName).join(', ')} ${reason.winners.length === 1 ? 'wins' : 'win'} on every workload`;
  }
}

/** The one-line verdict above a PeerAuthentication: "STRICT on 6 workloads · 1 overridden". */
export function peerAuthnVerdict(model: MeshModel, sem: MeshSemantics, pa: PeerAuthenticationObject): string {
  const reach = peerAuthnReach(model, sem, pa);
  if (reach.ignored) return ignoredVerdict(reach.ignored);
  // A mode this policy only passes on (it is UNSET there) is marked inherited.
  const byMode = new Map<string, { workloads: Set<string>; main: boolean }>();
  for (const row of reach.governed) {
    const r = row.group.result;
    const mode = row.group.sidecar === 'none' ? 'not captured' : `${modeText(r.mode)}${r.decidedBy && r.decidedBy.policy !== pa ? ' (inherited)' : ''}`;
    const entry = byMode.get(mode) ?? { workloads: new Set<string>(), main: false };
    entry.workloads.add(row.workload.resource.id);
    entry.main ||= row.group.otherPorts;
    byMode.set(mode, entry);
  }
  const parts = [...byMode.entries()]
    .sort((a, b) => Number(b[1].main) - Number(a[1].main) || b[1].workloads.size - a[1].workloads.size || a[0].localeCompare(b[0]))
    .map(([mode, e], i) => `${mode} on ${i === 0 ? plural(e.workloads.size, 'workload') : e.workloads.size}`);
  const overridden = workloadsOf(reach.overridden).length;
  if (parts.length === 0) {
    const own = pa.mode.value === 'UNSET' ? 'UNSET (inherits)' : pa.mode.value === 'INVALID' ? 'invalid mode' : pa.mode.value;
    parts.push(overridden ? `${own} on 0 workloads` : `${own} · no workload in scope`);
  }
  if (overridden) parts.push(`${overridden} overridden`);
  if (reach.withoutSidecar.length) parts.push(`${reach.withoutSidecar.length} without sidecar`);
  return parts.join(' · ');
}
