import { at, type Finding } from './finding';
import type { RuleContext, RuleSet } from './ruleContext';
import { describe } from './describe';
import { nameText } from './quoteValue';

/** §B5: among DestinationRules merged for one host, only the first trafficPolicy applies. */
export const duplicateDestinationRuleHostRules: RuleSet = {
  name: 'duplicate-destination-rule-host',
  ids: ['duplicate-destination-rule-host'],
  map(ctx: RuleContext, namespace: string) {
    const out: Finding[] = [];
    {
      for (const merged of ctx.sem.rulesIn(namespace).merged) {
        if (merged.selector || !merged.policyOwner) continue;
        const winner = merged.policyOwner;
        for (const loser of merged.members) {
          if (loser === winner || !loser.trafficPolicy) continue;
          out.push({
            rule: 'duplicate-destination-rule-host',
            message: `${describe(winner.resource)} is older and also sets a trafficPolicy for ${nameText(merged.host)}: Istio merges these rules and keeps only the oldest trafficPolicy, so this one (its tls included) is ignored.`,
            anchor: at(loser.resource, loser.trafficPolicy.path, 'key'),
            related: [{ anchor: at(winner.resource, winner.trafficPolicy?.path ?? ['spec', 'host'], 'key'), message: 'the trafficPolicy in force' }],
          });
        }
      }
    }
    return out;
  },
};
