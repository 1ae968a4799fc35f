import type { Resource } from '../resource';
import { asArray, asMap, asPortNumber, asString, asStringList, asStringMap, setOwn, type Path } from '../read';
import type { Labels } from './labels';

export interface ServicePort {
  readonly name?: string;
  readonly port: number;
  /** A number, a container port name, or (absent in YAML) the port itself. */
  readonly targetPort: number | string;
  readonly appProtocol?: string;
  readonly path: Path;
}

export interface ServiceObject {
  readonly resource: Resource;
  readonly namespace: string;
  readonly name: string;
  /** undefined: the Service has no selector (endpoints managed elsewhere). */
  readonly selector?: Labels;
  readonly ports: readonly ServicePort[];
  readonly headless: boolean;
  /** `networking.istio.io/exportTo` annotation, when set. */
  readonly exportTo?: readonly string[];
}

export function readService(r: Resource): ServiceObject | undefined {
  if (r.kind !== 'Service' || r.group !== '') return undefined;
  const spec = asMap(r.body.spec);
  const selectorMap = asMap(spec?.selector);
  const selector = selectorMap && Object.keys(selectorMap).length ? asStringMap(selectorMap) : undefined;
  const ports: ServicePort[] = [];
  asArray(spec?.ports).forEach((p, i) => {
    const portMap = asMap(p);
    const port = asPortNumber(portMap?.port);
    if (!portMap || port === undefined) return;
    const rawTarget = portMap.targetPort;
    const targetPort = asPortNumber(rawTarget) ?? (typeof rawTarget === 'string' && rawTarget.trim() ? rawTarget.trim() : port);
    const name = asString(portMap.name);
    const appProtocol = asString(portMap.appProtocol);
    ports.push({ port, targetPort, path: ['spec', 'ports', i], ...(name ? { name } : {}), ...(appProtocol ? { appProtocol } : {}) });
  });
  const exportAnnotation = r.annotations['networking.istio.io/exportTo'];
  return {
    resource: r,
    namespace: r.namespace,
    name: r.name,
    ...(selector ? { selector } : {}),
    ports,
    headless: asString(spec?.clusterIP) === 'None',
    ...(exportAnnotation !== undefined ? { exportTo: exportAnnotation.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
  };
}

export interface ServiceEntryPort {
  readonly number: number;
  readonly name?: string;
  readonly protocol?: string;
  readonly targetPort?: number;
}

export interface ServiceEntryEndpoint {
  readonly labels: Labels;
  readonly ports: Readonly<Record<string, number>>;
}

export interface ServiceEntryObject {
  readonly resource: Resource;
  readonly namespace: string;
  readonly name: string;
  readonly hosts: readonly string[];
  readonly location: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
  readonly ports: readonly ServiceEntryPort[];
  readonly workloadSelector?: Labels;
  readonly endpoints: readonly ServiceEntryEndpoint[];
  readonly resolution: string;
  readonly exportTo: readonly string[];
}

export function readServiceEntry(r: Resource): ServiceEntryObject | undefined {
  if (r.kind !== 'ServiceEntry' || r.group !== 'networking.istio.io') return undefined;
  const spec = asMap(r.body.spec);
  const ports: ServiceEntryPort[] = [];
  for (const p of asArray(spec?.ports)) {
    const m = asMap(p);
    const number = asPortNumber(m?.number);
    if (!m || number === undefined) continue;
    const name = asString(m.name);
    const protocol = asString(m.protocol);
    const targetPort = asPortNumber(m.targetPort);
    ports.push({ number, ...(name ? { name } : {}), ...(protocol ? { protocol } : {}), ...(targetPort ? { targetPort } : {}) });
  }
  const selector = asMap(asMap(spec?.workloadSelector)?.labels);
  const endpoints: ServiceEntryEndpoint[] = asArray(spec?.endpoints).map((e) => {
    const m = asMap(e);
    const ports: Record<string, number> = {};
    for (const [k, v] of Object.entries(asMap(m?.ports) ?? {})) {
      const n = asPortNumber(v);
      if (n !== undefined) setOwn(ports, k, n);
    }
    return { labels: asStringMap(m?.labels), ports };
  });
  return {
    resource: r,
    namespace: r.namespace,
    name: r.name,
    hosts: asStringList(spec?.hosts).map((h) => h.trim()).filter(Boolean),
    location: asString(spec?.location) === 'MESH_INTERNAL' ? 'MESH_INTERNAL' : 'MESH_EXTERNAL',
    ports,
    ...(selector ? { workloadSelector: asStringMap(selector) } : {}),
    endpoints,
    resolution: asString(spec?.resolution) ?? 'NONE',
    exportTo: asStringList(spec?.exportTo),
  };
}
