import { parse } from 'yaml';
import type { MeshTrust } from './podCertificateAnalysis';

/** What the cluster view needs from the `istio` ConfigMap's `mesh` key (§F4). */
export interface LiveMeshSettings extends MeshTrust {
  readonly rootNamespace: string;
  /** Where it came from ("ConfigMap istio-system/istio"), or why the defaults apply. */
  readonly source: string;
}

const asMap = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** Reads the mesh YAML with Istio's defaults (`cluster.local`, no aliases, root `istio-system`). */
export function readLiveMeshSettings(meshYaml: string | undefined, source: string, fallbackRoot: string): LiveMeshSettings {
  let map: Record<string, unknown> = {};
  if (meshYaml) {
    try {
      map = asMap(parse(meshYaml, { maxAliasCount: 100, logLevel: 'silent' })) ?? {};
    } catch {
      map = {};
    }
  }
  const td = typeof map.trustDomain === 'string' && map.trustDomain.trim() ? map.trustDomain.trim().replace(/@/g, '.') : 'cluster.local';
  const aliases = Array.isArray(map.trustDomainAliases) ? map.trustDomainAliases.filter((a): a is string => typeof a === 'string' && a.trim() !== '').map((a) => a.trim()) : [];
  const root = typeof map.rootNamespace === 'string' && map.rootNamespace.trim() ? map.rootNamespace.trim() : fallbackRoot;
  return { trustDomain: td, trustDomainAliases: aliases, rootNamespace: root, source };
}

/** Linkerd's `identityTrustDomain` from the `linkerd-config` ConfigMap's `values` (§E8; default cluster.local). */
export function readLinkerdTrustDomain(valuesYaml: string | undefined): string {
  if (!valuesYaml) return 'cluster.local';
  try {
    const map = asMap(parse(valuesYaml, { maxAliasCount: 100, logLevel: 'silent' }));
    const td = map?.identityTrustDomain;
    return typeof td === 'string' && td.trim() ? td.trim() : 'cluster.local';
  } catch {
    return 'cluster.local';
  }
}
