import { at, type Finding } from './finding';
import type { RuleContext, RuleSet } from './ruleContext';
import { quoteValue } from './quoteValue';

function matches(pattern: string, name: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return name.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return name.endsWith(pattern.slice(1));
  return pattern === name;
}

/** §D3, §D9: `namespaces` entries naming no namespace; `serviceAccounts` mixed with other identity fields. */
export const sourceNamespaceRules: RuleSet = {
  name: 'source-namespaces',
  ids: ['unknown-namespace-reference', 'service-accounts-mixed'],
  /** Unit: the AuthorizationPolicies of one namespace. */
  map(ctx: RuleContext, namespace: string) {
    const { model } = ctx;
    const policies = model.namespace(namespace).authorizationPolicies;
    const out: Finding[] = [];
    if (policies.length === 0) return out;
    // Namespace objects are in the bucket of their own name: every name here is a namespace the workspace has.
    let names: string[] | undefined;
    const known = (value: string) =>
      value.startsWith('*') || value.endsWith('*') ? (names ??= model.namespaceNames().filter(Boolean)).some((n) => matches(value, n)) : value !== '' && model.knowsNamespace(value);
    const haveNamespaceObjects = model.hasNamespaceObjects();
    for (const ap of policies) {
      for (const rule of ap.rules) {
        for (const s of rule.from) {
          if ((s.fields.serviceAccounts?.length ?? 0) > 0 && ((s.fields.principals?.length ?? 0) > 0 || (s.fields.namespaces?.length ?? 0) > 0)) {
            out.push({
              rule: 'service-accounts-mixed',
              message: 'serviceAccounts cannot be combined with principals or namespaces in one source: Istio rejects the policy ("Cannot set serviceAccounts with namespaces or principals"). Put them in separate sources.',
              anchor: at(ap.resource, [...s.path, 'serviceAccounts'], 'key'),
              related: [],
            });
          }
          if (!haveNamespaceObjects) continue;
          for (const field of ['namespaces', 'notNamespaces']) {
            (s.fields[field] ?? []).forEach((value, i) => {
              if (value === '*' || known(value)) return;
              const pattern = value.startsWith('*') || value.endsWith('*');
              out.push({
                rule: 'unknown-namespace-reference',
                message: pattern
                  ? `The pattern ${quoteValue(value)} matches no namespace of the workspace: this ${field} entry matches nothing.`
                  : `Namespace ${quoteValue(value)} does not exist in the workspace: this ${field} entry matches nothing (a typo?).`,
                anchor: at(ap.resource, [...s.path, field, i]),
                related: [],
              });
            });
          }
        }
      }
    }
    return out;
  },
};
