import type { Finding } from '../rules/finding';
import { AnalysisEngine, type AnalysisResult } from './analysisEngine';
import type { AnalysisOptions, WorkspaceSnapshot } from './workspaceInputs';

export { collectResources } from './workspaceInputs';
export type { AnalysisOptions, WorkspaceResources, WorkspaceSnapshot } from './workspaceInputs';

/**
 * The whole analysis, pure: parsed files in, findings out (not yet located in text).
 * Each analysis context (rules.md "variants") gets its own model; a finding is kept only
 * from the context that owns the resource it is attached to.
 */
export function analyzeWorkspaceDetailed(snapshot: WorkspaceSnapshot, options: AnalysisOptions): AnalysisResult {
  const engine = new AnalysisEngine(options);
  engine.update({ yaml: snapshot.yamlFiles.map((f) => [f.path, f] as const), certificates: snapshot.certificateFiles.map((f) => [f.path, f] as const) });
  return engine;
}

export function analyzeWorkspace(snapshot: WorkspaceSnapshot, options: AnalysisOptions): Finding[] {
  return [...analyzeWorkspaceDetailed(snapshot, options).findings];
}

export type { AnalysisResult, AnalyzedContext } from './analysisEngine';
