import { buildMeshModel, type MeshModel, type ModelOptions } from '../model/meshModel';
import type { Resource } from '../model/resource';
import type { CertificateFile } from '../model/kinds/certificateFile';
import { MeshSemantics } from '../semantics/meshSemantics';
import { anchorResource, type Finding } from '../rules/finding';
import type { AnalysisSettings, RuleSet } from '../rules/ruleContext';
import { runRuleSets, type RuleErrorHandler } from '../rules/runRules';
import { isSuppressed } from '../rules/suppression';
import type { ParsedFile } from './parsedFile';
import { fileContribution } from './fileResources';
import { applyPatches, isKustomizationFile, kustomizationPulls, kustomizeAlternatives, readKustomization, type Kustomization } from './kustomize';
import { analysisContexts } from './variants';
import { ancestorFolders } from './folders';
import { withClusterLayerUnderWorkspace } from './clusterLayer';

export interface WorkspaceSnapshot {
  readonly yamlFiles: readonly ParsedFile[];
  readonly certificateFiles: readonly CertificateFile[];
}

export interface AnalysisOptions extends ModelOptions {
  readonly settings: AnalysisSettings;
  readonly ruleSets?: readonly RuleSet[];
  readonly onRuleError?: RuleErrorHandler;
}

/** The resources of a workspace after in-file replacement and kustomize patches. */
export interface WorkspaceResources {
  readonly resources: readonly Resource[];
  readonly inputFindings: readonly Finding[];
  readonly foundUnder: (file: string) => ReadonlySet<string>;
  /** Overlay folders of one kustomize base: alternative environments. */
  readonly alternatives: readonly string[][];
}

export function collectResources(snapshot: WorkspaceSnapshot): WorkspaceResources {
  const inputFindings: Finding[] = [];
  const raw: Resource[] = [];
  const kustomizations: Kustomization[] = [];
  for (const file of snapshot.yamlFiles) {
    if (isKustomizationFile(file.path)) {
      const k = readKustomization(file.path, file.documents[0]?.value);
      if (k) kustomizations.push(k);
    }
    const c = fileContribution(file);
    raw.push(...c.resources);
    inputFindings.push(...c.findings);
  }
  const allFiles = snapshot.yamlFiles.map((f) => f.path);
  const pulls = kustomizations.length ? kustomizationPulls(kustomizations, allFiles) : new Map<string, Set<string>>();
  const patched = kustomizations.length ? applyPatches(raw, kustomizations, pulls) : raw;
  const resources = withClusterLayerUnderWorkspace(patched);
  const foundUnder = (file: string): ReadonlySet<string> => new Set([...ancestorFolders(file), ...(pulls.get(file) ?? [])]);
  return { resources, inputFindings, foundUnder, alternatives: kustomizations.length ? kustomizeAlternatives(kustomizations, pulls) : [] };
}

/** One analysis context with its model and semantics (rules.md "variants"). */
export interface AnalyzedContext {
  readonly model: MeshModel;
  readonly sem: MeshSemantics;
  /** Ids of the resources whose findings (and editor features) this context decides. */
  readonly owned: ReadonlySet<string>;
}

/** What the editor features read: the findings, and the semantics each resource was judged with. */
export interface AnalysisResult {
  readonly findings: readonly Finding[];
  readonly contexts: readonly AnalyzedContext[];
  /** The context that owns a resource (by id). */
  contextOf(resourceId: string): AnalyzedContext | undefined;
}

/**
 * The whole analysis, pure: parsed files in, findings out (not yet located in text).
 * Each analysis context (rules.md "variants") gets its own model; a finding is kept only
 * from the context that owns the resource it is attached to.
 */
export function analyzeWorkspaceDetailed(snapshot: WorkspaceSnapshot, options: AnalysisOptions): AnalysisResult {
  const { resources, inputFindings, foundUnder, alternatives } = collectResources(snapshot);
  const findings: Finding[] = [...inputFindings];
  const analyzed: AnalyzedContext[] = [];
  const owner = new Map<string, AnalyzedContext>();
  analysisContexts(resources, foundUnder, alternatives).forEach((context, i) => {
    const model = buildMeshModel(context.resources, options);
    const sem = new MeshSemantics(model);
    const done: AnalyzedContext = { model, sem, owned: context.owned };
    analyzed.push(done);
    for (const id of context.owned) owner.set(id, done);
    const ctx = {
      model,
      sem,
      // Certificate files belong to no variant: the first context reports them.
      certificateFiles: i === 0 ? snapshot.certificateFiles : [],
      settings: options.settings,
    };
    for (const f of runRuleSets(ctx, options.ruleSets, options.onRuleError)) {
      const r = anchorResource(f.anchor);
      if (r ? context.owned.has(r.id) : i === 0) findings.push(f);
    }
  });
  return { findings: findings.filter((f) => !isSuppressed(f)), contexts: analyzed, contextOf: (id) => owner.get(id) };
}

export function analyzeWorkspace(snapshot: WorkspaceSnapshot, options: AnalysisOptions): Finding[] {
  return [...analyzeWorkspaceDetailed(snapshot, options).findings];
}
