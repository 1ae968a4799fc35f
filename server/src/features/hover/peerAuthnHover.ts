import type { PeerAuthenticationObject } from '../../model/kinds/peerAuthentication';
import type { Workload } from '../../model/kinds/workload';
import { compareByAge } from '../../semantics/policyAge';
import type { HoverContext } from './hoverContext';
import type { Linker } from './links';
import { code, paragraphs, plural, someOf, table } from './markdown';
import { peerAuthnReach, workloadsOf, type IgnoredReason, type Overrider, type ReachRow } from './peerAuthnReach';
import { chainText, modeText } from './serverModeText';
import { portsLabel } from './workloadPorts';
import { nameText, SHOWN_CHARACTERS } from '../../rules/quoteValue';

/** portLevelMtls entries listed in the header; the rest are counted. */
const MAX_PORTS = 8;

function scopeText(pa: PeerAuthenticationObject, scope: string, root: string): string {
  if (scope === 'mesh') return `mesh-level (selector-less, in the root namespace ${code(root)})`;
  if (scope === 'namespace') return `namespace-level for ${code(pa.namespace)}`;
  const labels = Object.entries(pa.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
  if (scope === 'workload') return `workload-level, selector ${code(labels)}`;
  return `selector ${code(labels)} in the root namespace ${code(root)}`;
}

function modesText(pa: PeerAuthenticationObject): string {
  const top = pa.mode.value === 'UNSET' ? 'UNSET (inherits)' : pa.mode.value === 'INVALID' ? 'invalid' : pa.mode.value;
  const ports = pa.portLevel.slice(0, MAX_PORTS).map((e) => `port ${nameText(e.key, SHOWN_CHARACTERS)} ${e.mode.value === 'INVALID' ? 'invalid' : e.mode.value}`);
  const more = pa.portLevel.length > MAX_PORTS ? ` and ${pa.portLevel.length - MAX_PORTS} more ports` : '';
  return `mode ${top}${ports.length ? ` · ${ports.join(', ')}${more}` : ''}`;
}

function sameAge(a: PeerAuthenticationObject, b: PeerAuthenticationObject): boolean {
  const t = (p: PeerAuthenticationObject) => (p.resource.creationTimestamp ? Math.floor(Date.parse(p.resource.creationTimestamp) / 1000) : undefined);
  return t(a) === t(b) && compareByAge(a.resource, b.resource) !== 0;
}

function ignoredText(pa: PeerAuthenticationObject, reason: IgnoredReason, root: string, links: Linker): string {
  switch (reason.kind) {
    case 'root-selector':
      return `⚠️ **Ignored** (§A2): a PeerAuthentication with a selector in the root namespace ${code(root)} is ignored entirely, for every workload (only AuthorizationPolicy honours root selectors).`;
    case 'older-scope':
      return `⚠️ **Ignored** (§A3): the ${reason.level}-level policy ${links.resource(reason.winner.resource)} is older${sameAge(reason.winner, pa) ? ' (same age: the name decides)' : ''}, and Istio keeps only the oldest ${reason.level}-level policy.`;
    case 'older-workload':
      return `⚠️ **Ignored** (§A4): every workload it selects is governed by an older workload-level policy (${someOf(reason.winners.map((p) => links.resource(p.resource)))}); no merging, so its portLevelMtls is ignored too.`;
  }
}

function modeCell(row: ReachRow): string {
  if (row.group.sidecar === 'none') return 'no sidecar on this port (excluded from inbound capture, §C7)';
  const mode = `**${modeText(row.group.result.mode)}**`;
  return row.group.sidecar === 'unknown' ? `${mode} (if injected: sidecar unknown)` : mode;
}

function workloadCell(w: Workload, links: Linker): string {
  return links.resource(w.resource);
}

function overriderText(o: Overrider | undefined, links: Linker): string {
  if (!o) return '';
  const level = o.level === 'port' ? 'port-level entry of' : `${o.level}-level`;
  return `${level} ${links.resource(o.policy.resource)} (${o.why === 'older' ? 'older, §A3/§A4' : 'more specific, §A5'})`;
}

/** PeerAuthentication hover: effective modes with their chains, overridden workloads, and why it may be ignored. */
export function peerAuthnHover(ctx: HoverContext, pa: PeerAuthenticationObject): string {
  const { model, sem, links } = ctx;
  const reach = peerAuthnReach(model, sem, pa);
  const root = sem.rootNamespace;
  const header = `**PeerAuthentication ${code(`${pa.namespace}/${pa.name}`)}** · ${scopeText(pa, reach.scope, root)} · ${modesText(pa)}`;
  const governedWorkloads = workloadsOf(reach.governed);
  const overriddenWorkloads = workloadsOf(reach.overridden);
  const governed = reach.governed.length
    ? `**Effective mode** (§A5, §A7) on ${plural(governedWorkloads.length, 'workload')} it governs:\n\n${table(
        ['Workload', 'Ports', 'Mode', 'Decided by (mesh → namespace → workload → port)'],
        reach.governed.map((r) => [workloadCell(r.workload, links), portsLabel(r.group, r.groupCount), modeCell(r), chainText(r.group.result, links)]),
      )}`
    : reach.ignored || reach.overridden.length
      ? ''
      : `It governs no workload of the workspace${reach.scope === 'namespace' || reach.scope === 'workload' ? ` in ${code(pa.namespace)}` : ''}.`;
  const overridden = reach.overridden.length
    ? `**Overridden** on ${plural(overriddenWorkloads.length, 'workload')} it would govern:\n\n${table(
        ['Workload', 'Ports', 'Mode', 'Taken by'],
        reach.overridden.map((r) => [workloadCell(r.workload, links), portsLabel(r.group, r.groupCount), modeCell(r), overriderText(r.overriddenBy, links)]),
      )}`
    : '';
  const noSidecar = reach.withoutSidecar.length
    ? `Not enforced on ${plural(reach.withoutSidecar.length, 'workload')} without a sidecar (§A11): ${someOf(reach.withoutSidecar.map((w) => links.resource(w.resource)))}.`
    : '';
  return paragraphs([header, reach.ignored && ignoredText(pa, reach.ignored, root, links), governed, overridden, noSidecar]);
}
