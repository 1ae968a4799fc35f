import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Path } from '../model/read';
import type { ParsedFile, Range } from '../workspace/parsedFile';
import { offsetsOfPath } from '../workspace/documentPositions';
import { pathTarget } from '../workspace/pathWalk';
import { identityOfAnchor, type Anchor, type Finding, type Related } from '../rules/finding';
import { ruleInfo } from '../rules/catalogue';
import type { PresentedFinding, PresentedRelated } from './presentedFinding';

/** Looks up the parsed file of a path; the presenter never reads files itself. */
export type FileLookup = (file: string) => ParsedFile | undefined;

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function rangeOfOffsets(file: ParsedFile, start: number, end: number): Range {
  // Inside the file, whatever a rule or a parser said.
  const clamp = (n: number) => (Number.isFinite(n) ? Math.max(0, Math.min(Math.trunc(n), file.textLength)) : 0);
  const a = file.lineCounter.linePos(clamp(start));
  const b = file.lineCounter.linePos(Math.max(clamp(start), clamp(end)));
  return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
}

/** The child of a collection node for one path segment: the pair (maps) or the item (sequences). */
function child(doc: Document.Parsed, node: unknown, key: string | number, depth = 0): { pair?: Pair; node: unknown } | undefined {
  if (isMap(node)) {
    const pair = pairOf(node, key);
    if (pair) return { pair, node: pair.value };
    // A key the map gets from a merge (`<<: *base`): it is written where the merged map is.
    if (depth > 8) return undefined;
    for (const source of mergeSources(doc, node)) {
      const merged = child(doc, source, key, depth + 1);
      if (merged) return merged;
    }
    return undefined;
  }
  if (isSeq(node) && typeof key === 'number') {
    const item = node.items[key];
    return item === undefined ? undefined : { node: item };
  }
  return undefined;
}

function pairOf(node: YAMLMap, key: string | number): Pair | undefined {
  return node.items.find((p) => {
    // Only a scalar key names a path segment. A collection used as a key never does, and printing
    // one to compare it would cost time that grows with its size (a fuzzed key 3,000 levels deep).
    const k = isScalar(p.key) ? p.key.value : p.key;
    if (k === key) return true;
    return typeof key === 'string' && (typeof k === 'string' || typeof k === 'number' || typeof k === 'boolean' || typeof k === 'bigint') && String(k) === key;
  });
}

/** The maps merged into a map by its `<<` keys, in precedence order (YAML merge key spec). */
function mergeSources(doc: Document.Parsed, node: YAMLMap): unknown[] {
  // With merge keys on, `yaml` reads the `<<` key as a symbol.
  const merge = node.items.find((p) => {
    const k = isScalar(p.key) ? p.key.value : undefined;
    return k === '<<' || (typeof k === 'symbol' && k.description === '<<');
  });
  if (!merge) return [];
  const resolve = (n: unknown) => (isAlias(n) ? n.resolve(doc) : n);
  const value = resolve(merge.value);
  return (isSeq(value) ? value.items.map(resolve) : [value]).filter((m) => isMap(m));
}

function nodeRange(n: unknown): [number, number] | undefined {
  const range = (n as Node | null)?.range;
  return range ? [range[0], range[1]] : undefined;
}

/**
 * The one place where a YAML path becomes a text range. A path that does not exist
 * (a default value, a merged patch) points at its longest existing prefix.
 */
export function rangeOfPath(file: ParsedFile, docIndex: number, path: Path, part: 'key' | 'value' = 'value'): Range {
  // A parsed file never changes, so its ranges are remembered: locating the findings an edit
  // recomputes then needs no syntax tree again (trees are built on demand and not all kept).
  let ranges = rangesByFile.get(file);
  if (!ranges) rangesByFile.set(file, (ranges = new Map()));
  const key = `${docIndex}|${part}|${JSON.stringify(path)}`;
  let r = ranges.get(key);
  if (!r) ranges.set(key, (r = computeRangeOfPath(file, docIndex, path, part)));
  return { start: { ...r.start }, end: { ...r.end } };
}

/** Ranges already computed, per parsed file (a file's ranges go with it). */
const rangesByFile = new WeakMap<ParsedFile, Map<string, Range>>();

function computeRangeOfPath(file: ParsedFile, docIndex: number, path: Path, part: 'key' | 'value'): Range {
  const parsed = file.documents[docIndex];
  if (!parsed) return ZERO;
  // The positions from js-yaml's events answer most paths without a syntax tree (same ranges).
  const positions = parsed.positions;
  const offsets = positions && offsetsOfPath(positions, path, part);
  return offsets ? rangeOfOffsets(file, offsets[0], offsets[1]) : rangeFromSyntaxTree(file, docIndex, path, part);
}

/** The range of a path read from the document's `yaml` syntax tree (exported for the test that compares the two ways). */
export function rangeFromSyntaxTree(file: ParsedFile, docIndex: number, path: Path, part: 'key' | 'value'): Range {
  const parsed = file.documents[docIndex];
  if (!parsed) return ZERO;
  const doc = parsed.doc;
  const target = pathTarget<unknown>(doc.contents, path, part, (node, segment) => {
    const next = child(doc, node, segment);
    return next && { key: next.pair?.key, node: next.node };
  });
  const offsets = target === 'unsure' ? undefined : (nodeRange(target.shown) ?? nodeRange(target.key));
  return offsets ? rangeOfOffsets(file, offsets[0], offsets[1]) : rangeOfOffsets(file, parsed.span[0], parsed.span[0]);
}

function locate(anchor: Anchor, lookup: FileLookup): { file: string; range: Range } {
  if ('resource' in anchor) {
    const { file, docIndex, basePath } = anchor.resource.source;
    const parsed = lookup(file);
    return { file, range: parsed ? rangeOfPath(parsed, docIndex, [...basePath, ...anchor.path], anchor.part) : ZERO };
  }
  const parsed = lookup(anchor.file);
  return { file: anchor.file, range: parsed ? rangeOfOffsets(parsed, anchor.offsets[0], anchor.offsets[1]) : ZERO };
}

function presentRelated(rel: Related, lookup: FileLookup): PresentedRelated {
  return { ...locate(rel.anchor, lookup), resource: identityOfAnchor(rel.anchor), message: rel.message };
}

export function presentFinding(f: Finding, lookup: FileLookup): PresentedFinding {
  return {
    rule: f.rule,
    severity: f.severity ?? ruleInfo(f.rule).severity,
    message: f.message,
    ...locate(f.anchor, lookup),
    resource: identityOfAnchor(f.anchor),
    related: uniqueRelated(f.related.map((r) => presentRelated(r, lookup))),
  };
}

function uniqueRelated(list: PresentedRelated[]): PresentedRelated[] {
  const seen = new Set<string>();
  return list.filter((r) => {
    const key = `${r.file}:${r.range.start.line}:${r.range.start.character}:${r.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
