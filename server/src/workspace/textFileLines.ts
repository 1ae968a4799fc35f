import { LineCounter } from 'yaml';
import type { ParsedFile } from './parsedFile';

/** A line index of a text with LSP's line breaks (`\n`, `\r\n`, `\r`), as the YAML parser builds it. */
export function lineCounterOf(text: string): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) counter.addNewLine(i + 1);
    else if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      counter.addNewLine(i + 1);
    }
  }
  return counter;
}

/** An offset moved off the middle of a `\r\n` line break, where neither the parser nor an editor has a position. */
export function outsideLineBreak(text: string, offset: number): number {
  return offset > 0 && text[offset - 1] === '\r' && text[offset] === '\n' ? offset - 1 : offset;
}

/**
 * A ParsedFile for a file that is not YAML (a certificate file): no documents, only the
 * line index, so the presenter can turn a finding's offsets into a range.
 */
export function textOnlyParsedFile(path: string, text: string): ParsedFile {
  return { path, textLength: text.length, lineCounter: lineCounterOf(text), documents: [] };
}

/** A ParsedFile for a file skipped on purpose (not read): no documents, the reason kept. */
export function skippedParsedFile(path: string, reason: string): ParsedFile {
  return { path, textLength: 0, lineCounter: lineCounterOf(''), documents: [], skipped: reason };
}
