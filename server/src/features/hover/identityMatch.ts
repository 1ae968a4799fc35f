import type { MeshConfig } from '../../model/kinds/meshConfig';
import type { MeshModel } from '../../model/meshModel';
import type { ServiceAccountObject } from '../../model/kinds/serviceAccount';
import type { Workload } from '../../model/kinds/workload';
import { acceptedTrustDomains, rewrittenTrustDomains } from '../../semantics/principals';
import { valueCode } from './markdown';
import { nameText, SHOWN_CHARACTERS } from '../../rules/quoteValue';

/** One SPIFFE identity of the workspace: a ServiceAccount object and/or the workloads that run as it. */
export interface WorkspaceIdentity {
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly account?: ServiceAccountObject;
  readonly workloads: readonly Workload[];
}

export function workspaceIdentities(model: MeshModel): WorkspaceIdentity[] {
  const map = new Map<string, { namespace: string; serviceAccount: string; account?: ServiceAccountObject; workloads: Workload[] }>();
  const entry = (namespace: string, serviceAccount: string) => {
    const key = `${namespace}/${serviceAccount}`;
    const e = map.get(key) ?? { namespace, serviceAccount, workloads: [] };
    map.set(key, e);
    return e;
  };
  for (const sa of model.serviceAccounts) entry(sa.namespace, sa.name).account ??= sa;
  for (const w of model.workloads) entry(w.namespace, w.serviceAccount).workloads.push(w);
  return [...map.values()].sort((a, b) => `${a.namespace}/${a.serviceAccount}`.localeCompare(`${b.namespace}/${b.serviceAccount}`));
}

/** §D9 string matching: exact, `prefix*`, `*suffix`, and `*` for any non-empty value. */
export function stringMatches(pattern: string, value: string): boolean {
  if (pattern === '*') return value.length > 0;
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  return pattern === value;
}

/** How one identity value compiles (§D3, §D6) and which workspace identities it matches. */
export interface ValueMatch {
  /** The values Envoy compares against after rewriting, as shown to the user. */
  readonly compiled: readonly string[];
  /** Notes (never matches, foreign trust domain, ...). */
  readonly notes: readonly string[];
  readonly matches: (id: WorkspaceIdentity) => boolean;
}

/** §D6: a principal is split on `/`; with 5 parts and a trust domain other than `*`, the trust domain is rewritten. */
function principalPatterns(value: string, mesh: MeshConfig): { patterns: string[]; foreign?: string } {
  const parts = value.split('/');
  if (parts.length !== 5 || parts[0] === '*') return { patterns: [value] };
  const tds = rewrittenTrustDomains(parts[0], mesh);
  const foreign = acceptedTrustDomains(mesh).has(parts[0]) ? undefined : parts[0];
  return { patterns: tds.map((td) => [td, ...parts.slice(1)].join('/')), ...(foreign !== undefined ? { foreign } : {}) };
}

const principalOf = (id: WorkspaceIdentity, mesh: MeshConfig) => `${mesh.trustDomain}/ns/${id.namespace}/sa/${id.serviceAccount}`;

/**
 * What one value of an identity field matches. `field` is the source field (principals,
 * notNamespaces, ...) or a `when` key (source.principal, source.namespace).
 */
export function matchIdentityValue(field: string, value: string, policyNamespace: string, mesh: MeshConfig): ValueMatch {
  const kind = field.replace(/^not/, '').toLowerCase();
  if (kind === 'principals' || field === 'source.principal') {
    if (value.startsWith('spiffe://')) return { compiled: [`spiffe://${value}`], notes: ['a principal has no `spiffe://` prefix: this value never matches (§D5)'], matches: () => false };
    if (value === '*') return { compiled: ['any authenticated peer'], notes: [], matches: () => true };
    const { patterns, foreign } = principalPatterns(value, mesh);
    const notes = foreign !== undefined ? [`trust domain ${valueCode(foreign)} is not the mesh's (${nameText(mesh.trustDomain, SHOWN_CHARACTERS)}) nor an alias: kept as written, and such peers fail the TLS handshake first (§D6, §D7)`] : [];
    return { compiled: patterns.map((p) => `spiffe://${p}`), notes, matches: (id) => patterns.some((p) => stringMatches(p, principalOf(id, mesh))) };
  }
  if (kind === 'namespaces' || field === 'source.namespace') {
    return { compiled: [`.*/ns/${value.replace(/\*/g, '.*')}/.*`], notes: [], matches: (id) => stringMatches(value, id.namespace) };
  }
  if (kind === 'serviceaccounts') {
    const [ns, sa] = value.includes('/') ? [value.slice(0, value.indexOf('/')), value.slice(value.indexOf('/') + 1)] : [policyNamespace, value];
    return { compiled: [`spiffe://.+/ns/${ns}/sa/${sa}`], notes: [], matches: (id) => id.namespace === ns && id.serviceAccount === sa };
  }
  if (kind === 'trustdomains') {
    const bundle = [mesh.trustDomain, ...mesh.trustDomainAliases];
    const tds = bundle.includes(value) ? bundle : [value];
    return { compiled: tds.map((td) => (td === '*' ? 'any trust domain' : `spiffe://${td}/`)), notes: [], matches: () => tds.some((td) => stringMatches(td, mesh.trustDomain)) };
  }
  return { compiled: [value], notes: [], matches: () => false };
}
