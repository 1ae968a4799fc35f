import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Path } from '../model/read';
import type { Resource } from '../model/resource';
import type { AnalysisResult, AnalyzedContext } from '../workspace/analyzeWorkspace';
import type { ParsedFile } from '../workspace/parsedFile';

/** Where an offset falls in a file: the document, the YAML path, and whether it is on a key. */
export interface YamlLocation {
  readonly docIndex: number;
  readonly path: Path;
  readonly part: 'key' | 'value';
  /** Offsets of the key or value node under the cursor. */
  readonly span: readonly [number, number];
}

function within(n: unknown, offset: number): boolean {
  const r = (n as Node | null)?.range;
  return !!r && offset >= r[0] && offset <= r[1];
}

/** The inverse of the presenter: a text offset to the deepest YAML path that holds it. */
export function locateOffset(file: ParsedFile, offset: number): YamlLocation | undefined {
  const doc = file.documents.find((d) => offset >= d.span[0] && offset <= d.span[1]);
  if (!doc) return undefined;
  let node: unknown = doc.doc.contents;
  const path: Array<string | number> = [];
  let part: 'key' | 'value' = 'value';
  let span: [number, number] = [offset, offset];
  if ((node as Node | null)?.range) span = [(node as Node).range![0], (node as Node).range![1]];
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => within(p.key, offset) || within(p.value, offset));
      if (!pair || !isPair(pair)) break;
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key !== 'string' && typeof key !== 'number') break;
      path.push(String(key));
      if (within(pair.key, offset)) {
        part = 'key';
        const r = (pair.key as Node).range;
        if (r) span = [r[0], r[1]];
        break;
      }
      node = pair.value;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((item) => within(item, offset));
      if (i < 0) break;
      path.push(i);
      node = node.items[i];
    } else break;
    const r = (node as Node | null)?.range;
    if (r) span = [r[0], r[1]];
  }
  return { docIndex: doc.index, path, part, span };
}

/** The resource under a cursor, the path inside it, and the context that judged it. */
export interface ResourceAtPosition {
  readonly resource: Resource;
  readonly path: Path;
  readonly part: 'key' | 'value';
  readonly span: readonly [number, number];
  readonly context: AnalyzedContext;
}

export function resourceAt(result: AnalysisResult, file: ParsedFile, offset: number): ResourceAtPosition | undefined {
  const loc = locateOffset(file, offset);
  if (!loc) return undefined;
  for (const context of result.contexts) {
    for (const r of context.model.resources) {
      if (r.source.file !== file.path || r.source.docIndex !== loc.docIndex || !context.owned.has(r.id)) continue;
      const base = r.source.basePath;
      if (base.length > loc.path.length || base.some((seg, i) => seg !== loc.path[i] && String(seg) !== String(loc.path[i]))) continue;
      return { resource: r, path: loc.path.slice(base.length), part: loc.part, span: loc.span, context };
    }
  }
  return undefined;
}
