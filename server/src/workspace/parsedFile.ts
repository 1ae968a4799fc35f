import type { Document, LineCounter } from 'yaml';
import type { DocumentPositions } from './documentPositions';

/** A zero-based LSP-style position. */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

/** One YAML document of a file, with what could be read from it. */
export interface ParsedDocument {
  /** Index among the file's documents (0-based). */
  index: number;
  /** The `yaml` syntax tree (built on demand): editor requests, quick fixes, and the presenter when `positions` is unsure. */
  doc: Document.Parsed;
  /** Where the nodes are, from js-yaml's events (documentPositions.ts); the presenter's first choice. */
  readonly positions?: DocumentPositions | undefined;
  /** The plain value, or undefined when the document did not load. */
  value: unknown;
  /** The reason the document did not load (syntax or construction error). */
  syntaxError?: SyntaxProblem;
  /** True when the document is a template (holds `{{` and does not load, or templated metadata). */
  template: boolean;
  /** Character offsets of the document in the file text. */
  span: [number, number];
}

export interface SyntaxProblem {
  message: string;
  /** Character offsets [start, end) in the file text. */
  offsets: [number, number];
}

export interface ParsedFile {
  /** The path as it will be shown (relative to the cwd or the workspace). */
  path: string;
  /** The text length; the text itself is not kept (private keys may live in it). */
  textLength: number;
  lineCounter: LineCounter;
  documents: ParsedDocument[];
  /** A whole file skipped on purpose (Helm template folder, size limit), with the reason. */
  skipped?: string;
}
