import type { ModelOptions } from '../model/meshModel';
import type { Resource } from '../model/resource';
import type { CertificateFile } from '../model/kinds/certificateFile';
import type { Finding } from '../rules/finding';
import type { AnalysisSettings, RuleSet } from '../rules/ruleContext';
import type { RuleErrorHandler } from '../rules/runRules';
import type { ParsedFile } from './parsedFile';
import { fileContribution } from './fileResources';
import { applyPatches, isKustomizationFile, kustomizationPulls, kustomizeAlternatives, readKustomization, type Kustomization } from './kustomize';
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

