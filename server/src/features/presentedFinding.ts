import type { Range } from '../workspace/parsedFile';
import type { ResourceIdentity, Severity } from '../rules/finding';

/** A finding located in text: what the CLI prints and the language server publishes. */
export interface PresentedFinding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** The path as given (CLI) or the workspace-relative path. */
  readonly file: string;
  readonly range: Range;
  readonly resource: ResourceIdentity;
  readonly related: readonly PresentedRelated[];
}

export interface PresentedRelated {
  readonly file: string;
  readonly range: Range;
  readonly resource: ResourceIdentity;
  readonly message: string;
}

export function compareFindings(a: PresentedFinding, b: PresentedFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.range.start.line !== b.range.start.line) return a.range.start.line - b.range.start.line;
  if (a.range.start.character !== b.range.start.character) return a.range.start.character - b.range.start.character;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
