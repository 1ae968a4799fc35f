import type { Resource } from '../model/resource';
import type { Selector } from '../model/kinds/labels';
import { isEmptySelector } from '../model/kinds/labels';
import { selectorMatches } from '../semantics/labelMatch';
import { at, type Finding } from './finding';
import type { RuleContext, RuleSet } from './ruleContext';

function labelsText(s: Selector): string {
  return Object.entries(s.matchLabels).map(([k, v]) => `${k}=${v}`).join(', ');
}

/** §A1, §B4, §D2: selectors that pick no workload, so the policy silently does nothing. */
export const selectorMatchesNothingRules: RuleSet = {
  name: 'selector-matches-nothing',
  ids: ['selector-matches-nothing'],
  run(ctx: RuleContext) {
    const { model, sem } = ctx;
    const out: Finding[] = [];
    const check = (resource: Resource, selector: Selector | undefined, what: string, acrossNamespaces: boolean) => {
      if (!selector || isEmptySelector(selector)) return;
      const pool = acrossNamespaces ? model.workloads : (model.workloadsByNamespace.get(resource.namespace) ?? []);
      if (pool.length === 0) return;
      if (pool.some((w) => selectorMatches(selector.matchLabels, w.labels))) return;
      const where = acrossNamespaces ? 'in any namespace of the workspace' : `in namespace ${resource.namespace}`;
      out.push({
        rule: 'selector-matches-nothing',
        message: `No workload ${where} has the labels ${labelsText(selector)} (the selector's labels must all be on the pod template): ${what}`,
        anchor: at(resource, selector.path, 'key'),
        related: [],
      });
    };
    for (const pa of model.peerAuthentications) check(pa.resource, pa.selector, 'this PeerAuthentication applies to nothing, and the pods keep the namespace or mesh mode.', false);
    for (const ap of model.authorizationPolicies) {
      check(ap.resource, ap.selector, 'this AuthorizationPolicy applies to nothing.', ap.namespace === sem.rootNamespace);
    }
    for (const dr of model.destinationRules) check(dr.resource, dr.workloadSelector, 'no client proxy uses this DestinationRule.', false);
    return out;
  },
};
