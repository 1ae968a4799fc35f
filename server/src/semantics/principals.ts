import type { MeshConfig } from '../model/kinds/meshConfig';
import { DEFAULT_TRUST_DOMAIN } from '../model/kinds/meshConfig';

/** A principal value split as Istio splits it (§D5, §D6): `<td>/ns/<ns>/sa/<sa>`. */
export type PrincipalShape =
  | { readonly kind: 'any' }
  | { readonly kind: 'spiffe-prefixed' }
  | { readonly kind: 'wildcard'; readonly trustDomain?: string; readonly namespace?: string }
  | { readonly kind: 'exact'; readonly trustDomain: string; readonly namespace: string; readonly serviceAccount: string }
  | { readonly kind: 'malformed' };

const SEGMENT = /^[^/*]+$/;

export function parsePrincipal(value: string): PrincipalShape {
  if (value === '*') return { kind: 'any' };
  if (value.startsWith('spiffe://')) return { kind: 'spiffe-prefixed' };
  if (value.startsWith('*') || value.endsWith('*')) {
    // Prefix / suffix match (§D9). A prefix that runs past the first `/` names its trust domain.
    const fixed = value.startsWith('*') ? value.slice(1) : value.slice(0, -1);
    if (fixed.includes('*')) return { kind: 'malformed' };
    const slash = fixed.indexOf('/');
    if (value.endsWith('*') && slash > 0) {
      const parts = fixed.split('/');
      const ns = parts[1] === 'ns' && parts[2] ? parts[2] : undefined;
      return { kind: 'wildcard', trustDomain: fixed.slice(0, slash), ...(ns ? { namespace: ns } : {}) };
    }
    return { kind: 'wildcard' };
  }
  const parts = value.split('/');
  if (parts.length === 5 && parts[1] === 'ns' && parts[3] === 'sa' && parts.every((p) => p.length > 0 && SEGMENT.test(p))) {
    return { kind: 'exact', trustDomain: parts[0], namespace: parts[2], serviceAccount: parts[4] };
  }
  return { kind: 'malformed' };
}

/** §D6: the trust domains a principal's td may name: cluster.local, the mesh trust domain and its aliases. */
export function acceptedTrustDomains(mesh: MeshConfig): Set<string> {
  return new Set([DEFAULT_TRUST_DOMAIN, mesh.trustDomain, ...mesh.trustDomainAliases, ...mesh.caCertificateTrustDomains]);
}

/** §D6: the trust domains a principal is rewritten to (one copy per bundle member), or itself if foreign. */
export function rewrittenTrustDomains(trustDomain: string, mesh: MeshConfig): string[] {
  const bundle = [mesh.trustDomain, ...mesh.trustDomainAliases];
  if (trustDomain === DEFAULT_TRUST_DOMAIN || bundle.includes(trustDomain)) return bundle;
  return [trustDomain];
}
