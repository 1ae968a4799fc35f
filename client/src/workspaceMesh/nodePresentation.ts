import type { ResourceLocation } from '../../../protocol/src/location';
import type { InboundMode, InboundPort, MeshNamespace, MeshWorkload } from '../../../protocol/src/workspaceMesh';

/** How a node of the Workspace Mesh tree looks, without the vscode API (tested in unit tests). */
export interface NodeView {
  readonly label: string;
  readonly description: string;
  /** A codicon id and a theme colour id. */
  readonly icon: { readonly id: string; readonly color?: string };
  readonly tooltip: string;
  /** What a click reveals: the governing policy, else the resource itself. */
  readonly target?: ResourceLocation;
  readonly contextValue: 'namespace' | 'workload' | 'port';
}

const MODE_ICON: Record<InboundMode, { id: string; color?: string }> = {
  STRICT: { id: 'lock', color: 'testing.iconPassed' },
  PERMISSIVE: { id: 'unlock', color: 'editorWarning.foreground' },
  DISABLE: { id: 'circle-slash', color: 'editorWarning.foreground' },
  NONE: { id: 'debug-disconnect', color: 'disabledForeground' },
  UNKNOWN: { id: 'question', color: 'disabledForeground' },
};
const FAILS = { id: 'error', color: 'testing.iconFailed' };

function modeLabel(mode: InboundMode): string {
  return mode === 'NONE' ? 'no sidecar' : mode === 'UNKNOWN' ? 'unknown' : mode;
}

function failingCount(ports: readonly InboundPort[]): number {
  return ports.reduce((n, p) => n + p.failingClients.length, 0);
}

export function namespaceView(ns: MeshNamespace): NodeView {
  const failing = ns.workloads.reduce((n, w) => n + failingCount(w.ports), 0);
  const injected = ns.workloads.filter((w) => w.sidecar === 'injected').length;
  const target = ns.policy ?? ns.location;
  return {
    label: ns.name,
    description: `${modeLabel(ns.mode)} · ${injected}/${ns.workloads.length} with sidecar${failing ? ` · ${failing} failing` : ''}`,
    icon: failing ? FAILS : MODE_ICON[ns.mode],
    tooltip: `Namespace ${ns.name}: ${modeLabel(ns.mode)} (${ns.decidedBy})${failing ? `\n${failing} failing client connections` : ''}`,
    ...(target ? { target } : {}),
    contextValue: 'namespace',
  };
}

export function workloadView(w: MeshWorkload): NodeView {
  const failing = failingCount(w.ports);
  const rest = w.ports.find((p) => p.port === undefined);
  const sidecar = w.sidecar === 'injected' ? 'sidecar' : w.sidecar === 'not-injected' ? 'no sidecar' : 'sidecar unknown';
  return {
    label: w.name,
    description: `${w.kind} · ${sidecar}${failing ? ` · ${failing} failing` : ''}`,
    icon: failing ? FAILS : w.sidecar === 'injected' ? MODE_ICON[rest?.mode ?? 'UNKNOWN'] : MODE_ICON[w.sidecar === 'not-injected' ? 'NONE' : 'UNKNOWN'],
    tooltip: `${w.kind} ${w.namespace}/${w.name}: ${sidecar} (${w.sidecarReason})`,
    target: w.location,
    contextValue: 'workload',
  };
}

export function portView(p: InboundPort, w: MeshWorkload): NodeView {
  const failing = p.failingClients.length;
  const lines = [`${p.port === undefined ? 'Other ports' : `Port ${p.port}`} of ${w.namespace}/${w.name}: ${modeLabel(p.mode)}, decided by ${p.decidedBy}`];
  for (const f of p.failingClients) lines.push(`✕ clients in ${f.namespace}: ${f.reason}`);
  return {
    label: p.port === undefined ? 'other ports' : `port ${p.port}`,
    description: `${modeLabel(p.mode)} · ${p.decidedBy}${failing ? ` · ${failing} failing` : ''}`,
    icon: failing ? FAILS : MODE_ICON[p.mode],
    tooltip: lines.join('\n'),
    target: p.policy ?? w.location,
    contextValue: 'port',
  };
}
