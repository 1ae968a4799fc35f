import type { Finding } from './finding';
import { isEvidence, type Evidence, type RuleContext, type RuleSet } from './ruleContext';
import { ALL_RULE_SETS } from './allRuleSets';

export type RuleErrorHandler = (set: RuleSet, error: unknown) => void;

/** Tells the handler; a handler that throws (describing an odd thrown value, say) does not stop the run. */
function report(onError: RuleErrorHandler | undefined, set: RuleSet, error: unknown): void {
  try {
    onError?.(set, error);
  } catch {
    // The set's findings are already left out; nothing else to do.
  }
}

/** One rule set on one namespace, isolated: a set that throws loses only its own output. */
export function mapUnit(set: RuleSet, ctx: RuleContext, namespace: string, onError?: RuleErrorHandler): ReturnType<RuleSet['map']> {
  try {
    return set.map(ctx, namespace);
  } catch (e) {
    report(onError, set, e);
    return [];
  }
}

export function reduceGroup(set: RuleSet, evidence: readonly Evidence[], ctx: RuleContext, onError?: RuleErrorHandler): Finding[] {
  if (!set.reduce) return [];
  try {
    return set.reduce(evidence, ctx);
  } catch (e) {
    report(onError, set, e);
    return [];
  }
}

export function fileFindings(set: RuleSet, ctx: RuleContext, onError?: RuleErrorHandler): Finding[] {
  if (!set.files) return [];
  try {
    return set.files(ctx);
  } catch (e) {
    report(onError, set, e);
    return [];
  }
}

/** Runs rule sets over every namespace of the model at once (the non-incremental path). */
export function runRuleSets(ctx: RuleContext, sets: readonly RuleSet[] = ALL_RULE_SETS, onError?: RuleErrorHandler): Finding[] {
  const out: Finding[] = [];
  const namespaces = ctx.model.namespaceNames();
  for (const set of sets) {
    const groups = new Map<string, Evidence[]>();
    for (const ns of namespaces) {
      for (const o of mapUnit(set, ctx, ns, onError)) {
        if (!isEvidence(o)) out.push(o);
        else {
          const list = groups.get(o.group);
          if (list) list.push(o);
          else groups.set(o.group, [o]);
        }
      }
    }
    for (const list of groups.values()) out.push(...reduceGroup(set, list, ctx, onError));
    out.push(...fileFindings(set, ctx, onError));
  }
  return out;
}
