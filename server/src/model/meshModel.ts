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

export interface ModelOptions {
  /** Root namespace when the workspace has no mesh config (`--root-namespace`, setting). */
  readonly defaultRootNamespace?: string;
  /** Trust domain and aliases when the workspace has no mesh config (editor settings). */
  readonly defaultTrustDomain?: string;
  readonly defaultTrustDomainAliases?: readonly string[];
}

/** The typed, indexed view of the resources analysed together. Immutable once built. */
export interface MeshModel {
  readonly resources: readonly Resource[];
  readonly mesh: MeshConfig;
  readonly namespaces: ReadonlyMap<string, NamespaceObject>;
  readonly serviceAccounts: readonly ServiceAccountObject[];
  readonly workloads: readonly Workload[];
  readonly services: readonly ServiceObject[];
  readonly serviceEntries: readonly ServiceEntryObject[];
  readonly peerAuthentications: readonly PeerAuthenticationObject[];
  readonly destinationRules: readonly DestinationRuleObject[];
  readonly authorizationPolicies: readonly AuthorizationPolicyObject[];
  readonly virtualServices: readonly VirtualServiceObject[];
  readonly workloadsByNamespace: ReadonlyMap<string, readonly Workload[]>;
  readonly servicesByNamespace: ReadonlyMap<string, readonly ServiceObject[]>;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Picks the mesh config: ConfigMap `istio` in istio-system first, then any other source in file order. */
function findMeshConfig(resources: readonly Resource[], options: ModelOptions): MeshConfig {
  const fallbackRoot = options.defaultRootNamespace || ISTIO_SYSTEM;
  const candidates = resources
    .map((r) => ({ r, map: meshConfigMapOf(r) }))
    .filter((c): c is { r: Resource; map: NonNullable<typeof c.map> } => c.map !== undefined);
  const rank = (r: Resource) => (r.kind === 'ConfigMap' && r.name === 'istio' ? 0 : r.kind === 'ConfigMap' ? 1 : 2) + (r.namespace === ISTIO_SYSTEM ? 0 : 3);
  candidates.sort((a, b) => rank(a.r) - rank(b.r));
  const chosen = candidates[0];
  if (chosen) return readMeshConfig(chosen.r, chosen.map, fallbackRoot);
  const base = defaultMeshConfig(fallbackRoot);
  return {
    ...base,
    ...(options.defaultTrustDomain ? { trustDomain: options.defaultTrustDomain } : {}),
    ...(options.defaultTrustDomainAliases ? { trustDomainAliases: [...options.defaultTrustDomainAliases] } : {}),
  };
}

export function buildMeshModel(resources: readonly Resource[], options: ModelOptions = {}): MeshModel {
  const pick = <T>(read: (r: Resource) => T | undefined): T[] => {
    const out: T[] = [];
    for (const r of resources) {
      const t = read(r);
      if (t !== undefined) out.push(t);
    }
    return out;
  };
  const namespaces = new Map<string, NamespaceObject>();
  for (const ns of pick(readNamespace)) if (!namespaces.has(ns.name)) namespaces.set(ns.name, ns);
  const workloads = pick(readWorkload);
  const services = pick(readService);
  return {
    resources,
    mesh: findMeshConfig(resources, options),
    namespaces,
    serviceAccounts: pick(readServiceAccount),
    workloads,
    services,
    serviceEntries: pick(readServiceEntry),
    peerAuthentications: pick(readPeerAuthentication),
    destinationRules: pick(readDestinationRule),
    authorizationPolicies: pick(readAuthorizationPolicy),
    virtualServices: pick(readVirtualService),
    workloadsByNamespace: groupBy(workloads, (w) => w.namespace),
    servicesByNamespace: groupBy(services, (s) => s.namespace),
  };
}
