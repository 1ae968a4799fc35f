// YAML-aware edits on the original text. Nothing here re-serializes a document: each helper
// computes the smallest replacements that change one map, key or document, in the style
// (block or flow, quotes, indentation, line ends) the author used.
import { isMap, isScalar, type Document, type Pair, type YAMLMap } from 'yaml';
import type { Path } from '../../model/read';
import type { ParsedFile } from '../../workspace/parsedFile';
import { insert, replace, type OffsetEdit } from './offsetEdit';
import { keyOf, rangeOf, scalarStyle, walkPath } from './yamlNodes';
import { columnOf, contentLineEnd, eolOf, inStyle, lineStart, nextLineStart, startsLine } from './yamlText';

interface ItemSpan {
  readonly key: string | undefined;
  readonly pair: Pair;
  /** Offset of the key. */
  readonly start: number;
  /** Offset just after the value (or the key, when there is no value). */
  readonly end: number;
}

function itemSpans(map: YAMLMap): ItemSpan[] | undefined {
  const out: ItemSpan[] = [];
  for (const pair of map.items) {
    const k = rangeOf(pair.key);
    if (!k) return undefined;
    const v = rangeOf(pair.value);
    out.push({ key: keyOf(pair), pair, start: k[0], end: v ? Math.max(v[1], k[1]) : k[1] });
  }
  return out;
}

/** Maximal runs of consecutive indexes. */
function runsOf(indexes: ReadonlySet<number>, length: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < length; i++) {
    if (!indexes.has(i)) continue;
    let j = i;
    while (j + 1 < length && indexes.has(j + 1)) j++;
    runs.push([i, j]);
    i = j;
  }
  return runs;
}

/**
 * Removes items of a map. Block maps lose whole lines (the key line to the end of the value's last
 * line, with the comment on it); comments on lines of their own before the next key stay. Flow maps
 * lose `key: value` with one comma. A map left empty in a sequence item or a flow map becomes `{}`.
 */
function removeItems(text: string, map: YAMLMap, spans: readonly ItemSpan[], remove: ReadonlySet<number>): OffsetEdit[] {
  if (remove.size === 0) return [];
  const edits: OffsetEdit[] = [];
  const r = rangeOf(map);
  if (remove.size === spans.length && r) {
    if (map.flow) return [replace(r[0] + 1, r[1] - 1, '')];
    const first = spans[0];
    if (!startsLine(text, first.start)) return [replace(first.start, contentLineEnd(text, spans[spans.length - 1].end), '{}')];
  }
  for (const [i, j] of runsOf(remove, spans.length)) {
    const next = spans[j + 1];
    if (map.flow) {
      if (i === 0) edits.push(replace(spans[i].start, next ? next.start : spans[j].end, ''));
      else edits.push(replace(spans[i - 1].end, spans[j].end, ''));
    } else if (startsLine(text, spans[i].start)) {
      edits.push(replace(lineStart(text, spans[i].start), nextLineStart(text, spans[j].end), ''));
    } else if (next) {
      // The first key shares its line with `- `: the next key moves up to take its place.
      edits.push(replace(spans[i].start, next.start, ''));
    }
  }
  return edits;
}

/** The new value of an existing pair, in the quoting style of the old one. */
function replaceValue(text: string, pair: Pair, value: string): OffsetEdit | undefined {
  const v = pair.value;
  const vr = rangeOf(v);
  if (vr && vr[1] > vr[0]) {
    if (!isScalar(v)) return undefined;
    const style = scalarStyle(v);
    if (style === 'block') return replace(vr[0], contentLineEnd(text, vr[1]), inStyle(value, 'plain'));
    return replace(vr[0], vr[1], inStyle(value, style));
  }
  // `key:` with no value: write it after the colon.
  const kr = rangeOf(pair.key);
  if (!kr) return undefined;
  let p = kr[1];
  while (text[p] === ' ' || text[p] === '\t') p++;
  return text[p] === ':' ? insert(p + 1, ` ${inStyle(value, 'plain')}`) : insert(kr[1], `: ${inStyle(value, 'plain')}`);
}

export interface MapChange {
  /** Sets a key (replacing its value, or adding it before the first kept key). */
  readonly set?: { readonly key: string; readonly value: string };
  /** Keys to remove when present. */
  readonly remove?: readonly string[];
}

/** Edits that change one map's keys in place; undefined when the map cannot be edited safely. */
export function editMap(text: string, map: YAMLMap, change: MapChange): OffsetEdit[] | undefined {
  const spans = itemSpans(map);
  const r = rangeOf(map);
  if (!spans || !r) return undefined;
  const remove = new Set<number>();
  spans.forEach((s, i) => {
    if (s.key !== undefined && change.remove?.includes(s.key) && s.key !== change.set?.key) remove.add(i);
  });
  const edits: OffsetEdit[] = [];
  const set = change.set;
  if (set) {
    const existing = spans.find((s) => s.key === set.key);
    const quoteKeys = map.flow && scalarStyle(spans[0]?.pair.key) === 'double';
    const entry = quoteKeys ? `${JSON.stringify(set.key)}: ${JSON.stringify(set.value)}` : `${set.key}: ${inStyle(set.value, 'plain')}`;
    if (existing) {
      const e = replaceValue(text, existing.pair, set.value);
      if (!e) return undefined;
      edits.push(e);
    } else {
      const firstKept = spans.findIndex((_, i) => !remove.has(i));
      if (spans.length === 0) {
        // Only a flow map can be empty: `{}` or `{ }`.
        const inner = text.slice(r[0] + 1, r[1] - 1);
        edits.push(/^\s*$/.test(inner) ? replace(r[0] + 1, r[1] - 1, entry) : insert(r[0] + 1, `${entry}, `));
      } else if (firstKept < 0) {
        // Every key goes: the first one's text becomes the new entry, the others are removed.
        const first = spans[0];
        edits.push(replace(first.start, map.flow ? first.end : contentLineEnd(text, first.end), entry));
        remove.delete(0);
        for (const [i, j] of runsOf(remove, spans.length)) {
          edits.push(map.flow ? replace(spans[i - 1].end, spans[j].end, '') : replace(lineStart(text, spans[i].start), nextLineStart(text, spans[j].end), ''));
        }
        return edits;
      } else {
        const at = spans[firstKept].start;
        edits.push(insert(at, map.flow ? `${entry}, ` : `${entry}${eolOf(text)}${' '.repeat(columnOf(text, at))}`));
      }
    }
  }
  edits.push(...removeItems(text, map, spans, remove));
  return edits;
}

/**
 * Removes the pair at a path. A map that would be left empty is removed with its own key, up to
 * `keepDepth` (so `trafficPolicy: {tls: ...}` goes as a whole, but `spec` stays).
 */
export function removePath(text: string, doc: Document.Parsed, path: Path, keepDepth = 1): OffsetEdit[] | undefined {
  const steps = walkPath(doc, path);
  if (!steps || steps.length === 0) return undefined;
  let level = steps.length - 1;
  while (level > keepDepth && steps[level].container.items.length === 1 && isMap(steps[level - 1].container)) level--;
  const map = steps[level].container;
  if (!isMap(map)) return undefined;
  const spans = itemSpans(map);
  return spans ? removeItems(text, map, spans, new Set([steps[level].index])) : undefined;
}

/** Replaces a map key's text, keeping its quotes. */
export function replaceKeyText(pair: Pair, newKey: string): OffsetEdit | undefined {
  const kr = rangeOf(pair.key);
  if (!kr) return undefined;
  const style = scalarStyle(pair.key);
  const written = style === 'double' ? JSON.stringify(newKey) : style === 'single' ? `'${newKey.replace(/'/g, "''")}'` : newKey;
  return replace(kr[0], kr[1], written);
}

/** Where each document's text starts: its `---` line (the file start for the first). */
function documentStarts(file: ParsedFile, text: string): number[] {
  const starts = file.documents.map((d, i) => (i === 0 ? 0 : d.doc.range[0]));
  starts.push(text.length);
  return starts;
}

/**
 * Removes documents with exactly one `---` each: a document takes its own separator with it (the
 * first one, when it has none, takes the next document's), so the documents left stay intact.
 * Removing every document empties the file.
 */
export function removeDocuments(text: string, file: ParsedFile, indexes: ReadonlySet<number>): OffsetEdit[] {
  const n = file.documents.length;
  if (n === 0 || indexes.size === 0) return [];
  if ([...Array(n).keys()].every((i) => indexes.has(i))) return [replace(0, text.length, '')];
  const starts = documentStarts(file, text);
  const edits: OffsetEdit[] = [];
  for (const [i, j] of runsOf(indexes, n)) {
    let end = starts[j + 1];
    const firstMarker = text.startsWith('---', file.documents[0].doc.range[0]);
    if (i === 0 && !firstMarker && text.startsWith('---', end)) {
      // The first document had no `---`: the one that becomes first loses its separator.
      end += 3;
      while (text[end] === ' ' || text[end] === '\t') end++;
      if (text[end] === '\r' && text[end + 1] === '\n') end += 2;
      else if (text[end] === '\n') end += 1;
    }
    edits.push(replace(starts[i], end, ''));
  }
  return edits;
}

/** Appends documents at the end of a file, each after a `---` (none before the first of an empty file). */
export function appendDocuments(text: string, documents: readonly string[]): OffsetEdit | undefined {
  if (documents.length === 0) return undefined;
  const eol = eolOf(text);
  const empty = text.trim() === '';
  const endsWithMarker = /(^|\n)---[ \t]*\r?\n?$/.test(text.replace(/(\r?\n[ \t]*)+$/, '\n'));
  let out = empty || text.endsWith('\n') ? '' : eol;
  documents.forEach((d, i) => {
    out += (i === 0 && (empty || endsWithMarker) ? '' : `---${eol}`) + d;
  });
  return insert(text.length, out);
}

/**
 * Replaces a document's content (from its first node to the end of its last line), keeping the
 * `---` line, the comments before the content and the comments after it.
 */
export function replaceDocumentContent(text: string, doc: Document.Parsed, newText: string): OffsetEdit | undefined {
  const r = rangeOf(doc.contents);
  if (!r) return undefined;
  const atLineStart = r[1] > 0 && text[r[1] - 1] === '\n';
  const content = atLineStart ? newText : newText.replace(/\r?\n$/, '');
  return replace(r[0], r[1], content);
}
