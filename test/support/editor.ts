// An EditorSnapshot from in-memory YAML, for feature (hover, code action, navigation) tests.
import { parseYamlFile } from '../../server/src/workspace/parseYamlFile';
import { buildEditorSnapshot } from '../../server/src/features/snapshotFromFiles';
import type { EditorSnapshot } from '../../server/src/features/editorSnapshot';
import type { ParsedFile } from '../../server/src/workspace/parsedFile';
import { TEST_NOW, type Files } from './workspace';

export const TEST_ROOT_URI = 'file:///workspace';

export function editorSnapshot(files: Files | string): EditorSnapshot {
  const f = typeof files === 'string' ? { 'test.yaml': files } : files;
  const parsed = new Map<string, ParsedFile>(Object.entries(f).map(([p, t]) => [p, parseYamlFile(p, t)]));
  return buildEditorSnapshot(
    {
      workspace: { yamlFiles: [...parsed.values()], certificateFiles: [] },
      files: parsed,
      texts: new Map(Object.entries(f)),
      uriOf: (p) => `${TEST_ROOT_URI}/${p}`,
      pathOf: (u) => (u.startsWith(`${TEST_ROOT_URI}/`) ? u.slice(TEST_ROOT_URI.length + 1) : undefined),
      docsBase: 'https://example.invalid/README.md',
    },
    { settings: { now: TEST_NOW, certificateExpiryWarningDays: 30 } },
  );
}

/** The offset of the n-th (0-based) occurrence of `needle` in a text, plus `delta`. */
export function offsetOf(text: string, needle: string, n = 0, delta = 0): number {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found ${n + 1} times`);
  }
  return at + delta;
}
