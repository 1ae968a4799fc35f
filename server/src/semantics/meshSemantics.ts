import { compareSource, namespaceKey, type MeshModel, type ModelChange } from '../model/meshModel';
import type { PeerAuthenticationObject } from '../model/kinds/peerAuthentication';
import type { ServiceObject } from '../model/kinds/service';
import { declaredPorts, type Workload } from '../model/kinds/workload';
import type { VirtualServiceObject } from '../model/kinds/virtualService';
import type { DestinationRuleObject } from '../model/kinds/destinationRule';
import { TrackedCache } from '../incremental/dependencyTracker';
import { LazyNamespaceMap } from '../incremental/lazyNamespaceMap';
import { injectionOf, hasIstioTlsModeLabel, type InjectionVerdict } from './injection';
import { peerAuthnScope, workloadPolicies, type PeerAuthnIndex } from './peerAuthnScopes';
import { namespaceModeOf, portLevelPortsOf, serverModeOf, type ServerModeResult } from './serverMode';
import { mergeNamespaceRules, type DestinationRuleIndex, type MergedDestinationRule, type NamespaceRules } from './destinationRuleIndex';
import { lookupDestinationRule, type DestinationRuleChoice, type LookupClient } from './destinationRuleLookup';
import { destinationVisibleTo, resolveTargetPort, serviceDestinations, serviceEntryDestinations, type DestinationPort, type Endpoint } from './destinations';
import { tlsInForce, type TlsInForce } from './trafficPolicySelection';
import { autoMtlsWire, wireForTlsBlock, type AutoEndpoint, type WireDecision } from './clientTls';
import { outcomeOf, serverSide, type Outcome, type ServerSide } from './outcome';
import { selectorMatches } from './labelMatch';
import { DOMAIN_SUFFIX, hostCovers, isWildcardHost, namespaceOfServiceHost, resolveShortHost } from './hosts';
import { inboundPortCaptured } from './inboundCapture';
import { oldestFirst } from './policyAge';

/** Injected client workloads that resolve DestinationRules alike (same namespace, same selector rules). */
export interface ClientProfile {
  readonly key: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly workloads: readonly Workload[];
}

/**
 * What client sidecars do for one destination port (and subset, when routed): every client
 * profile that resolves the same DestinationRule shares one cell.
 */
export interface ClientCell {
  readonly profiles: readonly ClientProfile[];
  readonly dest: DestinationPort;
  readonly subset?: string;
  readonly choice?: DestinationRuleChoice;
  readonly inForce: TlsInForce;
}

/** The wire and the outcome for one endpoint of a cell. */
export interface EndpointOutcome {
  readonly endpoint: Endpoint;
  readonly wire: WireDecision;
  readonly server: ServerModeResult;
  readonly injection: InjectionVerdict;
  /** What receives the traffic on the target port (§G step 3). */
  readonly side: ServerSide;
  readonly outcome: Outcome;
}

interface ClientPartition {
  readonly profiles: readonly ClientProfile[];
  readonly root: string;
  readonly namedKey: string;
  readonly isSpecial: (ns: string) => boolean;
  readonly ordinary: ClientProfile[];
  readonly special: ClientProfile[];
  readonly byNamespace: Map<string, ClientProfile[]>;
  readonly position: Map<ClientProfile, number>;
  readonly sharedExcept: (except: ReadonlySet<string>, restrictedTo?: DestinationPort) => readonly ClientProfile[];
}

/** The set of injected client profiles changed (namespaces with clients, or their grouping). */
export const CLIENTS_KEY = 'clients';
/** A VirtualService route to a subset of this host appeared or disappeared. */
export const routeKey = (host: string) => `route:${host}`;
/** A DestinationRule for this exact host appeared, disappeared or changed. */
export const ruleHostKey = (host: string) => `drhost:${host}`;
/** Any wildcard-host DestinationRule changed (read by wildcard service hosts). */
export const RULE_WILDCARD_KEY = 'drwildcard';
/** A DestinationRule with this wildcard host changed. */
export const ruleWildcardKey = (pattern: string) => `drwildcard:${pattern}`;
/** The set of namespaces DestinationRule exportTo lists name changed. */
export const EXPORT_NAMES_KEY = 'drexport';
/** A DestinationRule whose host lies in this namespace (`x.N.svc...` or `*.N.svc...`) changed. */
export const ruleTargetKey = (ns: string) => `drtarget:${ns}`;
/** Wildcards that cover every in-cluster service host, so every namespace (rules.md). */
const ALL_SERVICE_HOST_PATTERNS = ['*', '*.local', `*.${DOMAIN_SUFFIX}`, `*.svc.${DOMAIN_SUFFIX}`];

const GENERIC_CLIENT = '\u0000generic';

class CountingIndex<K> {
  private readonly counts = new Map<K, number>();
  add(k: K, d: number): void {
    const n = (this.counts.get(k) ?? 0) + d;
    if (n <= 0) this.counts.delete(k);
    else this.counts.set(k, n);
  }
  has(k: K): boolean {
    return this.counts.has(k);
  }
  keys(): K[] {
    return [...this.counts.keys()];
  }
}

/**
 * The semantics of a MeshModel. Every question a rule or an editor feature asks about Istio's
 * behaviour is answered here (by the pure functions of this folder), memoized per namespace
 * with the keys it read, so that `update` drops only what a change touches.
 */
export class MeshSemantics {
  private readonly caches: Array<TrackedCache<string, unknown>> = [];
  private readonly ruleHosts = new Map<string, CountingIndex<string>>();
  /** Wildcard rule hosts -> namespaces holding them (`*.N.svc...` patterns by N; the others apart). */
  private readonly ruleWildcards = new Map<string, CountingIndex<string>>();
  /** Namespace N -> namespaces holding rules for hosts in N. */
  private readonly ruleTargets = new Map<string, CountingIndex<string>>();
  private readonly exportNames = new CountingIndex<string>();
  private readonly routes = new Map<string, CountingIndex<string>>();
  private profileSignatures = new Map<string, string>();
  private allProfiles: ClientProfile[] | undefined;
  private readonly compat: { peerAuthn?: PeerAuthnIndex; destinationRules?: DestinationRuleIndex; destinations?: DestinationPort[]; cells?: ClientCell[] } = {};

  constructor(readonly model: MeshModel) {
    // Created here, not as field initializers: those run before `model` is set.
    this.injections = this.cache();
    this.policyLists = this.cache();
    this.serverModes = this.cache();
    this.namespaceModes = this.cache();
    this.workloadPolicyCache = this.cache();
    this.ruleCache = this.cache();
    this.lookups = this.cache();
    this.destinationCache = this.cache();
    this.profileCache = this.cache();
    this.cellCache = this.cache();
    this.inboundPortCache = this.cache();
    // Index what the model holds now (a model built before its semantics).
    this.indexObjects(model.destinationRules, 1);
    this.indexRoutes(model.virtualServices, 1);
    for (const ns of model.tracker.untracked(() => model.namespaceNames())) {
      const sig = model.tracker.untracked(() => this.profileSignature(ns));
      if (sig) this.profileSignatures.set(ns, sig);
    }
  }

  private cache<V>(): TrackedCache<string, V> {
    const c = new TrackedCache<string, V>(this.model.tracker);
    this.caches.push(c as TrackedCache<string, unknown>);
    return c;
  }

  /**
   * Takes in a model change: drops what depends on it and returns the keys, extended with the
   * derived ones (client profiles, rule hosts, routes) that the change moved.
   */
  update(change: ModelChange): Set<string> {
    const keys = new Set(change.keys);
    const rules = (list: ModelChange['removed']) => list.flatMap((t) => (t.destinationRule ? [t.destinationRule] : []));
    const services = (list: ModelChange['removed']) => list.flatMap((t) => (t.virtualService ? [t.virtualService] : []));
    for (const k of this.indexObjects(rules(change.removed), -1)) keys.add(k);
    for (const k of this.indexObjects(rules(change.added), 1)) keys.add(k);
    for (const k of this.indexRoutes(services(change.removed), -1)) keys.add(k);
    for (const k of this.indexRoutes(services(change.added), 1)) keys.add(k);
    this.invalidate(keys);
    // Early cut-off: most edits leave the set of client profiles as it was.
    const touched = [...keys].filter((k) => k.startsWith('ns:')).map((k) => k.slice(3));
    let clientsChanged = false;
    for (const ns of touched) {
      const sig = this.model.tracker.untracked(() => this.profileSignature(ns));
      if ((this.profileSignatures.get(ns) ?? '') !== sig) clientsChanged = true;
      if (sig) this.profileSignatures.set(ns, sig);
      else this.profileSignatures.delete(ns);
    }
    if (clientsChanged) {
      keys.add(CLIENTS_KEY);
      this.allProfiles = undefined;
      this.invalidate([CLIENTS_KEY]);
    }
    return keys;
  }

  private invalidate(keys: Iterable<string>): void {
    const list = [...keys];
    for (const c of this.caches) c.invalidate(list);
    this.compat.peerAuthn = undefined;
    this.compat.destinationRules = undefined;
    this.compat.destinations = undefined;
    this.compat.cells = undefined;
  }

  private indexObjects(rules: readonly DestinationRuleObject[], delta: number): string[] {
    const keys: string[] = [];
    for (const dr of rules) {
      if (dr.host) {
        const host = resolveShortHost(dr.host, dr.namespace);
        const target = namespaceOfServiceHost(host);
        if (target) {
          let idx = this.ruleTargets.get(target);
          if (!idx) this.ruleTargets.set(target, (idx = new CountingIndex()));
          idx.add(dr.namespace, delta);
          if (idx.keys().length === 0) this.ruleTargets.delete(target);
          keys.push(ruleTargetKey(target));
        }
        if (isWildcardHost(host)) {
          let idx = this.ruleWildcards.get(host);
          if (!idx) this.ruleWildcards.set(host, (idx = new CountingIndex()));
          idx.add(dr.namespace, delta);
          if (idx.keys().length === 0) this.ruleWildcards.delete(host);
          keys.push(RULE_WILDCARD_KEY, ruleWildcardKey(host));
        } else {
          let idx = this.ruleHosts.get(host);
          if (!idx) this.ruleHosts.set(host, (idx = new CountingIndex()));
          idx.add(dr.namespace, delta);
          keys.push(ruleHostKey(host));
        }
      }
      for (const e of dr.exportTo) {
        if (e === '.' || e === '*') continue;
        const before = this.exportNames.has(e);
        this.exportNames.add(e, delta);
        if (before !== this.exportNames.has(e)) keys.push(EXPORT_NAMES_KEY);
      }
    }
    return keys;
  }

  private indexRoutes(services: readonly VirtualServiceObject[], delta: number): string[] {
    const keys: string[] = [];
    for (const vs of services) {
      for (const d of vs.destinations) {
        if (!d.subset) continue;
        const host = resolveShortHost(d.host, vs.namespace);
        let idx = this.routes.get(host);
        if (!idx) this.routes.set(host, (idx = new CountingIndex()));
        idx.add(d.subset, delta);
        keys.push(routeKey(host));
      }
    }
    return keys;
  }

  get rootNamespace(): string {
    return this.model.mesh.rootNamespace;
  }

  // --- Injection (§C1) ---

  private readonly injections: TrackedCache<string, InjectionVerdict>;
  injection(w: Workload): InjectionVerdict {
    return this.injections.get(w.resource.id, () => injectionOf(w, this.model.namespace(w.namespace).namespaceObject));
  }

  // --- PeerAuthentication (§A1–§A8) ---

  private readonly policyLists: TrackedCache<string, { level: PeerAuthenticationObject[]; workload: PeerAuthenticationObject[]; ignored: PeerAuthenticationObject[] }>;
  /** The PeerAuthentications of one namespace by scope, oldest first (§A2–§A4). */
  private policiesIn(ns: string) {
    return this.policyLists.get(ns, () => {
      const root = this.rootNamespace;
      const out = { level: [] as PeerAuthenticationObject[], workload: [] as PeerAuthenticationObject[], ignored: [] as PeerAuthenticationObject[] };
      for (const pa of oldestFirst(this.model.namespace(ns).peerAuthentications)) {
        const scope = peerAuthnScope(pa, root);
        if (scope === 'mesh' || scope === 'namespace') out.level.push(pa);
        else if (scope === 'workload') out.workload.push(pa);
        else out.ignored.push(pa);
      }
      return out;
    });
  }

  /** The PeerAuthentication index, read one namespace at a time (see PeerAuthnIndex). */
  get peerAuthn(): PeerAuthnIndex {
    if (this.compat.peerAuthn) return this.compat.peerAuthn;
    const sem = this;
    const names = () => this.model.namespaceNames();
    const index: PeerAuthnIndex = {
      get rootNamespace() {
        return sem.rootNamespace;
      },
      get meshLevel() {
        return sem.policiesIn(sem.rootNamespace).level;
      },
      namespaceLevel: new LazyNamespaceMap((ns) => {
        if (ns === sem.rootNamespace) return undefined;
        const list = sem.policiesIn(ns).level;
        return list.length ? list : undefined;
      }, names),
      workloadLevel: new LazyNamespaceMap((ns) => {
        const list = sem.policiesIn(ns).workload;
        return list.length ? list : undefined;
      }, names),
      get ignored() {
        return sem.policiesIn(sem.rootNamespace).ignored;
      },
    };
    this.compat.peerAuthn = index;
    return index;
  }

  private readonly serverModes: TrackedCache<string, ServerModeResult>;
  serverMode(w: Workload, port: number | undefined): ServerModeResult {
    return this.serverModes.get(`${w.resource.id}|${port ?? ''}`, () => serverModeOf(this.peerAuthn, w, port));
  }

  /**
   * §G step 3: what receives traffic on a target port: no sidecar (not injected, or the port is
   * excluded from inbound capture, §A11/§C7), unknown, or a sidecar with its effective mode.
   */
  serverSideOf(w: Workload, port: number): ServerSide {
    const injected = this.injection(w).injected;
    if (injected === 'yes' && !inboundPortCaptured(w, port)) return serverSide('no', 'PERMISSIVE');
    return serverSide(injected, this.serverMode(w, port).mode);
  }

  /** §G step 3 asked as a question: does a sidecar with this mode receive traffic on the port? */
  sidecarEnforces(w: Workload, port: number, mode: ServerModeResult['mode']): boolean {
    const side = this.serverSideOf(w, port);
    return side.sidecar === 'yes' && side.mode === mode;
  }

  private readonly namespaceModes: TrackedCache<string, ServerModeResult>;
  /** §B10 nsMode. */
  namespaceMode(ns: string): ServerModeResult {
    return this.namespaceModes.get(ns, () => namespaceModeOf(this.peerAuthn, ns));
  }

  private readonly workloadPolicyCache: TrackedCache<string, PeerAuthenticationObject[]>;
  /** §A4: the workload-level policies selecting the workload, oldest (the one that applies) first. */
  workloadPolicies(w: Workload): PeerAuthenticationObject[] {
    return this.workloadPolicyCache.get(w.resource.id, () => workloadPolicies(this.peerAuthn, w));
  }

  // --- DestinationRules (§B1–§B5) ---

  private readonly ruleCache: TrackedCache<string, NamespaceRules>;
  /** §B5: the merged DestinationRules of one namespace. */
  rulesIn(ns: string): NamespaceRules {
    return this.ruleCache.get(ns, () => mergeNamespaceRules(ns, this.model.namespace(ns).destinationRules, this.model.mesh.defaultDestinationRuleExportTo));
  }

  /** The DestinationRule index, read one namespace at a time. */
  get destinationRules(): DestinationRuleIndex {
    if (this.compat.destinationRules) return this.compat.destinationRules;
    const index = new LazyNamespaceMap((ns) => {
      const r = this.rulesIn(ns);
      return r.merged.length ? r : undefined;
    }, () => this.model.namespaceNames());
    this.compat.destinationRules = index;
    return index;
  }

  private readonly lookups: TrackedCache<string, DestinationRuleChoice | undefined>;
  /** §B3/§B4 lookup, memoized per client profile and host. */
  lookup(client: LookupClient & { key?: string }, host: string, serviceNamespace: string): DestinationRuleChoice | undefined {
    const run = () => lookupDestinationRule({ get: (ns: string) => this.rulesIn(ns) }, this.rootNamespace, client, host, serviceNamespace);
    return client.key === undefined ? run() : this.lookups.get(`${client.key}|${host}|${serviceNamespace}`, run);
  }

  /** Namespaces whose own DestinationRules (selector rules included) cover a host. */
  ruleNamespacesCovering(host: string): Set<string> {
    const t = this.model.tracker;
    t.record(ruleHostKey(host));
    const out = new Set(this.ruleHosts.get(host)?.keys() ?? []);
    // Only the wildcards that are suffixes of the host can cover it: try each suffix of the host
    // (and depend on exactly those patterns).
    const labels = host.split('.');
    for (let i = 0; i <= labels.length; i++) {
      if (i < labels.length && i + 1 >= labels.length) continue;
      const pattern = i === labels.length ? '*' : `*.${labels.slice(i + 1).join('.')}`;
      t.record(ruleWildcardKey(pattern));
      for (const ns of this.ruleWildcards.get(pattern)?.keys() ?? []) out.add(ns);
    }
    if (isWildcardHost(host)) {
      t.record(RULE_WILDCARD_KEY);
      for (const [pattern, idx] of this.ruleWildcards) if (hostCovers(pattern, host)) for (const ns of idx.keys()) out.add(ns);
    }
    return out;
  }

  /**
   * Namespaces holding DestinationRules for hosts of namespace `ns`: hosts in it, and the
   * wildcards that cover every service host.
   */
  ruleNamespacesTargeting(ns: string): Set<string> {
    const t = this.model.tracker;
    t.record(ruleTargetKey(ns));
    const out = new Set(this.ruleTargets.get(ns)?.keys() ?? []);
    for (const pattern of ALL_SERVICE_HOST_PATTERNS) {
      t.record(ruleWildcardKey(pattern));
      for (const holder of this.ruleWildcards.get(pattern)?.keys() ?? []) out.add(holder);
    }
    return out;
  }

  /** Namespaces named explicitly in some DestinationRule exportTo: they may see exported rules others do not. */
  namespacesNamedInExportTo(): Set<string> {
    this.model.tracker.record(EXPORT_NAMES_KEY);
    return new Set(this.exportNames.keys());
  }

  /** §B7: the subsets of a host that a VirtualService routes to. */
  routedSubsets(host: string): ReadonlySet<string> {
    this.model.tracker.record(routeKey(host));
    return new Set(this.routes.get(host)?.keys() ?? []);
  }

  /** Host -> routed subsets, for editor features. */
  get routed(): ReadonlyMap<string, ReadonlySet<string>> {
    return new Map([...this.routes.keys()].map((h) => [h, this.routedSubsets(h)]));
  }

  // --- Destinations ---

  private readonly destinationCache: TrackedCache<string, DestinationPort[]>;
  /** The destination ports of the Services and ServiceEntries of one namespace. */
  destinationsIn(ns: string): readonly DestinationPort[] {
    return this.destinationCache.get(ns, () => {
      const b = this.model.namespace(ns);
      return [...b.services.flatMap((s) => serviceDestinations(this.model, s)), ...b.serviceEntries.flatMap((s) => serviceEntryDestinations(this.model, s))];
    });
  }

  get destinations(): readonly DestinationPort[] {
    this.compat.destinations ??= this.model.namespaceNames().flatMap((ns) => [...this.destinationsIn(ns)]);
    return this.compat.destinations;
  }

  /** The destination ports of one Service. */
  destinationsOf(service: ServiceObject): readonly DestinationPort[] {
    return this.destinationsIn(service.namespace).filter((d) => d.service === service || (d.service && d.service.resource.id === service.resource.id));
  }

  // --- Clients (§B3 from the client's side) ---

  private readonly profileCache: TrackedCache<string, ClientProfile[]>;
  /** The injected client profiles of one namespace. */
  profilesIn(ns: string): ClientProfile[] {
    return this.profileCache.get(ns, () => {
      const groups = new Map<string, { namespace: string; labels: Record<string, string>; workloads: Workload[] }>();
      const selectorRules = this.rulesIn(ns).merged.filter((r) => r.selector);
      for (const w of this.model.namespace(ns).workloads) {
        if (w.kind === 'WorkloadEntry' || this.injection(w).injected !== 'yes') continue;
        const matched = selectorRules.map((r, i) => (r.selector && selectorMatches(r.selector, w.labels) ? i : -1)).filter((i) => i >= 0);
        const key = `${w.namespace}|${matched.join(',')}`;
        const g = groups.get(key);
        if (g) g.workloads.push(w);
        else groups.set(key, { namespace: w.namespace, labels: { ...w.labels }, workloads: [w] });
      }
      return [...groups.entries()].map(([key, g]) => ({ key, ...g }));
    });
  }

  private profileSignature(ns: string): string {
    return this.profilesIn(ns).map((p) => p.key).join(';');
  }

  /** Injected workloads of the whole workspace, grouped by what decides their DestinationRule lookup. */
  get clientProfiles(): readonly ClientProfile[] {
    this.model.tracker.record(CLIENTS_KEY);
    // In document order of their first workload, so that lists read as the files do.
    this.allProfiles ??= this.model.tracker.untracked(() => [...this.profileSignatures.keys()].flatMap((ns) => this.profilesIn(ns)))
      .sort((a, b) => compareSource(a.workloads[0].resource, b.workloads[0].resource));
    return this.allProfiles;
  }

  // --- Cells: what clients send to a destination port ---

  private readonly cellCache: TrackedCache<string, ClientCell[]>;
  /** The cells of one destination port: one per DestinationRule choice (and routed subset). */
  cellsFor(dest: DestinationPort): readonly ClientCell[] {
    const key = `${dest.namespace}|${dest.service ? `svc:${dest.service.name}` : `se:${dest.serviceEntry?.name}`}|${dest.host}|${dest.port}`;
    return this.cellCache.get(key, () => this.computeCells(dest));
  }

  /** Every cell of the workspace, for editor features. */
  get cells(): readonly ClientCell[] {
    this.compat.cells ??= this.destinations.flatMap((d) => [...this.cellsFor(d)]);
    return this.compat.cells;
  }

  private computeCells(dest: DestinationPort): ClientCell[] {
    // The cells hold the destination (its endpoints, its Service): they go stale with its namespace.
    this.model.tracker.record(namespaceKey(dest.namespace));
    const out: ClientCell[] = [];
    const profiles = this.clientProfiles;
    if (profiles.length === 0) return out;
    const root = this.rootNamespace;
    const named = this.namespacesNamedInExportTo();
    const clients = this.clientPartition(profiles, root, named);
    const withLocalRules = this.ruleNamespacesCovering(dest.host);
    const restricted = dest.exportTo.length > 0;
    // One cell per rule and lookup step: clients that reach the same rule the same way.
    const groups = new Map<string, { choice?: DestinationRuleChoice; profiles: readonly ClientProfile[] }>();
    const ids = new Map<MergedDestinationRule, number>();
    const add = (choice: DestinationRuleChoice | undefined, members: readonly ClientProfile[]) => {
      if (members.length === 0) return;
      let key = 'none';
      if (choice) {
        if (!ids.has(choice.rule)) ids.set(choice.rule, ids.size);
        key = `${ids.get(choice.rule)}|${choice.step}`;
      }
      const group = groups.get(key);
      if (group) group.profiles = [...group.profiles, ...members];
      else groups.set(key, { ...(choice ? { choice } : {}), profiles: members });
    };
    const visible = (p: ClientProfile) => !restricted || destinationVisibleTo(dest, p.namespace);
    // Clients whose lookup can differ from a namespace nothing names (the root namespace and
    // namespaces an exportTo lists, §B3) or that have rules of their own for the host.
    const apart = [...clients.special];
    for (const ns of withLocalRules) if (!clients.isSpecial(ns)) apart.push(...(clients.byNamespace.get(ns) ?? []));
    if (withLocalRules.size) apart.sort((a, b) => (clients.position.get(a) ?? 0) - (clients.position.get(b) ?? 0));
    // All other clients share one lookup (§B3 steps 2-3).
    const shared = withLocalRules.size === 0 && !restricted ? clients.ordinary : clients.sharedExcept(withLocalRules, restricted ? dest : undefined);
    // Asked as a client of a namespace with no rules (not the first shared client, whose
    // namespace would make every cell depend on it).
    if (shared.length) add(this.lookup({ namespace: GENERIC_CLIENT, labels: {}, key: `${GENERIC_CLIENT}|*` }, dest.host, dest.namespace), shared);
    for (const profile of apart) {
      if (!visible(profile)) continue;
      const special = clients.isSpecial(profile.namespace);
      const key = special && !withLocalRules.has(profile.namespace) && profile.namespace !== root ? `${GENERIC_CLIENT}|${profile.namespace}` : profile.key;
      add(this.lookup({ ...profile, key }, dest.host, dest.namespace), [profile]);
    }
    const routed = this.routedSubsets(dest.host);
    for (const { choice, profiles: members } of groups.values()) {
      if (!choice) {
        out.push({ profiles: members, dest, inForce: { level: 'none' } });
        continue;
      }
      out.push({ profiles: members, dest, choice, inForce: tlsInForce(choice.rule, dest.port) });
      for (const subset of routed) {
        if (choice.rule.subsets.has(subset)) out.push({ profiles: members, dest, subset, choice, inForce: tlsInForce(choice.rule, dest.port, subset) });
      }
    }
    return out;
  }

  private partition: ClientPartition | undefined;
  /** The client profiles split once per client set: ordinary ones, and the root namespace's and exportTo-named ones. */
  private clientPartition(profiles: readonly ClientProfile[], root: string, named: ReadonlySet<string>): ClientPartition {
    const namedKey = [...named].sort().join(',');
    const p = this.partition;
    if (p && p.profiles === profiles && p.root === root && p.namedKey === namedKey) return p;
    const isSpecial = (ns: string) => ns === root || named.has(ns);
    const ordinary: ClientProfile[] = [];
    // Ordinary clients minus some namespaces (and those a Service's exportTo hides), memoized:
    // the ports of one Service, and hosts with the same client-side rules, ask alike.
    const memo = new Map<string, ClientProfile[]>();
    const sharedExcept = (except: ReadonlySet<string>, restrictedTo?: DestinationPort) => {
      const key = `${[...except].sort().join(',')}|${restrictedTo ? `${restrictedTo.namespace}:${restrictedTo.exportTo.join(',')}` : ''}`;
      let list = memo.get(key);
      if (!list) {
        list = ordinary.filter((p) => !except.has(p.namespace) && (!restrictedTo || destinationVisibleTo(restrictedTo, p.namespace)));
        if (memo.size >= 512) memo.clear();
        memo.set(key, list);
      }
      return list;
    };
    const next: ClientPartition = { profiles, root, namedKey, isSpecial, ordinary, special: [], byNamespace: new Map(), position: new Map(), sharedExcept };
    profiles.forEach((profile, i) => {
      (isSpecial(profile.namespace) ? next.special : next.ordinary).push(profile);
      const list = next.byNamespace.get(profile.namespace);
      if (list) list.push(profile);
      else next.byNamespace.set(profile.namespace, [profile]);
      next.position.set(profile, i);
    });
    this.partition = next;
    return next;
  }

  /** §G steps 2-5 for every endpoint of a cell. */
  endpointOutcomes(cell: ClientCell): EndpointOutcome[] {
    const dest = cell.dest;
    const autoEndpoints: AutoEndpoint[] = dest.endpoints.map((e) => {
      const injection = this.injection(e.workload);
      return { tlsModeIstio: hasIstioTlsModeLabel(e.workload, injection.injected), serverMode: this.serverMode(e.workload, e.targetPort).mode };
    });
    return dest.endpoints.map((endpoint, i) => {
      const injection = this.injection(endpoint.workload);
      const server = this.serverMode(endpoint.workload, endpoint.targetPort);
      const tls = cell.inForce.tls;
      const wire = tls
        ? wireForTlsBlock(tls, this.ownerOf(cell))
        : autoMtlsWire(
            {
              enableAutoMtls: this.model.mesh.enableAutoMtls,
              meshExternal: dest.meshExternal,
              namespaceMode: this.namespaceMode(dest.namespace).mode,
              headless: dest.headless,
            },
            cell.inForce,
            autoEndpoints[i],
            autoEndpoints,
          );
      const side = this.serverSideOf(endpoint.workload, endpoint.targetPort);
      return { endpoint, wire, server, injection, side, outcome: outcomeOf(wire.wire, side, dest.http) };
    });
  }

  private readonly inboundPortCache: TrackedCache<string, number[]>;
  /** A workload's inbound ports: container ports, Service target ports and port-level policy keys. */
  inboundPorts(w: Workload): number[] {
    return this.inboundPortCache.get(w.resource.id, () => {
      const out = new Set<number>(declaredPorts(w));
      for (const svc of this.model.namespace(w.namespace).services) {
        if (!svc.selector || !selectorMatches(svc.selector, w.labels)) continue;
        for (const p of svc.ports) {
          const t = resolveTargetPort(p, w);
          if (t !== undefined) out.add(t);
        }
      }
      for (const p of portLevelPortsOf(this.peerAuthn, w)) out.add(p);
      return [...out].sort((a, b) => a - b);
    });
  }

  /** The DestinationRule that wrote the block in force for a cell. */
  ownerOf(cell: ClientCell) {
    if (!cell.choice) return undefined;
    if (cell.subset !== undefined && (cell.inForce.level === 'subset' || cell.inForce.level === 'subset-port')) {
      return cell.choice.rule.subsets.get(cell.subset)?.owner;
    }
    return cell.choice.rule.policyOwner;
  }
}

/** The key recording one namespace, re-exported for rule units. */
export { namespaceKey };
