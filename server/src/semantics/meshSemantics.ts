import type { MeshModel } from '../model/meshModel';
import type { PeerAuthenticationObject } from '../model/kinds/peerAuthentication';
import type { ServiceObject } from '../model/kinds/service';
import { injectionOf, hasIstioTlsModeLabel, type InjectionVerdict } from './injection';
import { indexPeerAuthentications, workloadPolicies, type PeerAuthnIndex } from './peerAuthnScopes';
import { namespaceModeOf, portLevelPortsOf, serverModeOf, type ServerModeResult } from './serverMode';
import { indexDestinationRules, type DestinationRuleIndex } from './destinationRuleIndex';
import { lookupDestinationRule, type DestinationRuleChoice, type LookupClient } from './destinationRuleLookup';
import { allDestinations, destinationVisibleTo, resolveTargetPort, type DestinationPort, type Endpoint } from './destinations';
import { tlsInForce, type TlsInForce } from './trafficPolicySelection';
import { autoMtlsWire, wireForTlsBlock, type AutoEndpoint, type WireDecision } from './clientTls';
import { outcomeOf, serverSide, type Outcome, type ServerSide } from './outcome';
import { routedSubsets } from './routedSubsets';
import { selectorMatches } from './labelMatch';
import { hostCovers, isWildcardHost } from './hosts';
import { inboundPortCaptured } from './inboundCapture';
import { declaredPorts, type Workload } from '../model/kinds/workload';

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

function memo<K, V>(compute: (k: K) => V): (k: K) => V {
  const cache = new Map<K, V>();
  return (k: K) => {
    if (cache.has(k)) return cache.get(k) as V;
    const v = compute(k);
    cache.set(k, v);
    return v;
  };
}

/**
 * The semantics of one MeshModel, memoized. Every question a rule or an editor feature asks
 * about Istio's behaviour is answered here (by the pure functions of this folder), once.
 */
export class MeshSemantics {
  readonly rootNamespace: string;
  readonly peerAuthn: PeerAuthnIndex;
  readonly destinationRules: DestinationRuleIndex;
  readonly destinations: readonly DestinationPort[];
  readonly routed: ReadonlyMap<string, ReadonlySet<string>>;
  private readonly serverModes = new Map<string, ServerModeResult>();
  private readonly lookups = new Map<string, DestinationRuleChoice | undefined>();
  private cellsCache: ClientCell[] | undefined;
  private cellsByDest: Map<DestinationPort, ClientCell[]> | undefined;
  private destinationsByService: Map<ServiceObject, DestinationPort[]> | undefined;

  constructor(readonly model: MeshModel) {
    this.rootNamespace = model.mesh.rootNamespace;
    this.peerAuthn = indexPeerAuthentications(model.peerAuthentications, this.rootNamespace);
    this.destinationRules = indexDestinationRules(model.destinationRules, model.mesh.defaultDestinationRuleExportTo);
    this.destinations = allDestinations(model);
    this.routed = routedSubsets(model.virtualServices);
  }

  readonly injection = memo((w: Workload): InjectionVerdict => injectionOf(w, this.model.namespaces.get(w.namespace)));

  serverMode(w: Workload, port: number | undefined): ServerModeResult {
    const key = `${w.resource.id}|${port ?? ''}`;
    let v = this.serverModes.get(key);
    if (!v) {
      v = serverModeOf(this.peerAuthn, w, port);
      this.serverModes.set(key, v);
    }
    return v;
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

  readonly namespaceMode = memo((ns: string): ServerModeResult => namespaceModeOf(this.peerAuthn, ns));

  /** §A4: the workload-level policies selecting the workload, oldest (the one that applies) first. */
  readonly workloadPolicies = memo((w: Workload): PeerAuthenticationObject[] => workloadPolicies(this.peerAuthn, w));

  /** Injected workloads grouped by what decides their DestinationRule lookup. */
  get clientProfiles(): ClientProfile[] {
    return this.profiles();
  }

  private readonly profiles = memo((_: void): ClientProfile[] => {
    const groups = new Map<string, { namespace: string; labels: Record<string, string>; workloads: Workload[] }>();
    for (const w of this.model.workloads) {
      if (w.kind === 'WorkloadEntry' || this.injection(w).injected !== 'yes') continue;
      const selectorRules = (this.destinationRules.get(w.namespace)?.merged ?? []).filter((r) => r.selector);
      const matched = selectorRules.map((r, i) => (r.selector && selectorMatches(r.selector, w.labels) ? i : -1)).filter((i) => i >= 0);
      const key = `${w.namespace}|${matched.join(',')}`;
      const g = groups.get(key);
      if (g) g.workloads.push(w);
      else groups.set(key, { namespace: w.namespace, labels: { ...w.labels }, workloads: [w] });
    }
    return [...groups.entries()].map(([key, g]) => ({ key, ...g }));
  });

  /** §B3/§B4 lookup, memoized per client profile and host. */
  lookup(client: LookupClient & { key?: string }, host: string, serviceNamespace: string): DestinationRuleChoice | undefined {
    const cacheKey = client.key !== undefined ? `${client.key}|${host}|${serviceNamespace}` : undefined;
    if (cacheKey !== undefined && this.lookups.has(cacheKey)) return this.lookups.get(cacheKey);
    const v = lookupDestinationRule(this.destinationRules, this.rootNamespace, client, host, serviceNamespace);
    if (cacheKey !== undefined) this.lookups.set(cacheKey, v);
    return v;
  }

  /** Every (client profile, destination port[, routed subset]) the workspace's injected clients can use. */
  get cells(): readonly ClientCell[] {
    if (!this.cellsCache) this.cellsCache = this.computeCells();
    return this.cellsCache;
  }

  /** The destination ports of one Service. */
  destinationsOf(service: ServiceObject): readonly DestinationPort[] {
    if (!this.destinationsByService) {
      this.destinationsByService = new Map();
      for (const d of this.destinations) {
        if (!d.service) continue;
        const list = this.destinationsByService.get(d.service);
        if (list) list.push(d);
        else this.destinationsByService.set(d.service, [d]);
      }
    }
    return this.destinationsByService.get(service) ?? [];
  }

  /** The cells of one destination port. */
  cellsFor(dest: DestinationPort): readonly ClientCell[] {
    if (!this.cellsByDest) {
      this.cellsByDest = new Map();
      for (const c of this.cells) {
        const list = this.cellsByDest.get(c.dest);
        if (list) list.push(c);
        else this.cellsByDest.set(c.dest, [c]);
      }
    }
    return this.cellsByDest.get(dest) ?? [];
  }

  private computeCells(): ClientCell[] {
    const out: ClientCell[] = [];
    const profiles = this.clientProfiles;
    if (profiles.length === 0) return out;
    const local = localRuleNamespaces(this.destinationRules);
    const named = namespacesNamedInExportTo(this.model);
    // Clients whose lookup can differ from a namespace nothing names: the root namespace and
    // namespaces an exportTo lists (§B3). All others resolve alike unless they have rules of their own.
    const special = (ns: string) => ns === this.rootNamespace || named.has(ns);
    const ordinary = profiles.filter((p) => !special(p.namespace));
    for (const dest of this.destinations) {
      const withLocalRules = local(dest.host);
      const restricted = dest.exportTo.length > 0;
      const groups = new Map<DestinationRuleChoice['rule'] | undefined, { choice?: DestinationRuleChoice; profiles: readonly ClientProfile[] }>();
      const add = (choice: DestinationRuleChoice | undefined, members: readonly ClientProfile[]) => {
        if (members.length === 0) return;
        const group = groups.get(choice?.rule);
        // The shared list of ordinary clients is kept, not copied, unless another client joins it.
        if (group) group.profiles = [...group.profiles, ...members];
        else groups.set(choice?.rule, { ...(choice ? { choice } : {}), profiles: members });
      };
      const visible = (p: ClientProfile) => !restricted || destinationVisibleTo(dest, p.namespace);
      // Ordinary clients without rules of their own for this host share one lookup (§B3 steps 2-3).
      const shared = withLocalRules.size === 0 && !restricted ? ordinary : ordinary.filter((p) => !withLocalRules.has(p.namespace) && visible(p));
      if (shared.length) add(this.lookup({ ...shared[0], key: '\u0000generic|*' }, dest.host, dest.namespace), shared);
      for (const profile of profiles) {
        if (!(special(profile.namespace) || withLocalRules.has(profile.namespace)) || !visible(profile)) continue;
        const key = special(profile.namespace) && !withLocalRules.has(profile.namespace) && profile.namespace !== this.rootNamespace ? `\u0000generic|${profile.namespace}` : profile.key;
        add(this.lookup({ ...profile, key }, dest.host, dest.namespace), [profile]);
      }
      for (const { choice, profiles: members } of groups.values()) {
        if (!choice) {
          out.push({ profiles: members, dest, inForce: { level: 'none' } });
          continue;
        }
        out.push({ profiles: members, dest, choice, inForce: tlsInForce(choice.rule, dest.port) });
        for (const subset of this.routed.get(dest.host) ?? []) {
          if (choice.rule.subsets.has(subset)) out.push({ profiles: members, dest, subset, choice, inForce: tlsInForce(choice.rule, dest.port, subset) });
        }
      }
    }
    return out;
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

  /** A workload's inbound ports: container ports, Service target ports and port-level policy keys. */
  readonly inboundPorts = memo((w: Workload): number[] => {
    const out = new Set<number>(declaredPorts(w));
    for (const svc of this.model.servicesByNamespace.get(w.namespace) ?? []) {
      if (!svc.selector || !selectorMatches(svc.selector, w.labels)) continue;
      for (const p of svc.ports) {
        const t = resolveTargetPort(p, w);
        if (t !== undefined) out.add(t);
      }
    }
    for (const p of portLevelPortsOf(this.peerAuthn, w)) out.add(p);
    return [...out].sort((a, b) => a - b);
  });

  /** The DestinationRule that wrote the block in force for a cell. */
  ownerOf(cell: ClientCell) {
    if (!cell.choice) return undefined;
    if (cell.subset !== undefined && (cell.inForce.level === 'subset' || cell.inForce.level === 'subset-port')) {
      return cell.choice.rule.subsets.get(cell.subset)?.owner;
    }
    return cell.choice.rule.policyOwner;
  }
}

/** Host -> namespaces whose own DestinationRules (any, selector rules included) cover it. */
function localRuleNamespaces(index: DestinationRuleIndex): (host: string) => ReadonlySet<string> {
  const exact = new Map<string, Set<string>>();
  const wildcards: Array<{ namespace: string; host: string }> = [];
  for (const ns of index.values()) {
    for (const rule of ns.merged) {
      if (isWildcardHost(rule.host)) wildcards.push({ namespace: ns.namespace, host: rule.host });
      else {
        const set = exact.get(rule.host) ?? new Set<string>();
        set.add(ns.namespace);
        exact.set(rule.host, set);
      }
    }
  }
  return (host: string) => {
    const out = new Set(exact.get(host) ?? []);
    for (const w of wildcards) if (hostCovers(w.host, host)) out.add(w.namespace);
    return out;
  };
}

/** Namespaces named explicitly in some DestinationRule exportTo: they may see exported rules others do not. */
function namespacesNamedInExportTo(model: MeshModel): Set<string> {
  const out = new Set<string>();
  for (const dr of model.destinationRules) for (const e of dr.exportTo) if (e !== '.' && e !== '*') out.add(e);
  return out;
}
