import type { Finding } from './finding';
import type { RuleContext, RuleSet } from './ruleContext';
import { ALL_RULE_SETS } from './allRuleSets';

export type RuleErrorHandler = (set: RuleSet, error: unknown) => void;

/** Runs rule sets with fault isolation: a set that throws loses only its own findings. */
export function runRuleSets(ctx: RuleContext, sets: readonly RuleSet[] = ALL_RULE_SETS, onError?: RuleErrorHandler): Finding[] {
  const out: Finding[] = [];
  for (const set of sets) {
    try {
      out.push(...set.run(ctx));
    } catch (e) {
      onError?.(set, e);
    }
  }
  return out;
}
