// Builds models, semantics and findings from in-memory YAML, for tests.
import { parseYamlFile } from '../../server/src/workspace/parseYamlFile';
import { analyzeWorkspace, collectResources, type AnalysisOptions } from '../../server/src/workspace/analyzeWorkspace';
import { buildMeshModel, type MeshModel, type ModelOptions } from '../../server/src/model/meshModel';
import { MeshSemantics } from '../../server/src/semantics/meshSemantics';
import { presentFinding } from '../../server/src/features/presenter';
import type { PresentedFinding } from '../../server/src/features/presentedFinding';
import type { Finding } from '../../server/src/rules/finding';
import type { RuleContext, RuleSet } from '../../server/src/rules/ruleContext';
import { identityOfAnchor } from '../../server/src/rules/finding';
import { runRuleSets } from '../../server/src/rules/runRules';

export type Files = Record<string, string>;

export const TEST_NOW = new Date('2026-11-22T00:00:00Z');

function parse(files: Files) {
  return Object.entries(files).map(([path, text]) => parseYamlFile(path, text));
}

/** A model and its semantics from YAML files (no variants handling: all resources together). */
export function semanticsOf(files: Files | string, options: ModelOptions = {}): { model: MeshModel; sem: MeshSemantics } {
  const f = typeof files === 'string' ? { 'test.yaml': files } : files;
  const { resources } = collectResources({ yamlFiles: parse(f), certificateFiles: [] });
  const model = buildMeshModel(resources, options);
  return { model, sem: new MeshSemantics(model) };
}

export function ruleContextOf(files: Files | string, options: ModelOptions = {}): RuleContext {
  const { model, sem } = semanticsOf(files, options);
  return { model, sem, certificateFiles: [], settings: { now: TEST_NOW, certificateExpiryWarningDays: 30 } };
}

/** The full analysis (variants, patches, suppression) with findings located in text. */
export function analyze(files: Files | string, options: Partial<AnalysisOptions> = {}): PresentedFinding[] {
  const f = typeof files === 'string' ? { 'test.yaml': files } : files;
  const parsed = parse(f);
  const byPath = new Map(parsed.map((p) => [p.path, p]));
  const findings = analyzeWorkspace(
    { yamlFiles: parsed, certificateFiles: [] },
    { settings: { now: TEST_NOW, certificateExpiryWarningDays: 30 }, onRuleError: (s, e) => { throw new Error(`rule set ${s.name} threw: ${String(e)}`); }, ...options },
  );
  return findings.map((x) => presentFinding(x, (p) => byPath.get(p)));
}

/** `rule kind/namespace/name` keys of findings, sorted: compact to assert on. */
export function keys(findings: ReadonlyArray<Finding | PresentedFinding>, rule?: string): string[] {
  return findings
    .filter((f) => !rule || f.rule === rule)
    .map((f) => {
      const id = 'anchor' in f ? identityOfAnchor(f.anchor) : f.resource;
      return `${f.rule} ${id.kind}/${id.namespace}/${id.name}`;
    })
    .sort();
}

/** Runs one rule set on YAML. */
export function run(set: RuleSet, files: Files | string, options: ModelOptions = {}): Finding[] {
  return runRuleSets(ruleContextOf(files, options), [set]);
}

/** Joins YAML documents with `---`. */
export function docs(...parts: string[]): string {
  return parts.map((p) => p.replace(/^\n/, '')).join('---\n');
}
