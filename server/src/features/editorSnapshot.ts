import type { AnalysisResult } from '../workspace/analyzeWorkspace';
import type { ParsedFile } from '../workspace/parsedFile';
import type { PresentedFinding } from './presentedFinding';

/**
 * What the editor features read, frozen after one analysis: the findings, the semantics
 * each resource was judged with, the parsed files and their text. Features are pure
 * functions of a snapshot and a position; only server.ts talks to the connection.
 */
export interface EditorSnapshot {
  readonly result: AnalysisResult;
  /** Findings located in text, after severity overrides (what the editor shows). */
  readonly findings: readonly PresentedFinding[];
  /** The findings of one file (cheaper than filtering `findings`). */
  findingsIn(path: string): readonly PresentedFinding[];
  /** Parsed file by workspace path. */
  file(path: string): ParsedFile | undefined;
  /** The text of a file as analysed (the open editor's, else the disk's). */
  text(path: string): string | undefined;
  /** Workspace path <-> document URI. */
  uriOf(path: string): string;
  pathOf(uri: string): string | undefined;
  /** Base URL of the rule documentation (`<base>#<rule-id>`). */
  readonly docsBase: string;
}
