import type { Resource } from '../model/resource';
import type { Workload } from '../model/kinds/workload';
import { workloadsOfPolicy } from '../semantics/authorization';
import { meshPolicy, namespacePolicy } from '../semantics/peerAuthnScopes';
import { at, type Finding } from './finding';
import type { RuleContext, RuleSet } from './ruleContext';
import { describe, listSome } from './describe';

/** §A11: a policy whose every workload has no sidecar enforces nothing. */
export const policyWithoutSidecarRules: RuleSet = {
  name: 'policy-without-sidecar',
  ids: ['policy-without-sidecar'],
  run(ctx: RuleContext) {
    const { model, sem } = ctx;
    const out: Finding[] = [];
    const judge = (resource: Resource, applies: readonly Workload[]) => {
      if (applies.length === 0) return;
      if (!applies.every((w) => sem.injection(w).injected === 'no')) return;
      out.push({
        rule: 'policy-without-sidecar',
        message: `Every workload this ${resource.kind} applies to runs without a sidecar (${listSome(applies.map((w) => `${w.name}: ${sem.injection(w).reason}`), 2)}): there is no Envoy to enforce it, so it has no effect.`,
        anchor: at(resource, ['metadata', 'name']),
        related: applies.slice(0, 3).map((w) => ({ anchor: at(w.resource, ['metadata', 'name']), message: `${describe(w.resource)} has no sidecar` })),
      });
    };
    const mesh = meshPolicy(sem.peerAuthn);
    for (const pa of model.peerAuthentications) {
      let applies: Workload[];
      if (pa === mesh) applies = [...model.workloads];
      else if (namespacePolicy(sem.peerAuthn, pa.namespace) === pa) applies = [...(model.workloadsByNamespace.get(pa.namespace) ?? [])];
      else applies = (model.workloadsByNamespace.get(pa.namespace) ?? []).filter((w) => sem.workloadPolicies(w)[0] === pa);
      judge(pa.resource, applies);
    }
    for (const ap of model.authorizationPolicies) judge(ap.resource, workloadsOfPolicy(model, ap, sem.rootNamespace));
    return out;
  },
};
