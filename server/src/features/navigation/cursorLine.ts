// Reads, from the raw text, what is being typed at a cursor in block-style YAML: the keys above
// the cursor (by indentation) and the slot being filled. Works on lines the parser cannot load
// yet (`      mode: `, `  host: rev`, `        - cluster.local/ns/`).

/** What the cursor is filling. */
export type Slot =
  /** The value of `keys[last]` (`mode: STR`). */
  | 'value'
  /** A new key of the map at `keys` (`matchLabels:` then `  ap`). */
  | 'key'
  /** An item of the list at `keys` (`principals:` then `- clu`). */
  | 'item';

export interface CursorLine {
  /** Keys from the document root (list levels skipped), e.g. ['spec', 'mtls', 'mode']. */
  readonly keys: readonly string[];
  readonly slot: Slot;
  /** Text typed so far, without an opening quote. */
  readonly partial: string;
  /** Offsets of the token the completion replaces (from the partial's start to the token's end). */
  readonly replace: readonly [number, number];
  /** A value slot right after `key:` with no space: the inserted value needs one. */
  readonly needsSpace: boolean;
  /** The text of the YAML document holding the cursor. */
  readonly documentText: string;
}

interface LineShape {
  /** Column of the first `- ` of the line, when it starts list items. */
  readonly dashColumn?: number;
  /** Column where the content (after indentation and dashes) starts. */
  readonly column: number;
  /** The key of the content, when it is `key:`. */
  readonly key?: string;
  /** Offset (in the line) where the text after `key:` starts. */
  readonly afterColon?: number;
}

import { lineEndAt, lineStartAt, splitLines } from './lineBounds';

const KEY = /^("[^"]*"|'[^']*'|[^\s"'#:{[][^:#]*?)\s*:(?=\s|$)/;

function shapeOf(line: string): LineShape {
  const indent = /^[ \t]*/.exec(line)![0].length;
  const dashes = /^(?:-(?:[ \t]+|$))*/.exec(line.slice(indent))![0];
  const column = indent + dashes.length;
  const content = line.slice(column);
  const m = KEY.exec(content);
  const base = dashes ? { dashColumn: indent, column } : { column };
  if (!m) return base;
  return { ...base, key: unquote(m[1].trim()), afterColon: column + m[0].length };
}

function unquote(s: string): string {
  return /^(["']).*\1$/.test(s) ? s.slice(1, -1) : s;
}

function isBlankOrComment(line: string): boolean {
  return /^\s*(#.*)?$/.test(line);
}

/** The keys of the maps enclosing the line after `lines`: walk up to lines less indented than the current element. */
function ancestors(lines: readonly string[], start: LineShape): string[] {
  const keys: string[] = [];
  // A key must sit strictly left of `column`; a list item's parent may sit at its dash column.
  let limit = start.dashColumn ?? start.column - 1;
  for (let i = lines.length - 1; i >= 0 && limit >= 0; i--) {
    const line = lines[i];
    if (isBlankOrComment(line)) continue;
    const shape = shapeOf(line);
    if (shape.key === undefined || shape.column > limit) continue;
    keys.unshift(shape.key);
    limit = shape.dashColumn ?? shape.column - 1;
  }
  return keys;
}

/** The document around an offset: from after the `---` line above to the next `---` line. */
function documentBounds(text: string, offset: number): [number, number] | undefined {
  const marker = /^(?:---|\.\.\.)[ \t]*(?:#.*)?\r?$/gm;
  let start = 0;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    const lineEnd = m.index + m[0].length;
    if (lineEnd < offset) start = lineEnd + 1;
    else if (m.index > offset) return [start, m.index];
    else return undefined; // on the separator itself
  }
  return [start, text.length];
}

export function cursorLine(text: string, offset: number): CursorLine | undefined {
  const bounds = documentBounds(text, offset);
  if (!bounds) return undefined;
  const [docStart, docEnd] = bounds;
  const lineStart = lineStartAt(text, offset);
  const before = text.slice(lineStart, offset);
  // Up to the line break: a `\r` (of `\r\n`, or alone) is never part of the token.
  const after = text.slice(offset, lineEndAt(text, offset));
  const shape = shapeOf(before);
  const documentText = text.slice(docStart, docEnd);
  const lines = splitLines(text.slice(docStart, lineStart));
  lines.pop(); // the empty string after the last line break (the cursor line is not part of `lines`)
  let slot: Slot;
  let keys: string[];
  let partialStart: number;
  let needsSpace = false;
  if (shape.key !== undefined && shape.afterColon !== undefined) {
    slot = 'value';
    keys = [...ancestors(lines, shape), shape.key];
    partialStart = lineStart + shape.afterColon;
    while (partialStart < offset && /[ \t]/.test(text[partialStart])) partialStart++;
    needsSpace = !/[ \t]$/.test(before) && before.endsWith(':');
  } else {
    if (/[:#]/.test(before.slice(shape.column))) return undefined;
    slot = shape.dashColumn !== undefined ? 'item' : 'key';
    keys = ancestors(lines, shape);
    partialStart = lineStart + shape.column;
  }
  // An opening quote before the cursor is not part of the partial; with the cursor just before
  // it (`mode: |"SIMPLE"`), the completion replaces the whole quoted value.
  let quotedEnd: number | undefined;
  if (text[partialStart] === '"' || text[partialStart] === "'") {
    if (partialStart < offset) partialStart++;
    else if (slot !== 'key') quotedEnd = closingQuote(after);
  }
  const partial = text.slice(partialStart, offset);
  if (/\s/.test(partial.trim()) || partial.startsWith('[') || partial.startsWith('{')) return undefined;
  // A new key replaces the rest of the line (a completion inserts a whole `key: value` pair).
  const rest = slot === 'key' ? /^[^#]*?(?=\s*(#|$))/.exec(after)![0] : /^[^\s"'#,\]}]*/.exec(after)![0];
  const tokenEnd = offset + (quotedEnd ?? rest.length);
  return { keys, slot, partial, replace: [partialStart, tokenEnd], needsSpace, documentText };
}

/** Length of a quoted scalar at the start of `after` (closing quote included); 0 when it does not close on this line. */
function closingQuote(after: string): number {
  const quote = after[0];
  for (let i = 1; i < after.length; i++) {
    if (quote === '"' && after[i] === '\\') i++;
    else if (after[i] === quote) {
      if (quote === "'" && after[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return 0;
}
