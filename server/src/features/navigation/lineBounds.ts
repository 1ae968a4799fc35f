// Line boundaries of a text with LSP's line breaks (`\n`, `\r\n`, and a lone `\r`), as the
// YAML parser's line counter and the editor count them (workspace/textFileLines.ts).

import { outsideLineBreak } from '../../workspace/textFileLines';

const isBreak = (c: string | undefined) => c === '\n' || c === '\r';

/** An offset as a cursor can be: inside the text, never between the `\r` and `\n` of one line break. */
export function cursorOffset(text: string, offset: number): number {
  return outsideLineBreak(text, Math.min(Math.max(Math.trunc(offset) || 0, 0), text.length));
}

/** Offset where the line holding `offset` starts (just after the previous line break). */
export function lineStartAt(text: string, offset: number): number {
  let i = Math.min(Math.max(offset, 0), text.length);
  while (i > 0 && !isBreak(text[i - 1])) i--;
  return i;
}

/** Offset where the content of the line holding `offset` ends: its line break (`\r` of `\r\n` included), or the end of the text. */
export function lineEndAt(text: string, offset: number): number {
  let i = Math.min(Math.max(offset, 0), text.length);
  while (i < text.length && !isBreak(text[i])) i++;
  return i;
}

/** The lines of a text, without their line breaks. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * A completion's replace span made valid for a cursor: on the cursor's line, line break
 * excluded, and `start <= offset <= end` (LSP requires the range to hold the cursor).
 */
export function clampToCursorLine(text: string, offset: number, [start, end]: readonly [number, number]): [number, number] {
  const from = lineStartAt(text, offset);
  const to = lineEndAt(text, offset);
  const at = Math.min(Math.max(offset, from), to);
  return [Math.min(Math.max(start, from), at), Math.max(Math.min(end, to), at)];
}
