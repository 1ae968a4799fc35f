import type { InboundMode, InboundPort, MeshNamespace, MeshWorkload, SidecarState, WorkspaceMesh } from '../../../../protocol/src/workspaceMesh';
import type { Workload } from '../../model/kinds/workload';
import type { AnalyzedContext } from '../../workspace/analyzeWorkspace';
import type { MeshSemantics } from '../../semantics/meshSemantics';
import type { ServerModeResult } from '../../semantics/serverMode';
import type { ServerSide } from '../../semantics/outcome';
import type { Injection } from '../../semantics/injection';
import type { EditorSnapshot } from '../editorSnapshot';
import { decidedByText, stepPath } from '../hover/serverModeText';
import { wireLabel } from '../hover/outcomeText';
import { locationOf, plainLinker } from '../meshMap/resourceLocation';
import { nameText } from '../../rules/quoteValue';

type Failing = { namespace: string; reason: string };

function sidecarState(i: Injection): SidecarState {
  return i === 'yes' ? 'injected' : i === 'no' ? 'not-injected' : 'unknown';
}

function inboundMode(side: ServerSide): InboundMode {
  return side.sidecar === 'yes' ? side.mode : side.sidecar === 'none' ? 'NONE' : 'UNKNOWN';
}

/** Per workload and target port: the client namespaces whose connections fail there (§C), from every cell once. */
function failuresOf(sem: MeshSemantics): Map<Workload, Map<number, Failing[]>> {
  const out = new Map<Workload, Map<number, Failing[]>>();
  for (const cell of sem.cells) {
    for (const o of sem.endpointOutcomes(cell)) {
      if (o.outcome.verdict !== 'fails') continue;
      const byPort = out.get(o.endpoint.workload) ?? new Map<number, Failing[]>();
      const list = byPort.get(o.endpoint.targetPort) ?? [];
      const reason = `${nameText(cell.dest.host)}:${cell.dest.port}${cell.subset ? ` subset ${nameText(cell.subset)}` : ''}: sends ${wireLabel(o.wire.wire)} (${o.wire.reason}); ${o.outcome.explanation}`;
      for (const ns of new Set(cell.profiles.map((p) => p.namespace))) {
        if (!list.some((f) => f.namespace === ns && f.reason === reason)) list.push({ namespace: ns, reason });
      }
      byPort.set(o.endpoint.targetPort, list);
      out.set(o.endpoint.workload, byPort);
    }
  }
  return out;
}

function portOf(snapshot: EditorSnapshot, result: ServerModeResult, mode: InboundMode, sidecar: SidecarState, port: number | undefined, failing: readonly Failing[]): InboundPort {
  const d = result.decidedBy;
  const policy = d ? locationOf(snapshot, d.policy.resource, stepPath(d)) : undefined;
  return {
    ...(port !== undefined ? { port } : {}),
    mode,
    sidecar,
    decidedBy: decidedByText(result, plainLinker),
    ...(policy ? { policy } : {}),
    failingClients: failing,
  };
}

function workloadOf(snapshot: EditorSnapshot, sem: MeshSemantics, w: Workload, failures: Map<Workload, Map<number, Failing[]>>): MeshWorkload | undefined {
  const location = locationOf(snapshot, w.resource);
  if (!location) return undefined;
  const injection = sem.injection(w);
  const sidecar = sidecarState(injection.injected);
  const ports: InboundPort[] = sem.inboundPorts(w).map((p) => {
    const side = sem.serverSideOf(w, p);
    const captured = side.sidecar === 'yes' || injection.injected !== 'yes';
    return portOf(snapshot, sem.serverMode(w, p), inboundMode(side), captured ? sidecar : 'not-injected', p, failures.get(w)?.get(p) ?? []);
  });
  const rest = sem.serverMode(w, undefined);
  const restMode: InboundMode = injection.injected === 'yes' ? rest.mode : injection.injected === 'no' ? 'NONE' : 'UNKNOWN';
  ports.push(portOf(snapshot, rest, restMode, sidecar, undefined, []));
  return { name: w.name, kind: w.kind, namespace: w.namespace, sidecar, sidecarReason: injection.reason, location, ports };
}

function namespaceOf(snapshot: EditorSnapshot, context: AnalyzedContext, name: string): Omit<MeshNamespace, 'workloads'> {
  const result = context.sem.namespaceMode(name);
  const d = result.decidedBy;
  const policy = d ? locationOf(snapshot, d.policy.resource, stepPath(d)) : undefined;
  const ns = context.model.namespaces.get(name);
  const location = ns ? locationOf(snapshot, ns.resource) : undefined;
  return { name, mode: result.mode, decidedBy: decidedByText(result, plainLinker), ...(policy ? { policy } : {}), ...(location ? { location } : {}) };
}

/**
 * The workspace as a tree: namespaces → workloads → inbound ports, each port with its effective
 * mode (§A5, §A7), what receives it (§C1, §A11), the policy that decides it, and the clients that
 * fail there. Each workload is judged in the analysis context that owns it.
 */
export function workspaceMeshOf(snapshot: EditorSnapshot): WorkspaceMesh {
  const namespaces = new Map<string, { head: Omit<MeshNamespace, 'workloads'>; workloads: MeshWorkload[] }>();
  const entry = (context: AnalyzedContext, name: string) => {
    let e = namespaces.get(name);
    if (!e) {
      e = { head: namespaceOf(snapshot, context, name), workloads: [] };
      namespaces.set(name, e);
    }
    return e;
  };
  let rootNamespace = '';
  for (const context of snapshot.result.contexts) {
    rootNamespace ||= context.model.mesh.rootNamespace;
    const failures = failuresOf(context.sem);
    for (const ns of context.model.namespaces.values()) if (context.owned.has(ns.resource.id)) entry(context, ns.name);
    for (const w of context.model.workloads) {
      if (!context.owned.has(w.resource.id)) continue;
      const mw = workloadOf(snapshot, context.sem, w, failures);
      if (mw) entry(context, w.namespace).workloads.push(mw);
    }
  }
  const list: MeshNamespace[] = [...namespaces.values()]
    .map((e) => ({ ...e.head, workloads: e.workloads.sort((a, b) => a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind)) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { rootNamespace, namespaces: list };
}
