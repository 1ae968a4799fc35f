// The one walk from a YAML path to the node the presenter shows, for both ways of knowing where
// nodes are: the `yaml` syntax tree (presenter.ts) and the positions read with js-yaml
// (documentPositions.ts). A path that does not exist points at the key of its longest existing
// prefix; a path that exists points at its value, or at its key when the key is asked for.
import type { Path } from '../model/read';

/** One step down: the child for a path segment, with its key when the parent is a map. */
export interface PathStep<N> {
  readonly key: N | undefined;
  readonly node: N;
}

/** Undefined: no such child; 'unsure': the walker cannot tell (the caller asks another way). */
export type ChildOf<N> = (node: N, segment: string | number) => PathStep<N> | undefined | 'unsure';

export interface PathTarget<N> {
  /** The node the presenter points at. */
  readonly shown: N;
  /** The key of the last pair the walk went through, if any (what to show when `shown` has no place). */
  readonly key: N | undefined;
}

export function pathTarget<N>(root: N, path: Path, part: 'key' | 'value', childOf: ChildOf<N>): PathTarget<N> | 'unsure' {
  let node = root;
  let key: N | undefined;
  let complete = true;
  for (const segment of path) {
    const next = childOf(node, segment);
    if (next === 'unsure') return 'unsure';
    if (!next) {
      complete = false;
      break;
    }
    key = next.key;
    node = next.node;
  }
  return { shown: key !== undefined && (!complete || part === 'key') ? key : node, key };
}
