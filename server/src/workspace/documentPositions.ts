// Where the nodes of one YAML document are, read while js-yaml parses it again with a listener
// (its 'open' and 'close' events around each node): a light tree of offsets, built in a fraction
// of the time of a `yaml` syntax tree. It answers the presenter's one question (path -> text
// range) with the same ranges as the `yaml` tree would, and says "unsure" (undefined) for the
// shapes where the two could differ: aliases and anchors (merge keys), tags, block scalars, empty
// values, typed keys, explicit keys, trailing comments after a block collection. The presenter
// then asks the `yaml` tree. test/unit/workspace/documentPositions.test.ts and
// test/fuzz/positions.test.ts compare the two on every path of many documents.
import { loadAll, type State } from 'js-yaml';
import { LOAD_OPTIONS, LONE_CR } from './jsYamlOptions';
import type { Path } from '../model/read';
import { pathTarget, type PathStep } from './pathWalk';

interface ScalarPosition {
  readonly kind: 'scalar';
  /** Offsets of the scalar as written (quotes included), or undefined when it is empty or a block scalar. */
  readonly span: readonly [number, number] | undefined;
}

interface MapPosition {
  readonly kind: 'map';
  readonly start: number;
  readonly flow: boolean;
  readonly entries: ReadonlyArray<{ readonly key: PositionNode; readonly keyText: string | undefined; readonly value: PositionNode }>;
  /** A key that is not a string (`1`, `true`, `~`, a collection), or a merge key (`<<`). */
  readonly unsureKeys: boolean;
}

interface SeqPosition {
  readonly kind: 'seq';
  readonly start: number;
  readonly flow: boolean;
  readonly items: readonly PositionNode[];
}

type PositionNode = ScalarPosition | MapPosition | SeqPosition;

/** The nodes of one document, with offsets in the whole file. */
export interface DocumentPositions {
  readonly root: PositionNode | undefined;
  /** The file text and the document's end in it: collections end by what follows their last node. */
  readonly text: string;
  readonly end: number;
}

const INDENTED_MARKER = /^[ \t]+(?:---|\.\.\.)/m;
const GLUED_MARKER = /^(?:---|\.\.\.)[^\s]/m;

/** A node read, with js-yaml's value for it (to recognise the same node reported twice). */
interface Read {
  readonly node: PositionNode;
  readonly result: unknown;
}

class Unsure extends Error {}

/**
 * The positions of the document at [start, end) of `text`, or undefined when js-yaml cannot read
 * it, or the two parsers could read it differently.
 */
export function documentPositions(text: string, start: number, end: number): DocumentPositions | undefined {
  const source = text.slice(start, end);
  // Where js-yaml and `yaml` read the same text differently: a lone CR ends a line for one only,
  // `yaml` misreads a byte order mark before a sequence, and an indented `---` is a marker to one only.
  // js-yaml also takes `---` followed by text for a marker.
  if (LONE_CR.test(source) || source.includes('\uFEFF') || INDENTED_MARKER.test(source) || GLUED_MARKER.test(source)) return undefined;
  const frames: Array<{ open: number; children: Read[] }> = [];
  const roots: Read[] = [];
  const listener = (event: 'open' | 'close', state: State) => {
    if (event === 'open') {
      frames.push({ open: state.position, children: [] });
      return;
    }
    const frame = frames.pop();
    if (!frame) throw new Unsure();
    const read = nodeOf(source, start, frame.open, frame.children, state);
    (frames.length ? frames[frames.length - 1].children : roots).push(read);
  };
  try {
    loadAll(source, null, { ...LOAD_OPTIONS, listener });
  } catch {
    return undefined;
  }
  if (roots.length !== 1) return undefined;
  const root = roots[0].node;
  // `yaml` starts a flow collection at the root where the line before it ends (after `---`).
  if (root.kind !== 'scalar' && root.flow) return undefined;
  return { root, text, end };
}

/** What one 'close' event says: the node that just ended (offsets in the file: + `base`). */
function nodeOf(source: string, base: number, open: number, children: readonly Read[], state: State): Read {
  const result: unknown = state.result;
  // A value js-yaml first tried as a block mapping key: the same node, reported from inside.
  if (children.length === 1 && children[0].result === result && (state.kind === 'scalar' || result !== null)) return children[0];
  const at = skipSpace(source, open);
  const c = source[at];
  // Tags, anchors, aliases, explicit keys: left to `yaml`.
  if (c === '!' || c === '&' || c === '*' || c === '?') throw new Unsure();
  switch (state.kind) {
    case 'mapping': {
      if (children.length % 2 !== 0) throw new Unsure();
      const entries: Array<MapPosition['entries'][number]> = [];
      let unsureKeys = false;
      for (let i = 0; i < children.length; i += 2) {
        const key = children[i];
        const keyText = typeof key.result === 'string' && key.node.kind === 'scalar' ? key.result : undefined;
        if (keyText === undefined || keyText === '<<') unsureKeys = true;
        entries.push({ key: key.node, keyText, value: children[i + 1].node });
      }
      return { node: { kind: 'map', start: base + at, flow: c === '{', entries, unsureKeys }, result };
    }
    case 'sequence': {
      // `- ` with nothing after it adds an item without a node of its own.
      if (!Array.isArray(result) || result.length !== children.length) throw new Unsure();
      return { node: { kind: 'seq', start: base + at, flow: c === '[', items: children.map((r) => r.node) }, result };
    }
    default: {
      if (children.length > 0) throw new Unsure();
      return { node: { kind: 'scalar', span: state.kind === 'scalar' ? scalarSpan(source, at, state.position, base) : undefined }, result };
    }
  }
}

/** Past spaces, line breaks and comments: where the node starts. */
function skipSpace(source: string, from: number): number {
  let i = from;
  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '#') {
      const nl = source.indexOf('\n', i);
      if (nl < 0) return source.length;
      i = nl + 1;
    } else break;
  }
  return i;
}

/**
 * A scalar as written, from its first character to where js-yaml stopped reading it: quotes
 * included; spaces and line breaks it read past, not. Block scalars are left to `yaml`.
 */
function scalarSpan(source: string, start: number, stop: number, base: number): [number, number] | undefined {
  const c = source[start];
  if (c === '|' || c === '>') return undefined;
  if (c === '"' || c === "'") return source[stop - 1] === c && stop - 1 > start ? [base + start, base + stop] : undefined;
  // js-yaml reads a text that lacks a final line break as if it had one.
  let end = Math.min(stop, source.length);
  while (end > start && ' \t\r\n'.includes(source[end - 1])) end--;
  return end > start ? [base + start, base + end] : undefined;
}

function childOf(node: PositionNode, segment: string | number): PathStep<PositionNode> | undefined | 'unsure' {
  if (node.kind === 'map') {
    const wanted = String(segment);
    for (const entry of node.entries) {
      if (entry.keyText === wanted) return { key: entry.key, node: entry.value };
    }
    return node.unsureKeys ? 'unsure' : undefined;
  }
  if (node.kind === 'seq' && typeof segment === 'number') {
    const item = node.items[segment];
    return item ? { key: undefined, node: item } : undefined;
  }
  return undefined;
}

/** The offsets the presenter shows for `path` (pathWalk.ts), or undefined when only the `yaml` tree can say. */
export function offsetsOfPath(positions: DocumentPositions, path: Path, part: 'key' | 'value'): readonly [number, number] | undefined {
  if (!positions.root) return undefined;
  const target = pathTarget(positions.root, path, part, childOf);
  return target === 'unsure' ? undefined : spanOf(positions, target.shown);
}

/** A node's offsets as the `yaml` tree gives them (range[0], range[1]), or undefined. */
function spanOf(positions: DocumentPositions, node: PositionNode): readonly [number, number] | undefined {
  if (node.kind === 'scalar') return node.span;
  const end = node.flow ? flowEnd(positions, node) : blockEnd(positions, node);
  return end === undefined ? undefined : [node.start, end];
}

/** The last node of a collection (a map's last value), or undefined when it is empty. */
function lastChild(node: MapPosition | SeqPosition): PositionNode | undefined {
  return node.kind === 'map' ? node.entries[node.entries.length - 1]?.value : node.items[node.items.length - 1];
}

/** A flow collection ends after its closing bracket, past spaces, commas and comments after its last item. */
function flowEnd(positions: DocumentPositions, node: MapPosition | SeqPosition): number | undefined {
  const last = lastChild(node);
  const from = last ? spanOf(positions, last)?.[1] : node.start + 1;
  if (from === undefined) return undefined;
  const close = node.kind === 'map' ? '}' : ']';
  const { text, end } = positions;
  for (let i = from; i < end; i++) {
    const c = text[i];
    if (c === close) return i + 1;
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      if (nl < 0 || nl >= end) return undefined;
      i = nl;
    } else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r' && c !== ',') {
      return undefined;
    }
  }
  return undefined;
}

/**
 * A block collection ends where its last node's line ends (a comment on that line included), as
 * in `yaml`. Comment lines after it may belong to it or to what follows: that is left to `yaml`.
 */
function blockEnd(positions: DocumentPositions, node: MapPosition | SeqPosition): number | undefined {
  const last = lastChild(node);
  if (!last) return undefined;
  const lastEnd = spanOf(positions, last)?.[1];
  // A block collection that ends with another one ends where it does (already at a line start).
  if (lastEnd === undefined || (last.kind !== 'scalar' && !last.flow)) return lastEnd;
  const { text, end } = positions;
  const nl = text.indexOf('\n', lastEnd);
  const lineEnd = nl < 0 || nl >= end ? end : nl + 1;
  // Only blank lines may follow before the next content; a comment line makes it unsure.
  for (let i = lineEnd; i < end; i++) {
    const c = text[i];
    if (c === '#') return undefined;
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') break;
  }
  return lineEnd;
}
