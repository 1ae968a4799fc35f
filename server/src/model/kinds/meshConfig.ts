import { parse } from 'yaml';
import type { Resource } from '../resource';
import { asArray, asBoolean, asMap, asString, asStringList, type JsonMap } from '../read';

/** The mesh settings the semantics need (§F4), with Istio's defaults. */
export interface MeshConfig {
  readonly rootNamespace: string;
  readonly trustDomain: string;
  readonly trustDomainAliases: readonly string[];
  /** Trust domains of `caCertificates[].trustDomains` (accepted by the SAN check, §A9). */
  readonly caCertificateTrustDomains: readonly string[];
  readonly enableAutoMtls: boolean;
  /** `defaultDestinationRuleExportTo`: only `.` and `*` are honoured (§B3 d). */
  readonly defaultDestinationRuleExportTo: '.' | '*';
  /** Where the settings came from; undefined when the defaults apply. */
  readonly source?: Resource;
  /** Whether rootNamespace was set by the mesh config itself. */
  readonly rootNamespaceFromConfig: boolean;
}

export const ISTIO_SYSTEM = 'istio-system';
export const DEFAULT_TRUST_DOMAIN = 'cluster.local';

export function defaultMeshConfig(rootNamespace: string = ISTIO_SYSTEM): MeshConfig {
  return {
    rootNamespace,
    trustDomain: DEFAULT_TRUST_DOMAIN,
    trustDomainAliases: [],
    caCertificateTrustDomains: [],
    enableAutoMtls: true,
    defaultDestinationRuleExportTo: '*',
    rootNamespaceFromConfig: false,
  };
}

/** The `meshConfig` map carried by a resource: ConfigMap `istio`/`istio-<rev>` key `mesh`, or IstioOperator. */
export function meshConfigMapOf(r: Resource): JsonMap | undefined {
  if (r.kind === 'ConfigMap' && r.group === '' && (r.name === 'istio' || r.name.startsWith('istio-'))) {
    const text = asString(asMap(r.body.data)?.mesh);
    if (text === undefined) return undefined;
    try {
      return asMap(parse(text, { maxAliasCount: 100, logLevel: 'error' })) ?? {};
    } catch {
      return undefined;
    }
  }
  if (r.kind === 'IstioOperator' && r.group === 'install.istio.io') {
    return asMap(asMap(r.body.spec)?.meshConfig);
  }
  return undefined;
}

export function readMeshConfig(source: Resource, map: JsonMap, fallbackRoot: string): MeshConfig {
  const root = asString(map.rootNamespace)?.trim();
  const exportTo = asStringList(map.defaultDestinationRuleExportTo);
  const caTrustDomains = asArray(map.caCertificates).flatMap((c) => asStringList(asMap(c)?.trustDomains));
  return {
    rootNamespace: root || fallbackRoot,
    trustDomain: (asString(map.trustDomain)?.trim() || DEFAULT_TRUST_DOMAIN).replace(/@/g, '.'),
    trustDomainAliases: asStringList(map.trustDomainAliases).map((s) => s.trim()).filter(Boolean),
    caCertificateTrustDomains: caTrustDomains,
    enableAutoMtls: asBoolean(map.enableAutoMtls) ?? true,
    defaultDestinationRuleExportTo: exportTo.length === 1 && exportTo[0] === '.' ? '.' : '*',
    source,
    rootNamespaceFromConfig: !!root,
  };
}
