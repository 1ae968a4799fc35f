import type { AuthorizationPolicyObject } from '../model/kinds/authorizationPolicy';
import type { MeshModel } from '../model/meshModel';
import type { Path } from '../model/read';
import { acceptedTrustDomains, parsePrincipal } from '../semantics/principals';
import { at, type Finding } from './finding';
import type { RuleContext, RuleSet } from './ruleContext';
import { nameText, quoteValue } from './quoteValue';
import { listSome } from './describe';

interface ValueRef {
  readonly value: string;
  readonly path: Path;
}

/** Principal values: `principals`, `notPrincipals`, and `source.principal` conditions. */
function principalValues(ap: AuthorizationPolicyObject): ValueRef[] {
  const out: ValueRef[] = [];
  for (const rule of ap.rules) {
    for (const s of rule.from) {
      for (const field of ['principals', 'notPrincipals']) {
        (s.fields[field] ?? []).forEach((value, i) => out.push({ value, path: [...s.path, field, i] }));
      }
    }
    for (const c of rule.when) {
      if (c.key !== 'source.principal') continue;
      c.values.forEach((value, i) => out.push({ value, path: [...c.path, 'values', i] }));
      c.notValues.forEach((value, i) => out.push({ value, path: [...c.path, 'notValues', i] }));
    }
  }
  return out;
}

/** The service accounts a namespace is known to have (objects and workloads' accounts); undefined when the workspace does not model it. */
function serviceAccountsIn(model: MeshModel, namespace: string): Set<string> | undefined {
  const b = model.namespace(namespace);
  if (b.workloads.length === 0 && b.serviceAccounts.length === 0) return undefined;
  return new Set([...b.workloads.map((w) => w.serviceAccount), ...b.serviceAccounts.map((a) => a.name)]);
}

/** §D5–§D7: principal values that never match what the mesh puts in peer certificates. */
export const principalValueRules: RuleSet = {
  name: 'principal-values',
  ids: ['principal-has-spiffe-prefix', 'principal-malformed', 'principal-unknown-service-account', 'principal-foreign-trust-domain'],
  /** Unit: the AuthorizationPolicies of one namespace. */
  map(ctx: RuleContext, namespace: string) {
    const { model } = ctx;
    const accepted = acceptedTrustDomains(model.mesh);
    const out: Finding[] = [];
    for (const ap of model.namespace(namespace).authorizationPolicies) {
      for (const ref of principalValues(ap)) {
        const shape = parsePrincipal(ref.value);
        const add = (rule: string, message: string) => out.push({ rule, message, anchor: at(ap.resource, ref.path), related: [] });
        if (shape.kind === 'spiffe-prefixed') {
          add('principal-has-spiffe-prefix', `Principals are written without "spiffe://": Istio adds the prefix itself, so ${quoteValue(ref.value)} becomes spiffe://spiffe://... and never matches. Write ${quoteValue(ref.value.slice('spiffe://'.length))}.`);
          continue;
        }
        if (shape.kind === 'malformed') {
          add('principal-malformed', `${quoteValue(ref.value)} is not <trust-domain>/ns/<namespace>/sa/<service-account> (nor "*" or a prefix*/"*suffix" pattern): it matches no workload identity.`);
          continue;
        }
        const td = shape.kind === 'exact' || shape.kind === 'wildcard' ? shape.trustDomain : undefined;
        if (td && !accepted.has(td)) {
          add('principal-foreign-trust-domain', `Trust domain ${quoteValue(td)} is not cluster.local, the mesh trust domain ${quoteValue(model.mesh.trustDomain)}, nor one of its aliases: the value is kept verbatim, and a peer from that trust domain fails the mTLS handshake before authorization runs. Add it to trustDomainAliases if it is a previous trust domain.`);
        }
        if (shape.kind === 'exact') {
          // Only a namespace the workspace models (workloads or ServiceAccounts in it) is checked.
          const accounts = serviceAccountsIn(model, shape.namespace);
          if (accounts && !accounts.has(shape.serviceAccount)) {
            add('principal-unknown-service-account', `No workload in namespace ${nameText(shape.namespace)} runs as service account ${quoteValue(shape.serviceAccount)} and no ServiceAccount of that name exists there${accounts.size ? ` (known: ${listSome([...accounts].sort().map((a) => nameText(a)), 5)})` : ''}: this principal matches nobody.`);
          }
        }
      }
    }
    return out;
  },
};
