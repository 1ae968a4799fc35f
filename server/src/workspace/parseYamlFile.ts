import { loadAll } from 'js-yaml';
import { LOAD_OPTIONS, MAX_DEPTH, LONE_CR } from './jsYamlOptions';
import { Composer, Document, LineCounter, Parser, parseDocument } from 'yaml';
import type { ParsedDocument, ParsedFile, SyntaxProblem } from './parsedFile';
import { asMap, asString } from '../model/read';
import { lineCounterOf, outsideLineBreak } from './textFileLines';
import { splitYamlDocuments, type DocumentChunk } from './yamlDocumentChunks';
import { cachedPositions, cachedSyntaxTree } from './syntaxTreeCache';
import { documentPositions, type DocumentPositions } from './documentPositions';
import { treeShapeProblem } from './treeShape';

const TEMPLATE_MARK = '{{';
/** Bounds the work a hostile document can cause (billion laughs, deep nesting). */
const MAX_ALIAS_COUNT = 100;
/** An anchor (`&name`) where a node may start. */
const ANCHOR = /(?:^|[\s[{,:-])&[^\s,[\]{}]/m;
/** Names each parsed file for the syntax tree cache. */
let nextFileId = 0;

/**
 * Parses one file into its documents. Pure: the same text gives the same result, so callers
 * cache by (path, version) and a change re-parses only that file.
 *
 * Values come from js-yaml, which is several times faster than building a syntax tree. Where
 * things are is read on demand, one document at a time: the presenter asks for positions from
 * js-yaml's parser events (documentPositions.ts, a fraction of the cost of a tree); the `yaml`
 * package's syntax tree is built only when something needs it (an editor request, a quick fix,
 * a path the positions are unsure of, a document that js-yaml rejects, for `yaml`'s error
 * position and message). Both are kept in bounded caches (syntaxTreeCache.ts). A document that
 * js-yaml refused for its nesting depth or merge keys never gets a tree (building it is what takes
 * time).
 */
export function parseYamlFile(path: string, text: string): ParsedFile {
  const chunks = splitYamlDocuments(text);
  const fileId = nextFileId++;
  const treeOf = (index: number): Document.Parsed | undefined => cachedSyntaxTree(fileId, index, () => treeOfChunk(text, chunks[index]));
  const positionsOf = (index: number): DocumentPositions | undefined =>
    cachedPositions(fileId, index, () => documentPositions(text, chunks[index].start, chunks[index].end));
  const loaded = loadWholeFile(text, chunks.length);
  const documents = chunks.map((chunk, index) => readDocument(text, chunk, index, { treeOf, positionsOf, loaded }));
  let lines: LineCounter | undefined;
  return {
    path,
    textLength: text.length,
    // Built when a range is first asked for: most files of a large workspace never need one.
    get lineCounter() {
      lines ??= lineCounterOf(text);
      return lines;
    },
    documents,
  };
}

/** A document of a file; its syntax tree is built on first use (it is what makes `yaml` slow). */
class LoadedDocument implements ParsedDocument {
  declare syntaxError?: SyntaxProblem;
  readonly #treeOf: ((index: number) => Document.Parsed | undefined) | undefined;
  readonly #positionsOf: ((index: number) => DocumentPositions | undefined) | undefined;

  constructor(
    readonly index: number,
    readonly span: [number, number],
    readonly value: unknown,
    readonly template: boolean,
    treeOf: ((index: number) => Document.Parsed | undefined) | undefined,
    positionsOf: ((index: number) => DocumentPositions | undefined) | undefined,
    syntaxError: SyntaxProblem | undefined,
  ) {
    this.#treeOf = treeOf;
    this.#positionsOf = positionsOf;
    if (syntaxError) this.syntaxError = syntaxError;
  }

  get doc(): Document.Parsed {
    return this.#treeOf?.(this.index) ?? parseDocument('');
  }

  get positions(): DocumentPositions | undefined {
    return this.#positionsOf?.(this.index);
  }
}

/** What readDocument gets from its file: the builders of trees and positions, and the values if the whole file loaded. */
interface FileReaders {
  readonly treeOf: (i: number) => Document.Parsed | undefined;
  readonly positionsOf: (i: number) => DocumentPositions | undefined;
  readonly loaded: readonly unknown[] | undefined;
}

/**
 * The values of every document, when js-yaml reads the whole file without an error and finds one
 * document per chunk: one call instead of one per document (a third faster on multi-document
 * files). Otherwise undefined, and each document is read on its own, so that an error stays in
 * its document.
 */
function loadWholeFile(text: string, chunkCount: number): unknown[] | undefined {
  // A lone CR ends a line (and may start a `---`) for js-yaml, not for the chunks; a byte order
  // mark may start any document of a stream, and js-yaml drops it only at the start of its input.
  if (chunkCount < 2 || LONE_CR.test(text) || text.includes('\uFEFF')) return undefined;
  try {
    const values = loadAll(text, null, LOAD_OPTIONS);
    return values.length === chunkCount ? values : undefined;
  } catch {
    return undefined;
  }
}

function readDocument(text: string, chunk: DocumentChunk, index: number, readers: FileReaders): ParsedDocument {
  const source = text.slice(chunk.start, chunk.end);
  const mayBeTemplate = source.includes(TEMPLATE_MARK);
  const document = (value: unknown, syntaxError: SyntaxProblem | undefined, treeOf: FileReaders['treeOf'] | undefined, positionsOf: FileReaders['positionsOf'] | undefined): ParsedDocument =>
    new LoadedDocument(index, [chunk.start, chunk.end], value, syntaxError ? mayBeTemplate : mayBeTemplate && hasTemplatedMetadata(value), treeOf, positionsOf, syntaxError);
  /** Read by js-yaml: located from its positions (documentPositions.ts); the tree is built only if asked for. */
  const readByJsYaml = (value: unknown) => document(value, undefined, readers.treeOf, readers.positionsOf);
  /** Read by `yaml` (js-yaml rejected it): located from its syntax tree. */
  const readByYaml = (value: unknown) => document(value, undefined, readers.treeOf, undefined);
  /** Not analysed; without a tree when building one is what would take time (too deep, too many merges). */
  const broken = (problem: SyntaxProblem, withTree = true) => document(undefined, problem, withTree ? readers.treeOf : undefined, undefined);
  const { treeOf } = readers;
  try {
    const values = readers.loaded ? [readers.loaded[index]] : loadAll(source, null, LOAD_OPTIONS);
    if (values.length > 1) throw new Error('several documents in one chunk');
    // js-yaml shares aliased nodes instead of copying them, so an alias bomb loads small and
    // explodes later; anchors are rare in manifests: read those documents with `yaml`, which
    // bounds the expansion.
    if (ANCHOR.test(source)) throw new Error('anchors: read with the yaml package');
    return readByJsYaml(values[0] ?? undefined);
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : 'the document could not be read';
    const mark = (e as { mark?: { position?: number } }).mark;
    const [at] = clampOffsets(text, [chunk.start + (typeof mark?.position === 'number' ? mark.position : 0), chunk.end], chunk);
    // Too deep or too many merge keys: js-yaml's message and position; no syntax tree, ever.
    if (/exceeded max(?:Depth|TotalMergeKeys)/.test(message)) {
      return broken({ message: limitMessage(message), offsets: [at, at] }, false);
    }
    const tree = treeOf(index);
    const error = tree?.errors[0];
    if (error) return broken({ message: error.message.split('\n')[0], offsets: clampOffsets(text, error.pos, chunk) });
    if (tree) {
      // js-yaml rejects what the `yaml` package accepts: take `yaml`'s reading, if it has the shape of a manifest.
      const shape = treeShapeProblem(tree, MAX_DEPTH, chunk.start);
      if (shape) return broken({ message: shape.message, offsets: clampOffsets(text, shape.offsets, chunk) });
      try {
        return readByYaml(tree.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
      } catch (e2) {
        return broken({ message: e2 instanceof Error ? e2.message.split('\n')[0] : 'the document could not be read', offsets: [chunk.start, chunk.start] });
      }
    }
    return broken({ message, offsets: [at, at] });
  }
}

/** js-yaml's limit messages, said for a manifest author. */
function limitMessage(message: string): string {
  if (/maxDepth/.test(message)) return `The document is nested more than ${MAX_DEPTH} levels deep: it is not analysed (${message}).`;
  return `The document merges too many keys with \`<<\`: it is not analysed (${message}).`;
}

/**
 * An error position inside its document (the parser may point one past the end), and never
 * between the `\r` and `\n` of a line break, where no editor position is.
 */
function clampOffsets(text: string, pos: readonly [number, number], chunk: DocumentChunk): [number, number] {
  const at = (n: number) => outsideLineBreak(text, Math.max(chunk.start, Math.min(n, chunk.end)));
  const start = at(pos[0]);
  return [start, Math.max(start, at(pos[1]))];
}

/**
 * The `yaml` syntax tree of one document, with offsets in the whole file: the parser starts
 * counting at the document's first character.
 */
function treeOfChunk(text: string, chunk: DocumentChunk | undefined): Document.Parsed | undefined {
  if (!chunk) return undefined;
  const parser = new Parser();
  parser.offset = chunk.start;
  const composer = new Composer({ merge: true, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const docs = [...composer.compose(parser.parse(text.slice(chunk.start, chunk.end)), true, chunk.end)];
  return docs[0];
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
