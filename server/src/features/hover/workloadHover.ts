import type { Workload } from '../../model/kinds/workload';
import type { HoverContext } from './hoverContext';
import { code, paragraphs, someOf, table } from './markdown';
import { chainText, modeText } from './serverModeText';
import { portGroups, portsLabel } from './workloadPorts';

function sidecarText(ctx: HoverContext, w: Workload): string {
  const v = ctx.sem.injection(w);
  const state = v.injected === 'yes' ? 'yes' : v.injected === 'no' ? 'no' : 'unknown';
  return `sidecar: **${state}**: ${v.reason} (§C1)`;
}

function behindText(ctx: HoverContext, w: Workload): string {
  const items: string[] = [];
  for (const d of ctx.sem.destinations) {
    const e = d.endpoints.find((x) => x.workload === w);
    if (!e) continue;
    const r = d.service?.resource ?? d.serviceEntry?.resource;
    if (!r) continue;
    items.push(`${ctx.links.resource(r, `${d.service ? 'Service' : 'ServiceEntry'} ${d.namespace}/${d.service?.name ?? d.serviceEntry?.name}`)} port ${d.port} → ${e.targetPort}`);
  }
  return items.length ? `Behind ${someOf(items, 4)}.` : '';
}

/** Workload hover: sidecar state with the injection reason, and the inbound mode per target port with its deciding chain. */
export function workloadHover(ctx: HoverContext, w: Workload): string {
  const { sem, links, model } = ctx;
  const header = `**${w.kind} ${code(`${w.namespace}/${w.name}`)}** · ${sidecarText(ctx, w)}`;
  const identity = `Identity: ${code(`spiffe://${model.mesh.trustDomain}/ns/${w.namespace}/sa/${w.serviceAccount}`)}`;
  const injected = sem.injection(w).injected;
  let modes: string;
  if (injected === 'no') {
    modes = 'Inbound traffic reaches the app directly: no PeerAuthentication is enforced (§A11). Clients using auto mTLS send it plaintext (§B10).';
  } else {
    const groups = portGroups(sem, w);
    const rows = groups.map((g) => [
      portsLabel(g, groups.length),
      g.sidecar === 'none' ? 'no sidecar (excluded from inbound capture, §C7)' : `**${modeText(g.result.mode)}**`,
      chainText(g.result, links),
    ]);
    modes = `**Inbound mode** (§A5, §A7)${injected === 'unknown' ? ', if the pod gets a sidecar' : ''}:\n\n${table(['Ports', 'Mode', 'Decided by (mesh → namespace → workload → port)'], rows)}`;
  }
  return paragraphs([header, identity, modes, behindText(ctx, w)]);
}
