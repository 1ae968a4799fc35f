/** Character offsets [start, end) of one YAML document in its file. */
export interface DocumentChunk {
  readonly start: number;
  readonly end: number;
}

const START_MARKER = /^---(?:[ \t]|$)/;
const END_MARKER = /^\.\.\.(?:[ \t]|$)/;
const TRIVIA = /^(?:[ \t]*(?:#.*)?|%.*)$/;

/**
 * Splits a YAML stream into its documents by the document markers at the start of a line
 * (`---`, `...`), as the YAML lexer does: comments, blank lines and directives before a
 * `---` belong to the document it starts, and trailing trivia to the last document.
 */
export function splitYamlDocuments(text: string): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  let chunkStart = 0;
  let onlyTrivia = true;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const next = nl < 0 ? text.length : nl + 1;
    const line = text.charCodeAt(lineEnd - 1) === 13 ? text.slice(pos, lineEnd - 1) : text.slice(pos, lineEnd);
    if (START_MARKER.test(line)) {
      if (!onlyTrivia) {
        chunks.push({ start: chunkStart, end: pos });
        chunkStart = pos;
      }
      onlyTrivia = false;
    } else if (END_MARKER.test(line)) {
      chunks.push({ start: chunkStart, end: next });
      chunkStart = next;
      onlyTrivia = true;
    } else if (onlyTrivia && !TRIVIA.test(line)) {
      onlyTrivia = false;
    }
    pos = next;
  }
  if (chunkStart < text.length) {
    if (!onlyTrivia || chunks.length === 0) chunks.push({ start: chunkStart, end: text.length });
    else chunks[chunks.length - 1] = { start: chunks[chunks.length - 1].start, end: text.length };
  }
  return chunks;
}
