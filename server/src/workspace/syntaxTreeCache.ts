// What parseYamlFile.ts builds on demand for a document, shared by every parsed file: its `yaml`
// syntax tree, and the lighter positions read from js-yaml's events (documentPositions.ts). The
// most recently used few hundred of each are kept. One dropped is rebuilt from its document's text
// when asked for again, so callers see no difference but time. Without a bound, the cached files
// of a large workspace would keep a tree for every document that ever had a finding (about 12 kB
// each). Callers that walk many findings (the presenter, the CLI) go file by file, so a finding's
// document and the ones its related locations name are usually still here.
import type { Document } from 'yaml';
import type { DocumentPositions } from './documentPositions';

/** Trees kept; the server locates findings file by file, the CLI in file order. */
export const KEPT_TREES = 512;
/** Position trees kept: they serve the presenter, which remembers the ranges it computed. */
export const KEPT_POSITIONS = 256;

/** A bounded map in which insertion order is recency: the first key is the least recently used. */
class RecentlyUsed<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, build: () => T): T {
    if (this.entries.has(key)) {
      const kept = this.entries.get(key) as T;
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept;
    }
    const value = build();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }
}

const trees = new RecentlyUsed<Document.Parsed | undefined>(KEPT_TREES);
/** `null`: the document's positions are left to its syntax tree (documentPositions.ts said unsure). */
const positions = new RecentlyUsed<DocumentPositions | null>(KEPT_POSITIONS);

/** The tree of document `index` of parsed file `fileId`, built by `build` when not kept. */
export function cachedSyntaxTree(fileId: number, index: number, build: () => Document.Parsed | undefined): Document.Parsed | undefined {
  return trees.get(`${fileId}:${index}`, build);
}

/** The positions of document `index` of parsed file `fileId`, built by `build` when not kept. */
export function cachedPositions(fileId: number, index: number, build: () => DocumentPositions | undefined): DocumentPositions | undefined {
  return positions.get(`${fileId}:${index}`, () => build() ?? null) ?? undefined;
}

/** How many trees are kept now (tests). */
export function keptSyntaxTrees(): number {
  return trees.size;
}
