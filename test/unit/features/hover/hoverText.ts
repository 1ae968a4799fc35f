// Hover helpers for feature tests: the Markdown at a needle of an in-memory workspace.
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { editorSnapshot, offsetOf } from '../../../support/editor';
import type { Files } from '../../../support/workspace';
import { hoverAt } from '../../../../server/src/features/hover/hoverAt';

export function hoverOf(files: Files, path: string, needle: string, n = 0, delta = 0): Hover | null {
  return hoverAt(editorSnapshot(files), path, offsetOf(files[path], needle, n, delta));
}

/** The Markdown of the hover at the n-th `needle` of `path` (default: the first file holding the needle). */
export function hoverText(files: Files | string, needle: string, n = 0, path?: string): string {
  const f = typeof files === 'string' ? { 'test.yaml': files } : files;
  const p = path ?? Object.keys(f).find((k) => f[k].includes(needle)) ?? Object.keys(f)[0];
  const h = hoverOf(f, p, needle, n);
  if (!h) throw new Error(`no hover at "${needle}"`);
  return (h.contents as MarkupContent).value;
}

/** The table rows of a Markdown text that mention `needle`. */
export function rowsWith(markdown: string, needle: string): string[] {
  return markdown.split('\n').filter((l) => l.startsWith('| ') && l.includes(needle));
}

/** Link targets are `file:///workspace/<path>#L<line>`. */
export const link = (label: string, path: string, line: number) => `[${label}](file:///workspace/${path}#L${line})`;

/** The 1-based line of the n-th `needle` in a text (what a link's `#L` fragment holds). */
export function lineOf(text: string, needle: string, n = 0): number {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found ${n + 1} times`);
  }
  return text.slice(0, at).split('\n').length;
}
