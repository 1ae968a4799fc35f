// "Fix all": the preferred fixes of several findings of a file, combined into one edit list.
import type { EditorSnapshot } from '../editorSnapshot';
import type { Fix, FixInput } from './fix';
import { fixInput, type LocatedFinding } from './findingInputs';
import { FIXES_BY_RULE } from './fixesByRule';
import { normalizeEdits, type OffsetEdit } from './offsetEdit';

export interface CombinedFix {
  readonly edits: OffsetEdit[];
  /** How many findings the edits fix. */
  readonly fixed: number;
}

function inputsOf(snapshot: EditorSnapshot, path: string, located: readonly LocatedFinding[]): FixInput[] {
  return located.map((l) => fixInput(snapshot, path, l.finding)).filter((i): i is FixInput => i !== undefined);
}

/**
 * The preferred fix of each finding, in order, skipping one whose edits would overlap the ones
 * already taken, and counting a fix identical to one already taken (two rules on one block) once.
 */
function combine(inputs: readonly FixInput[]): CombinedFix {
  let edits: OffsetEdit[] = [];
  const seen = new Set<string>();
  let fixed = 0;
  for (const input of inputs) {
    const fix: Fix | undefined = FIXES_BY_RULE.get(input.finding.rule)?.build(input).find((f) => f.preferred);
    const own = fix && normalizeEdits(fix.edits);
    if (!own || own.length === 0) continue;
    const key = JSON.stringify(own);
    if (seen.has(key)) {
      fixed++;
      continue;
    }
    const together = normalizeEdits([...edits, ...own]);
    if (!together) continue;
    seen.add(key);
    edits = together;
    fixed++;
  }
  return { edits, fixed };
}

/** Every finding of one rule in the file; undefined unless at least two are fixed together. */
export function fixAllOfRule(snapshot: EditorSnapshot, path: string, rule: string, located: readonly LocatedFinding[]): CombinedFix | undefined {
  const fixes = FIXES_BY_RULE.get(rule);
  const inputs = inputsOf(snapshot, path, located.filter((l) => l.finding.rule === rule));
  if (!fixes || inputs.length < 2) return undefined;
  if (fixes.batch) {
    const fix = fixes.batch(inputs);
    const edits = fix && normalizeEdits(fix.edits);
    return edits && edits.length ? { edits, fixed: inputs.length } : undefined;
  }
  const combined = combine(inputs);
  return combined.fixed >= 2 ? combined : undefined;
}

/** `source.fixAll`: the findings whose fixes only edit values (safe unattended, e.g. on save). */
export function fixAllUnattended(snapshot: EditorSnapshot, path: string, located: readonly LocatedFinding[]): CombinedFix | undefined {
  const inputs = inputsOf(snapshot, path, located.filter((l) => FIXES_BY_RULE.get(l.finding.rule)?.unattended));
  const combined = combine(inputs);
  return combined.fixed > 0 && combined.edits.length > 0 ? combined : undefined;
}
