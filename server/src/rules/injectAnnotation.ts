import { namespaceHasInjectionLabel } from '../semantics/injection';
import { at, type Finding } from './finding';
import type { RuleContext, RuleSet } from './ruleContext';
import { nameText } from './quoteValue';

const INJECT = 'sidecar.istio.io/inject';

/** §C1, §H7: only the label opts a pod in; the annotation only opts out. */
export const injectAnnotationRules: RuleSet = {
  name: 'inject-annotation-no-opt-in',
  ids: ['inject-annotation-no-opt-in'],
  map(ctx: RuleContext, namespace: string) {
    const out: Finding[] = [];
    for (const w of ctx.model.namespace(namespace).workloads) {
      if (w.kind === 'WorkloadEntry' || w.annotations[INJECT] !== 'true' || w.alreadyInjected) continue;
      if (w.labels[INJECT] === 'true' || w.labels['istio.io/rev'] !== undefined) continue;
      const ns = ctx.model.namespace(w.namespace).namespaceObject;
      if (!ns || namespaceHasInjectionLabel(ns)) continue;
      out.push({
        rule: 'inject-annotation-no-opt-in',
        message: `The annotation ${INJECT}: "true" does not opt a pod in: namespace ${nameText(w.namespace)} has no istio-injection / istio.io/rev label, and the webhook selects pods by the ${INJECT} label. These pods get no sidecar. Use the label instead.`,
        anchor: at(w.resource, [...w.templatePath, 'metadata', 'annotations', INJECT]),
        related: [{ anchor: at(ns.resource, ['metadata', 'name']), message: `Namespace ${nameText(ns.name)} has no injection label` }],
      });
    }
    return out;
  },
};
