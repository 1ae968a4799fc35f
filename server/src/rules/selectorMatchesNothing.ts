import type { Resource } from '../model/resource';
import type { Selector } from '../model/kinds/labels';
import { isEmptySelector } from '../model/kinds/labels';
import { selectorMatches } from '../semantics/labelMatch';
import { at, type Finding } from './finding';
import type { Evidence, RuleContext, RuleOutput, RuleSet } from './ruleContext';
import type { AuthorizationPolicyObject } from '../model/kinds/authorizationPolicy';
import { nameText, SHOWN_CHARACTERS } from './quoteValue';

/** `app=web, version=v1`: the first few labels, each bounded, and how many more. */
function labelsText(s: Selector): string {
  const labels = Object.entries(s.matchLabels);
  const shown = labels.slice(0, MAX_LABELS).map(([k, v]) => `${nameText(k, SHOWN_CHARACTERS)}=${nameText(v, SHOWN_CHARACTERS)}`);
  return shown.join(', ') + (labels.length > MAX_LABELS ? ` and ${labels.length - MAX_LABELS} more` : '');
}

const MAX_LABELS = 5;

interface RootSelectorEvidence {
  readonly kind: 'candidate' | 'match' | 'workloads';
  readonly ap: AuthorizationPolicyObject;
}

/** §A1, §B4, §D2: selectors that pick no workload, so the policy silently does nothing. */
export const selectorMatchesNothingRules: RuleSet = {
  name: 'selector-matches-nothing',
  ids: ['selector-matches-nothing'],
  map(ctx: RuleContext, namespace: string) {
    const { model, sem } = ctx;
    const out: RuleOutput[] = [];
    const bucket = model.namespace(namespace);
    const check = (resource: Resource, selector: Selector | undefined, what: string) => {
      if (!selector || isEmptySelector(selector)) return;
      const pool = bucket.workloads;
      if (pool.length === 0 || pool.some((w) => selectorMatches(selector.matchLabels, w.labels))) return;
      out.push(finding(resource, selector, `in namespace ${nameText(resource.namespace)}`, what));
    };
    const root = sem.rootNamespace;
    for (const pa of bucket.peerAuthentications) check(pa.resource, pa.selector, 'this PeerAuthentication applies to nothing, and the pods keep the namespace or mesh mode.');
    for (const ap of bucket.authorizationPolicies) if (ap.namespace !== root) check(ap.resource, ap.selector, 'this AuthorizationPolicy applies to nothing.');
    for (const dr of bucket.destinationRules) check(dr.resource, dr.workloadSelector, 'no client proxy uses this DestinationRule.');
    // §D2: a selector in the root namespace selects in every namespace; each namespace says
    // whether it has workloads and whether one matches, and `reduce` decides.
    for (const ap of model.namespace(root).authorizationPolicies) {
      if (!ap.selector || isEmptySelector(ap.selector)) continue;
      const evidence = (kind: RootSelectorEvidence['kind']) => out.push({ rule: 'selector-matches-nothing', group: `root|${ap.resource.id}`, data: { kind, ap } });
      if (namespace === root) evidence('candidate');
      if (bucket.workloads.length) evidence('workloads');
      const selector = ap.selector;
      if (bucket.workloads.some((w) => selectorMatches(selector.matchLabels, w.labels))) evidence('match');
    }
    return out;
  },
  reduce(evidence: readonly Evidence[]) {
    const ev = evidence.map((e) => e.data as RootSelectorEvidence);
    const ap = ev[0].ap;
    const has = (k: RootSelectorEvidence['kind']) => ev.some((e) => e.kind === k);
    if (!ap.selector || !has('candidate') || !has('workloads') || has('match')) return [];
    return [finding(ap.resource, ap.selector, 'in any namespace of the workspace', 'this AuthorizationPolicy applies to nothing.')];
  },
};

function finding(resource: Resource, selector: Selector, where: string, what: string): Finding {
  return {
    rule: 'selector-matches-nothing',
    message: `No workload ${where} has the labels ${labelsText(selector)} (the selector's labels must all be on the pod template): ${what}`,
    anchor: at(resource, selector.path, 'key'),
    related: [],
  };
}
