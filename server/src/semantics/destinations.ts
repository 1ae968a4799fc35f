import type { ServiceEntryObject, ServiceObject, ServicePort } from '../model/kinds/service';
import type { Workload } from '../model/kinds/workload';
import type { MeshModel } from '../model/meshModel';
import { selectorMatches } from './labelMatch';
import { serviceHost } from './hosts';
import { ownValue } from '../model/read';

/** A workload behind a destination port, on the container port the traffic reaches. */
export interface Endpoint {
  readonly workload: Workload;
  readonly targetPort: number;
}

/** One port of a Service or ServiceEntry host: what a client proxy builds a cluster for. */
export interface DestinationPort {
  readonly host: string;
  readonly namespace: string;
  readonly service?: ServiceObject;
  readonly serviceEntry?: ServiceEntryObject;
  readonly port: number;
  readonly portName?: string;
  /** The Service port declares an HTTP-family protocol (§A9): http, http2, grpc, grpc-web. */
  readonly http: boolean;
  readonly endpoints: readonly Endpoint[];
  /** Workloads the selector picks, whether or not they expose the target port. */
  readonly selectedWorkloads: readonly Workload[];
  readonly meshExternal: boolean;
  /** Headless / passthrough: auto mTLS is all-or-nothing (§B10). */
  readonly headless: boolean;
  /** Service visibility (`networking.istio.io/exportTo`, ServiceEntry exportTo); empty = everywhere. */
  readonly exportTo: readonly string[];
}

const HTTP_FAMILY = new Set(['http', 'http2', 'grpc', 'grpc-web']);

/** §A9: the protocol Istio infers from a Service port: appProtocol, else the name prefix. */
export function isHttpFamily(name: string | undefined, appProtocol: string | undefined): boolean {
  if (appProtocol) return HTTP_FAMILY.has(appProtocol.toLowerCase());
  if (!name) return false;
  const lower = name.toLowerCase();
  for (const p of HTTP_FAMILY) if (lower === p || lower.startsWith(`${p}-`)) return true;
  return false;
}

/** The container port a Service port reaches on one workload; undefined when a named port is missing. */
export function resolveTargetPort(port: ServicePort, w: Workload): number | undefined {
  if (typeof port.targetPort === 'number') return port.targetPort;
  for (const c of w.containers) for (const p of c.ports) if (p.name === port.targetPort) return p.containerPort;
  return ownValue(w.namedPorts, port.targetPort);
}

export function selectedBy(model: MeshModel, namespace: string, selector: Readonly<Record<string, string>>): Workload[] {
  return model.namespace(namespace).workloads.filter((w) => selectorMatches(selector, w.labels));
}

export function serviceDestinations(model: MeshModel, svc: ServiceObject): DestinationPort[] {
  const selected = svc.selector ? selectedBy(model, svc.namespace, svc.selector) : [];
  return svc.ports.map((p) => {
    const endpoints: Endpoint[] = [];
    for (const w of selected) {
      const targetPort = resolveTargetPort(p, w);
      if (targetPort !== undefined) endpoints.push({ workload: w, targetPort });
    }
    return {
      host: serviceHost(svc.name, svc.namespace),
      namespace: svc.namespace,
      service: svc,
      port: p.port,
      ...(p.name ? { portName: p.name } : {}),
      http: isHttpFamily(p.name, p.appProtocol),
      endpoints,
      selectedWorkloads: selected,
      meshExternal: false,
      headless: svc.headless,
      exportTo: svc.exportTo ?? [],
    };
  });
}

export function serviceEntryDestinations(model: MeshModel, se: ServiceEntryObject): DestinationPort[] {
  const selected = se.workloadSelector ? selectedBy(model, se.namespace, se.workloadSelector) : [];
  const out: DestinationPort[] = [];
  for (const host of se.hosts) {
    for (const p of se.ports) {
      const endpoints: Endpoint[] = selected.map((w) => ({ workload: w, targetPort: (p.name ? w.namedPorts[p.name] : undefined) ?? p.targetPort ?? p.number }));
      const protocol = p.protocol?.toLowerCase();
      out.push({
        host,
        namespace: se.namespace,
        serviceEntry: se,
        port: p.number,
        ...(p.name ? { portName: p.name } : {}),
        http: protocol ? HTTP_FAMILY.has(protocol) : isHttpFamily(p.name, undefined),
        endpoints,
        selectedWorkloads: selected,
        meshExternal: se.location === 'MESH_EXTERNAL',
        headless: se.resolution === 'NONE',
        exportTo: se.exportTo,
      });
    }
  }
  return out;
}

export function allDestinations(model: MeshModel): DestinationPort[] {
  return [...model.services.flatMap((s) => serviceDestinations(model, s)), ...model.serviceEntries.flatMap((s) => serviceEntryDestinations(model, s))];
}

/** B13: a destination hidden from a client namespace is reached through the passthrough cluster. */
export function destinationVisibleTo(dest: DestinationPort, clientNamespace: string): boolean {
  if (dest.exportTo.length === 0) return true;
  return dest.exportTo.some((e) => e === '*' || e === clientNamespace || (e === '.' && clientNamespace === dest.namespace));
}
