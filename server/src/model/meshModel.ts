import type { Resource } from './resource';
import { readNamespace, type NamespaceObject } from './kinds/namespace';
import { readServiceAccount, type ServiceAccountObject } from './kinds/serviceAccount';
import { readWorkload, type Workload } from './kinds/workload';
import { readService, readServiceEntry, type ServiceEntryObject, type ServiceObject } from './kinds/service';
import { readPeerAuthentication, type PeerAuthenticationObject } from './kinds/peerAuthentication';
import { readDestinationRule, type DestinationRuleObject } from './kinds/destinationRule';
import { readAuthorizationPolicy, type AuthorizationPolicyObject } from './kinds/authorizationPolicy';
import { readVirtualService, type VirtualServiceObject } from './kinds/virtualService';
import { defaultMeshConfig, ISTIO_SYSTEM, meshConfigMapOf, readMeshConfig, type MeshConfig } from './kinds/meshConfig';
import { DependencyTracker } from '../incremental/dependencyTracker';

export interface ModelOptions {
  /** Root namespace when the workspace has no mesh config (`--root-namespace`, setting). */
  readonly defaultRootNamespace?: string;
  /** Trust domain and aliases when the workspace has no mesh config (editor settings). */
  readonly defaultTrustDomain?: string;
  readonly defaultTrustDomainAliases?: readonly string[];
}

/** The objects of one namespace. A Namespace object lives in the bucket of its own name. */
export interface NamespaceBucket {
  readonly name: string;
  readonly namespaceObject?: NamespaceObject;
  readonly resources: readonly Resource[];
  readonly workloads: readonly Workload[];
  readonly services: readonly ServiceObject[];
  readonly serviceEntries: readonly ServiceEntryObject[];
  readonly serviceAccounts: readonly ServiceAccountObject[];
  readonly peerAuthentications: readonly PeerAuthenticationObject[];
  readonly destinationRules: readonly DestinationRuleObject[];
  readonly authorizationPolicies: readonly AuthorizationPolicyObject[];
  readonly virtualServices: readonly VirtualServiceObject[];
}

/** Keys that say what an update changed (see DependencyTracker). */
export const NAMESPACES_KEY = 'namespaces';
export const NAMESPACE_OBJECTS_KEY = 'namespaceObjects';
export const MESH_KEY = 'mesh';
/** Recorded by readers of the whole model at once; every update changes it. */
export const EVERYTHING_KEY = '*';
export const namespaceKey = (ns: string) => `ns:${ns}`;

/** What one `apply` changed: the keys, and the typed objects that left and arrived. */
export interface ModelChange {
  readonly keys: Set<string>;
  readonly removed: readonly Typed[];
  readonly added: readonly Typed[];
}

export interface Typed {
  readonly resource: Resource;
  readonly bucket: string;
  readonly namespaceObject?: NamespaceObject;
  readonly workload?: Workload;
  readonly service?: ServiceObject;
  readonly serviceEntry?: ServiceEntryObject;
  readonly serviceAccount?: ServiceAccountObject;
  readonly peerAuthentication?: PeerAuthenticationObject;
  readonly destinationRule?: DestinationRuleObject;
  readonly authorizationPolicy?: AuthorizationPolicyObject;
  readonly virtualService?: VirtualServiceObject;
}

function typedOf(r: Resource): Typed {
  const ns = readNamespace(r);
  return {
    resource: r,
    bucket: ns ? ns.name : r.namespace,
    ...(ns ? { namespaceObject: ns } : {}),
    ...opt('workload', readWorkload(r)),
    ...opt('service', readService(r)),
    ...opt('serviceEntry', readServiceEntry(r)),
    ...opt('serviceAccount', readServiceAccount(r)),
    ...opt('peerAuthentication', readPeerAuthentication(r)),
    ...opt('destinationRule', readDestinationRule(r)),
    ...opt('authorizationPolicy', readAuthorizationPolicy(r)),
    ...opt('virtualService', readVirtualService(r)),
  };
}

function opt<K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
}

/** Document order: file, then document, then List item. */
export function compareSource(a: Resource, b: Resource): number {
  const fa = a.source.file;
  const fb = b.source.file;
  if (fa !== fb) return fa < fb ? -1 : 1;
  if (a.source.docIndex !== b.source.docIndex) return a.source.docIndex - b.source.docIndex;
  return Number(a.source.basePath[1] ?? -1) - Number(b.source.basePath[1] ?? -1);
}

function buildBucket(name: string, members: readonly Typed[]): NamespaceBucket {
  const sorted = [...members].sort((a, b) => compareSource(a.resource, b.resource));
  const pick = <T>(f: (t: Typed) => T | undefined): T[] => sorted.flatMap((t) => {
    const v = f(t);
    return v === undefined ? [] : [v];
  });
  const nsObject = sorted.find((t) => t.namespaceObject)?.namespaceObject;
  return {
    name,
    ...(nsObject ? { namespaceObject: nsObject } : {}),
    resources: sorted.map((t) => t.resource),
    workloads: pick((t) => t.workload),
    services: pick((t) => t.service),
    serviceEntries: pick((t) => t.serviceEntry),
    serviceAccounts: pick((t) => t.serviceAccount),
    peerAuthentications: pick((t) => t.peerAuthentication),
    destinationRules: pick((t) => t.destinationRule),
    authorizationPolicies: pick((t) => t.authorizationPolicy),
    virtualServices: pick((t) => t.virtualService),
  };
}

const EMPTY_BUCKET = (name: string): NamespaceBucket => buildBucket(name, []);

/**
 * The typed, indexed view of the resources analysed together, kept per namespace so that an
 * update touches only the namespaces it changes. Readers go through `namespace(ns)` (recording
 * `ns:<name>`), `namespaceNames()` and `mesh`; the whole-model arrays below are for editor
 * features and tests, and record that they read everything.
 */
export class MeshModel {
  readonly tracker: DependencyTracker;
  private readonly typed = new Map<string, Typed>();
  private readonly members = new Map<string, Map<string, Typed>>();
  private readonly buckets = new Map<string, NamespaceBucket>();
  private meshCandidates = new Map<string, Resource>();
  private meshValue: MeshConfig;
  private whole: Partial<Record<string, unknown>> = {};

  constructor(readonly options: ModelOptions = {}, tracker: DependencyTracker = new DependencyTracker()) {
    this.tracker = tracker;
    this.meshValue = this.computeMesh();
  }

  /** Removes and adds resources; returns the keys of what changed and the typed objects involved. */
  apply(removed: readonly Resource[], added: readonly Resource[]): ModelChange {
    const changed = new Set<string>([EVERYTHING_KEY]);
    const touched = new Set<string>();
    let meshTouched = false;
    const removedTyped: Typed[] = [];
    const addedTyped: Typed[] = [];
    for (const r of removed) {
      const t = this.typed.get(r.id);
      if (!t) continue;
      removedTyped.push(t);
      this.typed.delete(r.id);
      this.members.get(t.bucket)?.delete(r.id);
      touched.add(t.bucket);
      if (this.meshCandidates.delete(r.id)) meshTouched = true;
    }
    for (const r of added) {
      const t = typedOf(r);
      addedTyped.push(t);
      this.typed.set(r.id, t);
      let m = this.members.get(t.bucket);
      if (!m) this.members.set(t.bucket, (m = new Map()));
      m.set(r.id, t);
      touched.add(t.bucket);
      if (meshConfigMapOf(r) !== undefined) {
        this.meshCandidates.set(r.id, r);
        meshTouched = true;
      }
    }
    for (const b of touched) {
      changed.add(namespaceKey(b));
      const before = this.buckets.get(b);
      const m = this.members.get(b);
      if (!m || m.size === 0) {
        this.members.delete(b);
        this.buckets.delete(b);
      } else this.buckets.set(b, buildBucket(b, [...m.values()]));
      const after = this.buckets.get(b);
      // Only a touched bucket can appear, disappear, or gain or lose its Namespace object.
      if (!before !== !after) changed.add(NAMESPACES_KEY);
      if (!before?.namespaceObject !== !after?.namespaceObject) changed.add(NAMESPACE_OBJECTS_KEY);
    }
    if (meshTouched) {
      const next = this.computeMesh();
      if (JSON.stringify({ ...next, source: next.source?.id }) !== JSON.stringify({ ...this.meshValue, source: this.meshValue.source?.id })) changed.add(MESH_KEY);
      this.meshValue = next;
    }
    this.whole = {};
    return { keys: changed, removed: removedTyped, added: addedTyped };
  }

  /** The objects of a namespace (empty when the workspace has none). */
  namespace(ns: string): NamespaceBucket {
    this.tracker.record(namespaceKey(ns));
    return this.buckets.get(ns) ?? EMPTY_BUCKET(ns);
  }

  /** Whether a namespace holds an object (not recorded: for bookkeeping). */
  hasNamespace(ns: string): boolean {
    return this.buckets.has(ns);
  }

  /** Every namespace that holds an object (including '' for cluster-scoped kinds). */
  namespaceNames(): string[] {
    this.tracker.record(NAMESPACES_KEY);
    return [...this.buckets.keys()].sort();
  }

  /** Whether the workspace holds an object in this namespace (recorded, unlike `hasNamespace`). */
  knowsNamespace(ns: string): boolean {
    this.tracker.record(NAMESPACES_KEY);
    return this.buckets.has(ns);
  }

  /** Whether some namespace has a Namespace object. */
  hasNamespaceObjects(): boolean {
    this.tracker.record(NAMESPACE_OBJECTS_KEY);
    for (const b of this.buckets.values()) if (b.namespaceObject) return true;
    return false;
  }

  /** Names of the namespaces that have a Namespace object. */
  namespaceObjectsNames(): string[] {
    this.tracker.record(NAMESPACE_OBJECTS_KEY);
    return [...this.buckets.values()].filter((b) => b.namespaceObject).map((b) => b.name).sort();
  }

  get mesh(): MeshConfig {
    this.tracker.record(MESH_KEY);
    return this.meshValue;
  }

  /** Picks the mesh config: ConfigMap `istio` in istio-system first, then any other source in file order. */
  private computeMesh(): MeshConfig {
    const fallbackRoot = this.options.defaultRootNamespace || ISTIO_SYSTEM;
    const candidates = [...this.meshCandidates.values()].sort(compareSource).map((r) => ({ r, map: meshConfigMapOf(r) }))
      .filter((c): c is { r: Resource; map: NonNullable<typeof c.map> } => c.map !== undefined);
    const rank = (r: Resource) => (r.kind === 'ConfigMap' && r.name === 'istio' ? 0 : r.kind === 'ConfigMap' ? 1 : 2) + (r.namespace === ISTIO_SYSTEM ? 0 : 3);
    candidates.sort((a, b) => rank(a.r) - rank(b.r));
    const chosen = candidates[0];
    if (chosen) return readMeshConfig(chosen.r, chosen.map, fallbackRoot);
    const base = defaultMeshConfig(fallbackRoot);
    return {
      ...base,
      ...(this.options.defaultTrustDomain ? { trustDomain: this.options.defaultTrustDomain } : {}),
      ...(this.options.defaultTrustDomainAliases ? { trustDomainAliases: [...this.options.defaultTrustDomainAliases] } : {}),
    };
  }

  // --- The whole model at once (editor features, tests). Recorded as reading everything. ---

  /** Every object of one kind, in document order (file, document, item). */
  private all<T extends { readonly resource: Resource }>(name: string, f: (b: NamespaceBucket) => readonly T[]): readonly T[] {
    this.tracker.record(EVERYTHING_KEY);
    const cached = this.whole[name] as T[] | undefined;
    if (cached) return cached;
    const out = [...this.buckets.values()].flatMap((b) => [...f(b)]).sort((a, b) => compareSource(a.resource, b.resource));
    this.whole[name] = out;
    return out;
  }

  get resources(): readonly Resource[] {
    this.tracker.record(EVERYTHING_KEY);
    const cached = this.whole.resources as Resource[] | undefined;
    if (cached) return cached;
    const out = [...this.typed.values()].map((t) => t.resource).sort(compareSource);
    this.whole.resources = out;
    return out;
  }

  get workloads(): readonly Workload[] { return this.all('workloads', (b) => b.workloads); }
  get services(): readonly ServiceObject[] { return this.all('services', (b) => b.services); }
  get serviceEntries(): readonly ServiceEntryObject[] { return this.all('serviceEntries', (b) => b.serviceEntries); }
  get serviceAccounts(): readonly ServiceAccountObject[] { return this.all('serviceAccounts', (b) => b.serviceAccounts); }
  get peerAuthentications(): readonly PeerAuthenticationObject[] { return this.all('peerAuthentications', (b) => b.peerAuthentications); }
  get destinationRules(): readonly DestinationRuleObject[] { return this.all('destinationRules', (b) => b.destinationRules); }
  get authorizationPolicies(): readonly AuthorizationPolicyObject[] { return this.all('authorizationPolicies', (b) => b.authorizationPolicies); }
  get virtualServices(): readonly VirtualServiceObject[] { return this.all('virtualServices', (b) => b.virtualServices); }

  get namespaces(): ReadonlyMap<string, NamespaceObject> {
    this.tracker.record(EVERYTHING_KEY);
    const out = new Map<string, NamespaceObject>();
    for (const b of this.buckets.values()) if (b.namespaceObject) out.set(b.name, b.namespaceObject);
    return out;
  }

  get workloadsByNamespace(): ReadonlyMap<string, readonly Workload[]> {
    this.tracker.record(EVERYTHING_KEY);
    return new Map([...this.buckets.values()].filter((b) => b.workloads.length).map((b) => [b.name, b.workloads]));
  }

  get servicesByNamespace(): ReadonlyMap<string, readonly ServiceObject[]> {
    this.tracker.record(EVERYTHING_KEY);
    return new Map([...this.buckets.values()].filter((b) => b.services.length).map((b) => [b.name, b.services]));
  }
}

export function buildMeshModel(resources: readonly Resource[], options: ModelOptions = {}): MeshModel {
  const model = new MeshModel(options);
  model.apply([], resources);
  return model;
}
