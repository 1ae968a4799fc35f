import { MeshModel, namespaceKey, type ModelOptions } from '../model/meshModel';
import type { Resource } from '../model/resource';
import type { CertificateFile } from '../model/kinds/certificateFile';
import { MeshSemantics } from '../semantics/meshSemantics';
import { anchorFile, anchorResource, type Finding } from '../rules/finding';
import { isEvidence, type AnalysisSettings, type Evidence, type RuleContext, type RuleSet } from '../rules/ruleContext';
import { fileFindings, mapUnit, reduceGroup, type RuleErrorHandler } from '../rules/runRules';
import { isSuppressed } from '../rules/suppression';

interface Unit {
  readonly set: RuleSet;
  readonly namespace: string;
  plain: Finding[];
  evidence: Map<string, Evidence[]>;
  deps: Set<string>;
}

interface Group {
  readonly set: RuleSet;
  readonly key: string;
  /** Evidence by unit key; in unit-key order when `sorted`. */
  evidence: Map<string, Evidence[]>;
  sorted: boolean;
  findings: Finding[];
  deps: Set<string>;
}

/** Which findings changed in an update, by file (for republishing only what moved). */
export type ChangedFiles = Set<string>;

/**
 * The analysis of one context (rules.md "variants"), kept up to date under edits: the model and
 * its semantics are updated in place, and each rule set is re-run only for the namespaces whose
 * inputs changed (its units record the keys they read), then its evidence groups are reduced again.
 */
export class ContextAnalysis {
  readonly model: MeshModel;
  readonly sem: MeshSemantics;
  private ownedIds: ReadonlySet<string> | 'all' = 'all';
  private readonly units = new Map<string, Unit>();
  private readonly groups = new Map<string, Group>();
  private readonly unitsByDep = new Map<string, Set<string>>();
  private readonly groupsByDep = new Map<string, Set<string>>();
  private readonly files = new Map<string, Finding[]>();
  private certificateFiles: readonly CertificateFile[] = [];
  private readonly byFile = new Map<string, Set<Finding>>();

  constructor(
    private readonly sets: readonly RuleSet[],
    private readonly settings: AnalysisSettings,
    modelOptions: ModelOptions,
    private readonly onError: RuleErrorHandler | undefined,
    /** Whether this context reports certificate files and other resource-less findings. */
    private readonly reportsFiles: boolean,
  ) {
    this.model = new MeshModel(modelOptions);
    this.sem = new MeshSemantics(this.model);
  }

  /** Whether findings on this resource are reported by this context. */
  owns(id: string): boolean {
    return this.ownedIds === 'all' || this.ownedIds.has(id);
  }

  private get ctx(): RuleContext {
    return { model: this.model, sem: this.sem, certificateFiles: this.reportsFiles ? this.certificateFiles : [], settings: this.settings };
  }

  /** Applies a change of resources (and of the certificate files); returns the files whose findings moved. */
  update(removed: readonly Resource[], added: readonly Resource[], owned: ReadonlySet<string> | 'all', certificateFiles?: readonly CertificateFile[]): ChangedFiles {
    const changedFiles: ChangedFiles = new Set();
    this.ownedIds = owned;
    const keys = this.sem.update(this.model.apply(removed, added));
    const touched = new Set([...keys].filter((k) => k.startsWith('ns:')).map((k) => k.slice(3)));

    const dirtyUnits = new Set<string>();
    for (const k of keys) for (const u of this.unitsByDep.get(k) ?? []) dirtyUnits.add(u);
    for (const ns of touched) for (const set of this.sets) dirtyUnits.add(unitKey(set, ns));
    const dirtyGroups = new Set<string>();
    for (const k of keys) for (const g of this.groupsByDep.get(k) ?? []) dirtyGroups.add(g);

    for (const key of dirtyUnits) this.runUnit(key, dirtyGroups, changedFiles);
    for (const key of dirtyGroups) this.reduce(key, changedFiles);

    if (certificateFiles && this.reportsFiles) {
      this.certificateFiles = certificateFiles;
      for (const set of this.sets) {
        if (!set.files) continue;
        this.replace(this.files.get(set.name) ?? [], [], changedFiles);
        const next = fileFindings(set, this.ctx, this.onError);
        this.files.set(set.name, next);
        this.replace([], next, changedFiles);
      }
    }
    return changedFiles;
  }

  private runUnit(key: string, dirtyGroups: Set<string>, changedFiles: ChangedFiles): void {
    const [setName, namespace] = splitUnitKey(key);
    const set = this.sets.find((s) => s.name === setName);
    if (!set) return;
    const old = this.units.get(key);
    if (old) {
      this.replace(old.plain, [], changedFiles);
      for (const g of old.evidence.keys()) dirtyGroups.add(g);
      this.unindex(this.unitsByDep, key, old.deps);
    }
    if (!this.model.hasNamespace(namespace)) {
      if (old) for (const g of old.evidence.keys()) this.groups.get(g)?.evidence.delete(key);
      this.units.delete(key);
      return;
    }
    const { value: outputs, deps } = this.model.tracker.collect(() => mapUnit(set, this.ctx, namespace, this.onError));
    const unit: Unit = { set, namespace, plain: [], evidence: new Map(), deps };
    for (const o of outputs) {
      if (!isEvidence(o)) unit.plain.push(o);
      else {
        const groupKey = `${set.name}|${o.group}`;
        const list = unit.evidence.get(groupKey);
        if (list) list.push(o);
        else unit.evidence.set(groupKey, [o]);
      }
    }
    // Replaced in place (a Map keeps the position of a key it already has), so that groups stay sorted.
    if (old) for (const g of old.evidence.keys()) if (!unit.evidence.has(g)) this.groups.get(g)?.evidence.delete(key);
    for (const [g, ev] of unit.evidence) {
      let group = this.groups.get(g);
      if (!group) this.groups.set(g, (group = { set, key: g, evidence: new Map(), sorted: true, findings: [], deps: new Set() }));
      if (!group.evidence.has(key)) group.sorted = false;
      group.evidence.set(key, ev);
      dirtyGroups.add(g);
    }
    this.units.set(key, unit);
    this.index(this.unitsByDep, key, deps);
    this.replace([], unit.plain, changedFiles);
  }

  private reduce(key: string, changedFiles: ChangedFiles): void {
    const group = this.groups.get(key);
    if (!group) return;
    this.replace(group.findings, [], changedFiles);
    this.unindex(this.groupsByDep, key, group.deps);
    if (group.evidence.size === 0) {
      this.groups.delete(key);
      return;
    }
    // Evidence in namespace order, so that messages do not depend on the order of edits.
    if (!group.sorted) {
      group.evidence = new Map([...group.evidence.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      group.sorted = true;
    }
    const evidence = [...group.evidence.values()].flat();
    const { value, deps } = this.model.tracker.collect(() => reduceGroup(group.set, evidence, this.ctx, this.onError));
    group.findings = value;
    group.deps = deps;
    this.index(this.groupsByDep, key, deps);
    this.replace([], value, changedFiles);
  }

  private index(map: Map<string, Set<string>>, owner: string, deps: Iterable<string>): void {
    for (const d of deps) {
      let set = map.get(d);
      if (!set) map.set(d, (set = new Set()));
      set.add(owner);
    }
  }

  private unindex(map: Map<string, Set<string>>, owner: string, deps: Iterable<string>): void {
    for (const d of deps) map.get(d)?.delete(owner);
  }

  /** Moves findings out of / into the per-file index, keeping only what this context owns and what is not suppressed. */
  private replace(out: readonly Finding[], into: readonly Finding[], changedFiles: ChangedFiles): void {
    for (const f of out) {
      const file = anchorFile(f.anchor);
      if (this.byFile.get(file)?.delete(f)) changedFiles.add(file);
    }
    for (const f of into) {
      const r = anchorResource(f.anchor);
      if (r ? !this.owns(r.id) : !this.reportsFiles) continue;
      if (isSuppressed(f)) continue;
      const file = anchorFile(f.anchor);
      let set = this.byFile.get(file);
      if (!set) this.byFile.set(file, (set = new Set()));
      set.add(f);
      changedFiles.add(file);
    }
  }

  /**
   * A finding computed before the context took ownership of its resource is kept out of the
   * index; `reindex` rebuilds the index from scratch when ownership moves (variants).
   */
  reindex(): ChangedFiles {
    const changed = new Set<string>(this.byFile.keys());
    this.byFile.clear();
    for (const u of this.units.values()) this.replace([], u.plain, changed);
    for (const g of this.groups.values()) this.replace([], g.findings, changed);
    for (const f of this.files.values()) this.replace([], f, changed);
    return changed;
  }

  findingsOf(file: string): Finding[] {
    return [...(this.byFile.get(file) ?? [])];
  }

  allFindings(): Finding[] {
    return [...this.byFile.values()].flatMap((s) => [...s]);
  }
}

function unitKey(set: RuleSet, namespace: string): string {
  return `${set.name}\u0000${namespace}`;
}

function splitUnitKey(key: string): [string, string] {
  const i = key.indexOf('\u0000');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** The key of one namespace, for callers that invalidate by hand. */
export { namespaceKey };
