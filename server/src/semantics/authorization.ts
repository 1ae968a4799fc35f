import type { AuthorizationPolicyObject, AuthzRule, AuthzSource } from '../model/kinds/authorizationPolicy';
import type { Workload } from '../model/kinds/workload';
import { compareSource, type MeshModel } from '../model/meshModel';
import { selectorMatches } from './labelMatch';
import type { Path } from '../model/read';

/** §D3: source fields that only match a peer certificate identity. */
export const POSITIVE_IDENTITY_FIELDS = ['principals', 'namespaces', 'serviceAccounts', 'trustDomains'] as const;
export const NEGATIVE_IDENTITY_FIELDS = ['notPrincipals', 'notNamespaces', 'notServiceAccounts', 'notTrustDomains'] as const;
/** §D3: `when` keys that read the peer identity. */
export const IDENTITY_CONDITION_KEYS = ['source.principal', 'source.namespace'] as const;

/** One place in a rule that reads the peer identity. */
export interface IdentityField {
  readonly path: Path;
  readonly field: string;
  readonly values: readonly string[];
}

/** §D2: the workloads an AuthorizationPolicy applies to (sidecars only; targetRef policies attach elsewhere). */
export function workloadsOfPolicy(model: MeshModel, ap: AuthorizationPolicyObject, rootNamespace: string): Workload[] {
  if (ap.hasTargetRef) return [];
  const namespaces = ap.namespace === rootNamespace ? model.namespaceNames() : [ap.namespace];
  return namespaces.flatMap((ns) => workloadsOfPolicyIn(model, ap, rootNamespace, ns)).sort((a, b) => compareSource(a.resource, b.resource));
}

/** §D2, one namespace at a time: the workloads of `namespace` an AuthorizationPolicy applies to. */
export function workloadsOfPolicyIn(model: MeshModel, ap: AuthorizationPolicyObject, rootNamespace: string, namespace: string): Workload[] {
  if (ap.hasTargetRef || (ap.namespace !== rootNamespace && ap.namespace !== namespace)) return [];
  const labels = ap.selector?.matchLabels ?? {};
  return model.namespace(namespace).workloads.filter((w) => selectorMatches(labels, w.labels));
}

export function positiveSourceFields(source: AuthzSource): IdentityField[] {
  return POSITIVE_IDENTITY_FIELDS.filter((f) => (source.fields[f]?.length ?? 0) > 0).map((f) => ({ path: [...source.path, f], field: f, values: source.fields[f] }));
}

export function negativeSourceFields(source: AuthzSource): IdentityField[] {
  return NEGATIVE_IDENTITY_FIELDS.filter((f) => (source.fields[f]?.length ?? 0) > 0).map((f) => ({ path: [...source.path, f], field: f, values: source.fields[f] }));
}

/** Positive identity conditions: `when` with key source.principal / source.namespace and `values`. */
export function positiveIdentityConditions(rule: AuthzRule): IdentityField[] {
  return rule.when
    .filter((c) => (IDENTITY_CONDITION_KEYS as readonly string[]).includes(c.key) && c.values.length > 0)
    .map((c) => ({ path: [...c.path, 'values'], field: `when ${c.key}`, values: c.values }));
}

/** The target ports a rule covers: `only` undefined means every port, minus `except`. */
export interface CoveredPorts {
  readonly only?: readonly number[];
  readonly except: readonly number[];
}

/**
 * The workload ports a rule covers (`to[].operation.ports` / `notPorts`). AuthorizationPolicy
 * ports are the workload's ports, matched exactly (§D9); the operations of `to` are alternatives
 * (§D1), so the result is the union of what each operation covers.
 */
export function coveredPorts(rule: AuthzRule): CoveredPorts {
  if (rule.to.length === 0) return { except: [] };
  const numbers = (list: readonly string[]) => list.map(Number).filter((n) => Number.isInteger(n));
  const ops = rule.to.map((op) => ({ only: op.ports.length ? numbers(op.ports) : undefined, except: numbers(op.notPorts) }));
  const listed = new Set(ops.flatMap((op) => (op.only ? op.only.filter((p) => !op.except.includes(p)) : [])));
  const open = ops.filter((op) => !op.only);
  if (open.length === 0) return { only: [...listed], except: [] };
  // Every port but those all open operations exclude, unless a listing operation covers it.
  const excluded = open.map((op) => new Set(op.except)).reduce((a, b) => new Set([...a].filter((p) => b.has(p))));
  return { except: [...excluded].filter((p) => !listed.has(p)) };
}
