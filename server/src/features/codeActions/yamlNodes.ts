import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Path } from '../../model/read';

/** One step of a path: the collection, the index of the item in it, and the item's value node. */
export interface PathStep {
  readonly container: YAMLMap | YAMLSeq;
  readonly index: number;
  readonly node: unknown;
}

export function keyOf(pair: Pair): string | undefined {
  const k = isScalar(pair.key) ? pair.key.value : undefined;
  return typeof k === 'string' || typeof k === 'number' || typeof k === 'boolean' ? String(k) : undefined;
}

/**
 * The steps from a document's root to a path, or undefined when some segment is missing or an
 * alias stands in the way (editing an anchor would change every place that uses it).
 */
export function walkPath(doc: Document.Parsed, path: Path): PathStep[] | undefined {
  let node: unknown = doc.contents;
  const steps: PathStep[] = [];
  for (const seg of path) {
    if (isAlias(node)) return undefined;
    if (isMap(node)) {
      const index = node.items.findIndex((p) => keyOf(p) === String(seg));
      if (index < 0) return undefined;
      steps.push({ container: node, index, node: node.items[index].value });
      node = node.items[index].value;
    } else if (isSeq(node) && typeof seg === 'number') {
      if (seg < 0 || seg >= node.items.length) return undefined;
      steps.push({ container: node, index: seg, node: node.items[seg] });
      node = node.items[seg];
    } else return undefined;
  }
  return isAlias(node) ? undefined : steps;
}

export function nodeAtPath(doc: Document.Parsed, path: Path): unknown {
  if (path.length === 0) return doc.contents;
  const steps = walkPath(doc, path);
  return steps ? steps[steps.length - 1].node : undefined;
}

export function mapAtPath(doc: Document.Parsed, path: Path): YAMLMap | undefined {
  const n = nodeAtPath(doc, path);
  return isMap(n) ? n : undefined;
}

export function rangeOf(node: unknown): [number, number, number] | undefined {
  const r = (node as Node | null | undefined)?.range;
  return r ? [r[0], r[1], r[2]] : undefined;
}

export type ScalarStyle = 'plain' | 'double' | 'single' | 'block';

export function scalarStyle(node: unknown): ScalarStyle {
  if (!isScalar(node)) return 'plain';
  if (node.type === 'QUOTE_DOUBLE') return 'double';
  if (node.type === 'QUOTE_SINGLE') return 'single';
  if (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') return 'block';
  return 'plain';
}
