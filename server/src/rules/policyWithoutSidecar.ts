import type { Resource } from '../model/resource';
import type { Workload } from '../model/kinds/workload';
import { workloadsOfPolicyIn } from '../semantics/authorization';
import { meshPolicy, namespacePolicy } from '../semantics/peerAuthnScopes';
import { at, type Finding } from './finding';
import type { Evidence, RuleContext, RuleOutput, RuleSet } from './ruleContext';
import { describe, listSome } from './describe';
import { nameText } from './quoteValue';

/** What one namespace says about a policy: a summary, so a mesh-wide policy reduces cheaply. */
interface Applies {
  readonly policy: Resource;
  /** Workloads of the namespace the policy applies to. */
  readonly count: number;
  readonly someHaveSidecar: boolean;
  /** The first few workloads without a sidecar, with the reason. */
  readonly samples: ReadonlyArray<{ readonly workload: Workload; readonly reason: string }>;
}

const SAMPLES = 3;

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
      const samples: Array<{ workload: Workload; reason: string }> = [];
      let someHaveSidecar = false;
      for (const w of applies) {
        const verdict = sem.injection(w);
        if (verdict.injected !== 'no') {
          someHaveSidecar = true;
          break;
        }
        if (samples.length < SAMPLES) samples.push({ workload: w, reason: verdict.reason });
      }
      const data: Applies = { policy, count: applies.length, someHaveSidecar, samples: someHaveSidecar ? [] : samples };
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
    const total = applies.reduce((n, a) => n + a.count, 0);
    if (total === 0 || applies.some((a) => a.someHaveSidecar)) return [];
    const samples = applies.flatMap((a) => a.samples);
    const shown = samples.slice(0, 2).map((w) => `${nameText(w.workload.name)}: ${w.reason}`);
    const list = total > shown.length ? `${shown.join(', ')} and ${total - shown.length} more` : listSome(shown, 2);
    return [{
      rule: 'policy-without-sidecar',
      message: `Every workload this ${nameText(resource.kind)} applies to runs without a sidecar (${list}): there is no Envoy to enforce it, so it has no effect.`,
      anchor: at(resource, ['metadata', 'name']),
      related: samples.slice(0, SAMPLES).map((w) => ({ anchor: at(w.workload.resource, ['metadata', 'name']), message: `${describe(w.workload.resource)} has no sidecar` })),
    }];
  },
};
