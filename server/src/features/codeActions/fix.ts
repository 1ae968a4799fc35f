import type { Document } from 'yaml';
import type { Path } from '../../model/read';
import type { Resource } from '../../model/resource';
import type { Finding } from '../../rules/finding';
import type { AnalyzedContext } from '../../workspace/analyzeWorkspace';
import type { ParsedFile } from '../../workspace/parsedFile';
import type { EditorSnapshot } from '../editorSnapshot';
import type { OffsetEdit } from './offsetEdit';

/** One way to fix a finding: edits of the file the finding is in. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly OffsetEdit[];
  /** The main fix of its finding (LSP `isPreferred`); "fix all" applies only these. */
  readonly preferred: boolean;
}

/** A finding with everything a fix may read. */
export interface FixInput {
  readonly snapshot: EditorSnapshot;
  readonly filePath: string;
  readonly text: string;
  readonly file: ParsedFile;
  readonly finding: Finding;
  /** The resource the finding is attached to, and its document. */
  readonly resource: Resource;
  readonly doc: Document.Parsed;
  /** The finding's YAML path from the document root (List items included). */
  readonly yamlPath: Path;
  /** The analysis context that judged the resource. */
  readonly context: AnalyzedContext | undefined;
}

export type FixBuilder = (input: FixInput) => Fix[];

/**
 * Fixes for one rule. `batch` fixes several findings of the rule at once when their fixes must be
 * computed together (documents removed with one separator each, one new resource per host);
 * otherwise "fix all" combines the preferred fixes whose edits do not overlap.
 */
export interface RuleFixes {
  readonly build: FixBuilder;
  readonly batch?: (inputs: readonly FixInput[]) => Fix | undefined;
  /** Safe to apply unattended (`source.fixAll`, e.g. on save): edits a value, never removes or adds resources. */
  readonly unattended: boolean;
}

export function single(title: string, edits: readonly OffsetEdit[] | undefined, preferred: boolean): Fix[] {
  return edits && edits.length ? [{ title, edits, preferred }] : [];
}
