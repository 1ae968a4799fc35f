import type { Resource } from '../model/resource';
import type { Workload } from '../model/kinds/workload';
import { workloadsOfPolicyIn } from '../semantics/authorization';
import { meshPolicy, namespacePolicy } from '../semantics/peerAuthnScopes';
import { at, type Finding } from './finding';
import type { Evidence, RuleContext, RuleOutput, RuleSet } from './ruleContext';
import { describe, listSome } from './describe';

interface Applies {
  readonly policy: Resource;
  readonly workloads: ReadonlyArray<{ readonly workload: Workload; readonly noSidecar: boolean; readonly reason: string }>;
}

/**
 * §A11: a policy whose every workload has no sidecar enforces nothing. A policy may apply in
 * several namespaces (the mesh-level policy, a root-namespace AuthorizationPolicy): each
 * namespace reports the workloads it applies to there, and `reduce` judges them all.
 */
export const policyWithoutSidecarRules: RuleSet = {
  name: 'policy-without-sidecar',
  ids: ['policy-without-sidecar'],
  map(ctx: RuleContext, namespace: string) {
    const { model, sem } = ctx;
    const out: RuleOutput[] = [];
    const workloads = model.namespace(namespace).workloads;
    const report = (policy: Resource, applies: readonly Workload[]) => {
      if (applies.length === 0) return;
      const data: Applies = {
        policy,
        workloads: applies.map((w) => ({ workload: w, noSidecar: sem.injection(w).injected === 'no', reason: sem.injection(w).reason })),
      };
      out.push({ rule: 'policy-without-sidecar', group: policy.id, data });
    };
    const mesh = meshPolicy(sem.peerAuthn);
    if (mesh) report(mesh.resource, workloads);
    const nsPolicy = namespace === sem.rootNamespace ? undefined : namespacePolicy(sem.peerAuthn, namespace);
    if (nsPolicy) report(nsPolicy.resource, workloads);
    for (const pa of sem.peerAuthn.workloadLevel.get(namespace) ?? []) report(pa.resource, workloads.filter((w) => sem.workloadPolicies(w)[0] === pa));
    const root = sem.rootNamespace;
    const policies = namespace === root ? model.namespace(root).authorizationPolicies : [...model.namespace(namespace).authorizationPolicies, ...model.namespace(root).authorizationPolicies];
    for (const ap of policies) report(ap.resource, workloadsOfPolicyIn(model, ap, root, namespace));
    return out;
  },
  reduce(evidence: readonly Evidence[]): Finding[] {
    const applies = evidence.map((e) => e.data as Applies);
    const resource = applies[0].policy;
    const all = applies.flatMap((a) => a.workloads);
    if (all.length === 0 || !all.every((w) => w.noSidecar)) return [];
    return [{
      rule: 'policy-without-sidecar',
      message: `Every workload this ${resource.kind} applies to runs without a sidecar (${listSome(all.map((w) => `${w.workload.name}: ${w.reason}`), 2)}): there is no Envoy to enforce it, so it has no effect.`,
      anchor: at(resource, ['metadata', 'name']),
      related: all.slice(0, 3).map((w) => ({ anchor: at(w.workload.resource, ['metadata', 'name']), message: `${describe(w.workload.resource)} has no sidecar` })),
    }];
  },
};
