import { asMap, asStringMap, type Path } from '../read';

export type Labels = Readonly<Record<string, string>>;

/** A `selector` / `workloadSelector` block: absent, or the labels it requires (possibly none). */
export interface Selector {
  /** Path of the selector block in the resource body. */
  readonly path: Path;
  readonly matchLabels: Labels;
}

/** Reads `{matchLabels: {...}}` at `path`; undefined when the block is absent or not a map. */
export function readSelector(body: unknown, path: Path): Selector | undefined {
  let cur: unknown = body;
  for (const key of path) cur = asMap(cur)?.[key as string];
  const map = asMap(cur);
  if (!map) return undefined;
  return { path, matchLabels: asStringMap(map.matchLabels) };
}

export function isEmptySelector(s: Selector | undefined): boolean {
  return !s || Object.keys(s.matchLabels).length === 0;
}
