import type { VirtualServiceObject } from '../model/kinds/virtualService';
import { resolveShortHost } from './hosts';

/** §B7: subset clusters carry traffic only when a route sends traffic to them. Host -> subset names. */
export function routedSubsets(virtualServices: readonly VirtualServiceObject[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const vs of virtualServices) {
    for (const d of vs.destinations) {
      if (!d.subset) continue;
      const host = resolveShortHost(d.host, vs.namespace);
      const set = out.get(host) ?? new Set<string>();
      set.add(d.subset);
      out.set(host, set);
    }
  }
  return out;
}
