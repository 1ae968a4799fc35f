// Shared helpers for the navigation service tests: read Locations back as text.
import type { Location, Range } from 'vscode-languageserver';
import type { EditorSnapshot } from '../../../../server/src/features/editorSnapshot';
import type { Files } from '../../../support/workspace';

/** The offset of an LSP position in a text. */
export function offsetAt(text: string, pos: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + pos.character;
}

export function textAt(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/** `path:line text-at-range` for each location (line 1-based), to assert on compactly. */
export function describeLocations(snapshot: EditorSnapshot, files: Files, locations: readonly Location[]): string[] {
  return locations.map((l) => {
    const path = snapshot.pathOf(l.uri);
    if (path === undefined) return `?${l.uri}`;
    return `${path}:${l.range.start.line + 1} ${textAt(files[path], l.range)}`;
  });
}

export const ap = (ns: string, name: string, spec: string) =>
  `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec}`;

export const serviceAccount = (ns: string, name: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n`;

export const meshConfig = (mesh: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n  namespace: istio-system\ndata:\n  mesh: |\n${mesh.split('\n').map((l) => `    ${l}`).join('\n')}\n`;

/** The 1-based line on which the n-th occurrence of `needle` ends. */
export function lineOf(text: string, needle: string, n = 0): number {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found ${n + 1} times`);
  }
  return text.slice(0, at + needle.length).split('\n').length;
}
