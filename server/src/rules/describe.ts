import type { Resource } from '../model/resource';
import { nameText } from './quoteValue';

/** `Kind namespace/name` as people say it (each part as written, bounded by `nameText`). */
export function describe(r: Resource): string {
  return `${nameText(r.kind)} ${nsName(r)}`;
}

/** `namespace/name` of a resource. */
export function nsName(r: { namespace: string; name: string }): string {
  return r.namespace ? `${nameText(r.namespace)}/${nameText(r.name)}` : nameText(r.name);
}

/** "a, b and 3 more". */
export function listSome(items: readonly string[], max = 3): string {
  const unique = [...new Set(items)];
  if (unique.length <= max) return unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
  return `${unique.slice(0, max).join(', ')} and ${unique.length - max} more`;
}

export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}
