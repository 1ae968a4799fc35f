import { identityOf, type Resource } from '../model/resource';
import type { CertificateFile } from '../model/kinds/certificateFile';
import type { MeshModel } from '../model/meshModel';
import type { MeshSemantics } from '../semantics/meshSemantics';
import type { Finding } from '../rules/finding';
import { ALL_RULE_SETS } from '../rules/allRuleSets';
import { isSuppressed } from '../rules/suppression';
import { ContextAnalysis } from '../incremental/contextAnalysis';
import type { ParsedFile } from './parsedFile';
import { fileContribution, type FileContribution } from './fileResources';
import { isKustomizationFile } from './kustomize';
import { isClusterLayerPath } from './clusterLayer';
import { analysisContexts, ancestorsOnly } from './variants';
import { collectResources, type AnalysisOptions } from './workspaceInputs';

/** One analysis context with its model and semantics (rules.md "variants"). */
export interface AnalyzedContext {
  readonly model: MeshModel;
  readonly sem: MeshSemantics;
  /** Whether this context decides the findings (and editor features) of a resource. */
  readonly owned: { has(resourceId: string): boolean };
}

/** What the editor features read: the findings, and the semantics each resource was judged with. */
export interface AnalysisResult {
  readonly findings: readonly Finding[];
  readonly contexts: readonly AnalyzedContext[];
  /** The context that owns a resource (by id). */
  contextOf(resourceId: string): AnalyzedContext | undefined;
}

export interface WorkspaceChanges {
  /** YAML files that changed (undefined: removed). */
  readonly yaml?: Iterable<readonly [string, ParsedFile | undefined]>;
  /** Certificate files that changed (undefined: removed). */
  readonly certificates?: Iterable<readonly [string, CertificateFile | undefined]>;
}

const ALL = { has: () => true };

/**
 * The analysis of a workspace, kept up to date under edits. In the common layout (no variants
 * of one object in several files, no kustomize patches, no cluster layer) an update re-parses
 * nothing, changes the model in place and re-runs each rule set only for the namespaces whose
 * inputs changed. Other layouts are analysed from scratch on every update, which is correct and
 * simply slower.
 */
export class AnalysisEngine implements AnalysisResult {
  private readonly yaml = new Map<string, ParsedFile>();
  private readonly certificates = new Map<string, CertificateFile>();
  private readonly contributions = new Map<string, FileContribution>();
  /**
   * identity -> file -> number of documents: variants are identities in more than one file. The
   * usual case, one document in one file, is held as that file's path (a map per resource is
   * most of this index's memory in a large workspace).
   */
  private readonly identityFiles = new Map<string, string | Map<string, number>>();
  private variantObjects = 0;
  private specialFiles = 0;
  private analyses: ContextAnalysis[] = [];
  private owners = new Map<string, ContextAnalysis>();
  private simple = false;

  constructor(private readonly options: AnalysisOptions) {}

  /** Whether updates are applied incrementally (the common layout) rather than from scratch. */
  get incremental(): boolean {
    return this.simple;
  }

  /** Applies file changes; returns the files whose findings may have changed. */
  update(changes: WorkspaceChanges): Set<string> {
    const removed: Resource[] = [];
    const added: Resource[] = [];
    const changedFiles = new Set<string>();
    for (const [path, file] of changes.yaml ?? []) {
      const before = this.contributions.get(path);
      if (before) {
        removed.push(...before.resources);
        this.countIdentities(before.resources, path, -1);
        if (before.findings.length) changedFiles.add(path);
      }
      if (this.yaml.has(path) && this.isSpecial(path)) this.specialFiles--;
      if (file) {
        this.yaml.set(path, file);
        const c = fileContribution(file);
        this.contributions.set(path, c);
        added.push(...c.resources);
        this.countIdentities(c.resources, path, 1);
        if (c.findings.length) changedFiles.add(path);
        if (this.isSpecial(path)) this.specialFiles++;
      } else {
        this.yaml.delete(path);
        this.contributions.delete(path);
      }
    }
    let certificatesChanged = false;
    for (const [path, file] of changes.certificates ?? []) {
      certificatesChanged = true;
      if (file) this.certificates.set(path, file);
      else this.certificates.delete(path);
    }
    const certificateFiles = certificatesChanged ? [...this.certificates.values()].sort((a, b) => (a.path < b.path ? -1 : 1)) : undefined;
    const canBeSimple = this.variantObjects === 0 && this.specialFiles === 0;
    if (canBeSimple && this.simple) {
      for (const f of this.analyses[0].update(removed, added, 'all', certificateFiles)) changedFiles.add(f);
      return changedFiles;
    }
    for (const f of this.rebuild()) changedFiles.add(f);
    return changedFiles;
  }

  private isSpecial(path: string): boolean {
    return isKustomizationFile(path) || isClusterLayerPath(path);
  }

  private countIdentities(resources: readonly Resource[], file: string, delta: number): void {
    for (const r of resources) {
      const id = identityOf(r);
      const held = this.identityFiles.get(id);
      const files = typeof held === 'string' ? new Map([[held, 1]]) : held ?? new Map<string, number>();
      const wasVariant = files.size > 1;
      const n = (files.get(file) ?? 0) + delta;
      if (n <= 0) files.delete(file);
      else files.set(file, n);
      const [only] = files;
      if (files.size === 0) this.identityFiles.delete(id);
      else if (files.size === 1 && only[1] === 1) this.identityFiles.set(id, only[0]);
      else this.identityFiles.set(id, files);
      const isVariant = files.size > 1;
      if (wasVariant !== isVariant) this.variantObjects += isVariant ? 1 : -1;
    }
  }

  /** Analyses every context from scratch. */
  private rebuild(): Set<string> {
    const before = new Set(this.analyses.flatMap((a) => a.allFindings().map((f) => ('resource' in f.anchor ? f.anchor.resource.source.file : f.anchor.file))));
    const sets = this.options.ruleSets ?? ALL_RULE_SETS;
    const files = [...this.yaml.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const certificateFiles = [...this.certificates.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
    // Without kustomizations and cluster layer, the resources are the files' own (already read).
    const collected = this.specialFiles > 0
      ? collectResources({ yamlFiles: files, certificateFiles })
      : { resources: files.flatMap((f) => this.contributions.get(f.path)?.resources ?? []), foundUnder: ancestorsOnly, alternatives: [] };
    const layout = analysisContexts(collected.resources, collected.foundUnder, collected.alternatives);
    this.simple = layout.length === 1 && this.variantObjects === 0 && this.specialFiles === 0;
    this.owners = new Map();
    this.analyses = layout.map((context, i) => {
      const analysis = new ContextAnalysis(sets, this.options.settings, this.options, this.options.onRuleError, i === 0);
      analysis.update([], context.resources, this.simple ? 'all' : context.owned, certificateFiles);
      for (const id of context.owned) this.owners.set(id, analysis);
      return analysis;
    });
    const changed = new Set(before);
    for (const a of this.analyses) for (const f of a.allFindings()) changed.add('resource' in f.anchor ? f.anchor.resource.source.file : f.anchor.file);
    return changed;
  }

  /** The findings of one file: input problems and what the rules found. */
  findingsOf(file: string): Finding[] {
    const input = (this.contributions.get(file)?.findings ?? []).filter((f) => !isSuppressed(f));
    return [...input, ...this.analyses.flatMap((a) => a.findingsOf(file))];
  }

  get findings(): readonly Finding[] {
    return [...[...this.contributions.values()].flatMap((c) => c.findings.filter((f) => !isSuppressed(f))), ...this.analyses.flatMap((a) => a.allFindings())];
  }

  get contexts(): readonly AnalyzedContext[] {
    return this.analyses.map((a) => ({ model: a.model, sem: a.sem, owned: { has: (id: string) => a.owns(id) } }));
  }

  contextOf(resourceId: string): AnalyzedContext | undefined {
    const a = this.simple ? this.analyses[0] : this.owners.get(resourceId);
    return a ? { model: a.model, sem: a.sem, owned: this.simple ? ALL : { has: (id: string) => a.owns(id) } } : undefined;
  }
}
