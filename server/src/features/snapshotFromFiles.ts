import { presentFinding } from './presenter';
import type { EditorSnapshot } from './editorSnapshot';
import type { PresentedFinding } from './presentedFinding';
import { analyzeWorkspaceDetailed, type AnalysisOptions, type WorkspaceSnapshot } from '../workspace/analyzeWorkspace';
import type { ParsedFile } from '../workspace/parsedFile';

export interface SnapshotInputs {
  readonly workspace: WorkspaceSnapshot;
  /** Every file a finding may point at (YAML and certificate files), by path. */
  readonly files: ReadonlyMap<string, ParsedFile>;
  readonly texts: ReadonlyMap<string, string>;
  readonly uriOf: (path: string) => string;
  readonly pathOf: (uri: string) => string | undefined;
  readonly docsBase: string;
  /** Post-processing of located findings (severity overrides, rules turned off). */
  readonly adjust?: (findings: PresentedFinding[]) => PresentedFinding[];
}

/** Runs the analysis and freezes what the editor features need. */
export function buildEditorSnapshot(inputs: SnapshotInputs, options: AnalysisOptions): EditorSnapshot {
  const result = analyzeWorkspaceDetailed(inputs.workspace, options);
  const lookup = (p: string) => inputs.files.get(p);
  const located = result.findings.map((f) => presentFinding(f, lookup));
  const findings = inputs.adjust ? inputs.adjust(located) : located;
  return {
    result,
    findings,
    findingsIn: (path) => findings.filter((f) => f.file === path),
    file: lookup,
    text: (p) => inputs.texts.get(p),
    uriOf: inputs.uriOf,
    pathOf: inputs.pathOf,
    docsBase: inputs.docsBase,
  };
}
