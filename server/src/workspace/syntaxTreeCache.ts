// The `yaml` syntax trees built on demand (parseYamlFile.ts), shared by every parsed file: the
// most recently used few hundred are kept. A tree is rebuilt from its document's text when asked
// for again after it was dropped, so callers see no difference but time. Without a bound, the
// cached files of a large workspace would keep a tree for every document that ever had a finding
// (about 12 kB each). Callers that walk many findings (the presenter, the CLI) go file by file,
// so a finding's document and the ones its related locations name are usually still here.
import type { Document } from 'yaml';

/** Trees kept; the server locates findings file by file, the CLI in file order. */
export const KEPT_TREES = 512;

/** Insertion order is recency: the first key is the least recently used. */
const recent = new Map<string, Document.Parsed>();

/** The tree of document `index` of parsed file `fileId`, built by `build` when not kept. */
export function cachedSyntaxTree(fileId: number, index: number, build: () => Document.Parsed | undefined): Document.Parsed | undefined {
  const key = `${fileId}:${index}`;
  const kept = recent.get(key);
  if (kept) {
    recent.delete(key);
    recent.set(key, kept);
    return kept;
  }
  const tree = build();
  if (!tree) return undefined;
  recent.set(key, tree);
  if (recent.size > KEPT_TREES) {
    const oldest = recent.keys().next().value;
    if (oldest !== undefined) recent.delete(oldest);
  }
  return tree;
}

/** How many trees are kept now (tests). */
export function keptSyntaxTrees(): number {
  return recent.size;
}
