import { asArray, asString, get } from '../../model/read';
import type { MeshModel } from '../../model/meshModel';
import { hostCovers, resolveShortHost, serviceHost } from '../../semantics/hosts';
import { nameTarget, type Target } from './targets';

/**
 * §B1/§B2: the Services and ServiceEntry hosts a DestinationRule or VirtualService host names.
 * A short host is completed with the namespace of the resource that writes it; a dotted host is
 * taken literally; a wildcard reaches every host it covers. Services point at metadata.name,
 * ServiceEntries at the matching element of `spec.hosts`.
 */
export function hostTargets(model: MeshModel, host: string, namespace: string): Target[] {
  const resolved = resolveShortHost(host.trim(), namespace);
  if (!resolved) return [];
  const out: Target[] = [];
  for (const svc of model.services) {
    if (hostCovers(resolved, serviceHost(svc.name, svc.namespace))) out.push(nameTarget(svc.resource));
  }
  for (const se of model.serviceEntries) {
    asArray(get(se.resource.body, ['spec', 'hosts'])).forEach((h, i) => {
      const seHost = asString(h)?.trim();
      if (seHost && hostCovers(resolved, seHost)) out.push({ resource: se.resource, path: ['spec', 'hosts', i] });
    });
  }
  return out;
}
