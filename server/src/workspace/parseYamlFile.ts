import { LineCounter, parseAllDocuments } from 'yaml';
import type { ParsedDocument, ParsedFile } from './parsedFile';
import { asMap, asString } from '../model/read';

const TEMPLATE_MARK = '{{';
/** Bounds the work a hostile document can cause (billion laughs). */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses one file into its documents. Pure: the same text gives the same result,
 * so callers cache by (path, version) and a change re-parses only that file.
 */
export function parseYamlFile(path: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, merge: true, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const list = Array.isArray(docs) ? docs : [];
  const documents: ParsedDocument[] = [];
  list.forEach((doc, index) => {
    // The first document's range leaves out the comments before it; they belong to it.
    const span: [number, number] = [index === 0 ? 0 : doc.range[0], doc.range[2]];
    const source = text.slice(span[0], span[1]);
    const mayBeTemplate = source.includes(TEMPLATE_MARK);
    const firstError = doc.errors[0];
    if (firstError) {
      documents.push({
        index, doc, value: undefined, template: mayBeTemplate, span,
        syntaxError: { message: firstError.message.split('\n')[0], offsets: [firstError.pos[0], Math.max(firstError.pos[1], firstError.pos[0])] },
      });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      documents.push({ index, doc, value: undefined, template: mayBeTemplate, span, syntaxError: { message, offsets: [span[0], span[0]] } });
      return;
    }
    documents.push({ index, doc, value, template: mayBeTemplate && hasTemplatedMetadata(value), span });
  });
  return { path, textLength: text.length, lineCounter, documents };
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
