import type { MeshConfig } from '../../model/kinds/meshConfig';
import type { MeshModel } from '../../model/meshModel';
import { parsePrincipal, rewrittenTrustDomains } from '../../semantics/principals';
import { nameTarget, workloadServiceAccountTarget, type Target } from './targets';

/** A workload identity: the service account a sidecar's certificate names (§E1). */
export interface Identity {
  readonly namespace: string;
  readonly serviceAccount: string;
}

export type IdentityMatcher = (id: Identity) => boolean;

/**
 * §D5, §D6, §D9: whether an AuthorizationPolicy principal matches the certificate of an identity.
 * An exact `<td>/ns/<ns>/sa/<sa>` matches when trust-domain rewriting reaches the mesh trust domain;
 * `prefix*` / `*suffix` are compared with the identity as issued (no rewriting). `*` (any
 * authenticated peer), `spiffe://` values (never match, §D5) and malformed values name nobody.
 */
export function principalMatcher(value: string, mesh: MeshConfig): IdentityMatcher {
  const shape = parsePrincipal(value.trim());
  if (shape.kind === 'exact') {
    const reaches = rewrittenTrustDomains(shape.trustDomain, mesh).includes(mesh.trustDomain);
    return (id) => reaches && id.namespace === shape.namespace && id.serviceAccount === shape.serviceAccount;
  }
  if (shape.kind === 'wildcard') {
    const v = value.trim();
    const issued = (id: Identity) => `${mesh.trustDomain}/ns/${id.namespace}/sa/${id.serviceAccount}`;
    return v.endsWith('*') ? (id) => issued(id).startsWith(v.slice(0, -1)) : (id) => issued(id).endsWith(v.slice(1));
  }
  return () => false;
}

/** §D3: a `serviceAccounts` value, `<ns>/<sa>` or a bare `<sa>` in the policy's own namespace. */
export function serviceAccountMatcher(value: string, policyNamespace: string): IdentityMatcher {
  const parts = value.trim().split('/');
  if (parts.length === 1 && parts[0]) return (id) => id.namespace === policyNamespace && id.serviceAccount === parts[0];
  if (parts.length === 2 && parts[0] && parts[1]) return (id) => id.namespace === parts[0] && id.serviceAccount === parts[1];
  return () => false;
}

/** Every identity the model knows: declared ServiceAccounts and the accounts workloads run as. */
export function knownIdentities(model: MeshModel): Identity[] {
  const seen = new Map<string, Identity>();
  const add = (namespace: string, serviceAccount: string) => {
    const key = `${namespace}/${serviceAccount}`;
    if (!seen.has(key)) seen.set(key, { namespace, serviceAccount });
  };
  for (const sa of model.serviceAccounts) add(sa.namespace, sa.name);
  for (const w of model.workloads) add(w.namespace, w.serviceAccount);
  return [...seen.values()];
}

/**
 * The declarations of the matched identities: the ServiceAccount object, or, when the workspace
 * does not declare it, the workloads running as it (at their serviceAccountName).
 */
export function identityTargets(model: MeshModel, matches: IdentityMatcher): Target[] {
  const out: Target[] = [];
  for (const id of knownIdentities(model)) {
    if (!matches(id)) continue;
    const accounts = model.serviceAccounts.filter((sa) => sa.namespace === id.namespace && sa.name === id.serviceAccount);
    if (accounts.length) out.push(...accounts.map((sa) => nameTarget(sa.resource)));
    else out.push(...workloadsRunningAs(model, id).map(workloadServiceAccountTarget));
  }
  return out;
}

export function workloadsRunningAs(model: MeshModel, id: Identity) {
  return model.workloads.filter((w) => w.namespace === id.namespace && w.serviceAccount === id.serviceAccount);
}
