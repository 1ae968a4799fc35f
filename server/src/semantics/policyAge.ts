import type { Resource } from '../model/resource';

/**
 * Age order among policies (§A3): creationTimestamp ascending when present, then name,
 * then namespace. A policy without a timestamp sorts after those with one, as the
 * API server stamps every object it stores; then the name decides.
 */
export function compareByAge(a: Resource, b: Resource): number {
  const ta = timestampOf(a);
  const tb = timestampOf(b);
  if (ta !== tb) {
    if (ta === undefined) return 1;
    if (tb === undefined) return -1;
    return ta - tb;
  }
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  return 0;
}

function timestampOf(r: Resource): number | undefined {
  if (!r.creationTimestamp) return undefined;
  const t = Date.parse(r.creationTimestamp);
  if (Number.isNaN(t)) return undefined;
  // creationTimestamp has one-second resolution (§A3).
  return Math.floor(t / 1000);
}

export function oldestFirst<T extends { resource: Resource }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareByAge(a.resource, b.resource));
}
