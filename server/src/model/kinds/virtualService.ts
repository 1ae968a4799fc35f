import type { Resource } from '../resource';
import { asArray, asMap, asPortNumber, asString, asStringList, type Path } from '../read';

export interface RouteDestination {
  readonly host: string;
  readonly subset?: string;
  readonly port?: number;
  readonly path: Path;
}

export interface VirtualServiceObject {
  readonly resource: Resource;
  readonly namespace: string;
  readonly name: string;
  readonly hosts: readonly string[];
  readonly destinations: readonly RouteDestination[];
}

export function readVirtualService(r: Resource): VirtualServiceObject | undefined {
  if (r.kind !== 'VirtualService' || r.group !== 'networking.istio.io') return undefined;
  const spec = asMap(r.body.spec);
  const destinations: RouteDestination[] = [];
  const take = (value: unknown, path: Path) => {
    const d = asMap(value);
    const host = asString(d?.host)?.trim();
    if (!d || !host) return;
    const subset = asString(d.subset);
    const port = asPortNumber(asMap(d.port)?.number);
    destinations.push({ host, path, ...(subset ? { subset } : {}), ...(port !== undefined ? { port } : {}) });
  };
  for (const section of ['http', 'tcp', 'tls'] as const) {
    asArray(spec?.[section]).forEach((route, ri) => {
      const rm = asMap(route);
      asArray(rm?.route).forEach((dest, di) => take(asMap(dest)?.destination, ['spec', section, ri, 'route', di, 'destination']));
      if (section === 'http') {
        take(rm?.mirror, ['spec', section, ri, 'mirror']);
        asArray(rm?.mirrors).forEach((m, mi) => take(asMap(m)?.destination, ['spec', section, ri, 'mirrors', mi, 'destination']));
      }
    });
  }
  return { resource: r, namespace: r.namespace, name: r.name, hosts: asStringList(spec?.hosts), destinations };
}
