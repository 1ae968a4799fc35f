import type { RuleSet } from './ruleContext';

/** Every rule set of the catalogue, in the order they run. */
export const ALL_RULE_SETS: readonly RuleSet[] = [];
