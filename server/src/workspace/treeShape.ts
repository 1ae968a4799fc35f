// What makes a `yaml` syntax tree unfit to read as a manifest, found before it is turned into
// values: nesting deeper than the limit js-yaml applies, and a large collection used as a map key.
// `yaml` prints such a key to make it a property name, at a cost that grows faster than its size
// (a fuzzed document with a key 3,000 levels deep took seconds). Small ones are common: an
// unquoted Helm expression `{{ .Values.x }}` reads as a map whose key is a map.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

/** A collection key longer than this (in characters of the text) is not turned into a property name. */
export const MAX_COLLECTION_KEY_CHARACTERS = 1024;

export interface ShapeProblem {
  readonly message: string;
  /** Where, as offsets in the file (the tree's own offsets). */
  readonly offsets: [number, number];
}

function rangeOf(node: Node | null | undefined, fallback: number): [number, number] {
  const r = node?.range;
  return r ? [r[0], Math.max(r[0], r[1])] : [fallback, fallback];
}

/** The first problem of the tree's shape, walking without recursion (the tree may be very deep). */
export function treeShapeProblem(tree: Document.Parsed, maxDepth: number, start: number): ShapeProblem | undefined {
  const stack: Array<readonly [unknown, number]> = [[tree.contents, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop() as readonly [unknown, number];
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > maxDepth) return { message: `The document is nested more than ${maxDepth} levels deep: it is not analysed.`, offsets: rangeOf(node, start) };
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        const key = item.key as Node | null | undefined;
        if (key && !isScalar(key) && !isAlias(key)) {
          const [from, to] = rangeOf(key, start);
          if (to - from > MAX_COLLECTION_KEY_CHARACTERS) {
            return { message: `A map key is a map or a list of more than ${MAX_COLLECTION_KEY_CHARACTERS} characters: Kubernetes keys are strings, so the document is not analysed.`, offsets: [from, from] };
          }
          stack.push([key, depth + 1]);
        }
        stack.push([item.value, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
  return undefined;
}
