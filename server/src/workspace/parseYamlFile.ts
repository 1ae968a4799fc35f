import { loadAll, CORE_SCHEMA, mergeTag, type Schema } from 'js-yaml';
import { Document, parseAllDocuments, parseDocument } from 'yaml';
import type { ParsedDocument, ParsedFile, SyntaxProblem } from './parsedFile';
import { asMap, asString } from '../model/read';
import { lineCounterOf } from './textFileLines';
import { splitYamlDocuments, type DocumentChunk } from './yamlDocumentChunks';

const TEMPLATE_MARK = '{{';
/** Bounds the work a hostile document can cause (billion laughs, deep nesting). */
const MAX_ALIAS_COUNT = 100;
const MAX_DEPTH = 200;
/** YAML 1.2 core schema (timestamps stay strings), with merge keys (`<<`) as kubectl accepts them. */
const SCHEMA: Schema = CORE_SCHEMA.withTags(mergeTag);
/** An anchor (`&name`) where a node may start. */
const ANCHOR = /(?:^|[\s[{,:-])&[^\s,[\]{}]/m;

/**
 * Parses one file into its documents. Pure: the same text gives the same result, so callers
 * cache by (path, version) and a change re-parses only that file.
 *
 * Values come from js-yaml, which is an order of magnitude faster than building a syntax tree.
 * The `yaml` package's syntax tree, with node positions, is built lazily, for the whole file,
 * only when something asks for it: a finding to locate, an editor request, a document that
 * js-yaml rejects (for `yaml`'s error position and message).
 */
export function parseYamlFile(path: string, text: string): ParsedFile {
  const chunks = splitYamlDocuments(text);
  let trees: Array<Document.Parsed | undefined> | undefined;
  const treeOf = (index: number): Document.Parsed | undefined => {
    trees ??= mapTreesToChunks(text, chunks);
    return trees[index];
  };
  const documents = chunks.map((chunk, index) => readDocument(text, chunk, index, treeOf));
  return { path, textLength: text.length, lineCounter: lineCounterOf(text), documents };
}

function readDocument(text: string, chunk: DocumentChunk, index: number, treeOf: (i: number) => Document.Parsed | undefined): ParsedDocument {
  const source = text.slice(chunk.start, chunk.end);
  const mayBeTemplate = source.includes(TEMPLATE_MARK);
  const make = (value: unknown, syntaxError?: SyntaxProblem): ParsedDocument => {
    const d = { index, span: [chunk.start, chunk.end] as [number, number], value, template: syntaxError ? mayBeTemplate : mayBeTemplate && hasTemplatedMetadata(value), ...(syntaxError ? { syntaxError } : {}) };
    // The syntax tree is built on first use (it is what makes `yaml` slow).
    Object.defineProperty(d, 'doc', { get: () => treeOf(index) ?? parseDocument(''), enumerable: false });
    return d as ParsedDocument;
  };
  try {
    // js-yaml shares aliased nodes instead of copying them, so an alias bomb loads small and
    // explodes later; anchors are rare in manifests: read those documents with `yaml`, which
    // bounds the expansion.
    if (ANCHOR.test(source)) throw new Error('anchors: read with the yaml package');
    const values = loadAll(source, { schema: SCHEMA, maxAliases: MAX_ALIAS_COUNT, maxDepth: MAX_DEPTH });
    if (values.length > 1) throw new Error('several documents in one chunk');
    return make(values[0] ?? undefined);
  } catch (e) {
    const tree = treeOf(index);
    const error = tree?.errors[0];
    if (error) return make(undefined, { message: error.message.split('\n')[0], offsets: [error.pos[0], Math.max(error.pos[1], error.pos[0])] });
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    const limits = /alias|depth|merge/i.test(message);
    if (tree && !limits) {
      // js-yaml rejects what the `yaml` package accepts: take `yaml`'s reading.
      try {
        return make(tree.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
      } catch (e2) {
        return make(undefined, { message: e2 instanceof Error ? e2.message : String(e2), offsets: [chunk.start, chunk.start] });
      }
    }
    const mark = (e as { mark?: { position?: number } }).mark;
    const at = chunk.start + (typeof mark?.position === 'number' ? mark.position : 0);
    return make(undefined, { message, offsets: [at, at] });
  }
}

/** The `yaml` syntax tree of each chunk: the documents of the whole file, matched by offset. */
function mapTreesToChunks(text: string, chunks: readonly DocumentChunk[]): Array<Document.Parsed | undefined> {
  const out: Array<Document.Parsed | undefined> = chunks.map(() => undefined);
  const docs = parseAllDocuments(text, { merge: true, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  for (const doc of Array.isArray(docs) ? docs : []) {
    const at = (doc.contents?.range?.[0] ?? doc.range[0]);
    const i = chunks.findIndex((c) => at >= c.start && at < c.end);
    const index = i >= 0 ? i : chunks.length - 1;
    if (index >= 0 && out[index] === undefined) out[index] = doc;
  }
  return out;
}

/**
 * `metadata.name` / `metadata.namespace` holding `{{`. Unquoted, `{{ .Values.x }}` loads as a
 * flow map, so a value that is not a scalar counts too (the document text holds `{{`).
 */
function hasTemplatedMetadata(value: unknown): boolean {
  const metadata = asMap(asMap(value)?.metadata);
  const templated = (v: unknown) => (v !== undefined && v !== null && asString(v) === undefined) || (asString(v) ?? '').includes(TEMPLATE_MARK);
  return templated(metadata?.name) || templated(metadata?.namespace);
}
