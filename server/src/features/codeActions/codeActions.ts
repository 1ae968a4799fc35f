// Quick fixes for the diagnostics of one file: pure, snapshot and diagnostics in, LSP code actions
// out. Each action is a minimal set of range edits on the analysed text (textEdits.ts).
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver';
import type { EditorSnapshot } from '../editorSnapshot';
import { fixAllOfRule, fixAllUnattended } from './fixAll';
import { fixableFindings, fixInput, rangeKey, type LocatedFinding } from './findingInputs';
import { FIXES_BY_RULE } from './fixesByRule';
import { workspaceEdit } from './lspEdits';
import { normalizeEdits } from './offsetEdit';

import { DIAGNOSTIC_SOURCE } from '../diagnostics';

export { DIAGNOSTIC_SOURCE };
export const QUICK_FIX_KIND = 'quickfix';
export const FIX_ALL_KIND = 'source.fixAll.istio-mtls-doctor';

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function intersects(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function ruleOf(d: Diagnostic): string | undefined {
  if (d.source !== undefined && d.source !== DIAGNOSTIC_SOURCE) return undefined;
  return d.code === undefined ? undefined : String(d.code);
}

/** The finding a diagnostic shows: same rule and range (and message, when several share them). */
function findingOf(located: readonly LocatedFinding[], rule: string, d: Diagnostic): LocatedFinding | undefined {
  const key = rangeKey(d.range);
  const same = located.filter((l) => l.finding.rule === rule && rangeKey(l.range) === key);
  return same.find((l) => l.message === d.message) ?? same[0];
}

/** Collects actions, merging identical ones offered for several diagnostics (two rules on one tls block). */
class ActionList {
  private readonly byKey = new Map<string, CodeAction>();

  add(key: string, action: CodeAction): void {
    const existing = this.byKey.get(key);
    if (!existing) {
      this.byKey.set(key, action);
      return;
    }
    for (const d of action.diagnostics ?? []) if (!existing.diagnostics?.includes(d)) existing.diagnostics = [...(existing.diagnostics ?? []), d];
    if (action.isPreferred) existing.isPreferred = true;
  }

  get list(): CodeAction[] {
    return [...this.byKey.values()];
  }
}

/**
 * The code actions for the diagnostics the client sent (those of this server, overlapping `range`):
 * each diagnostic's fixes, then "fix all <rule>" where several findings of its rule are in the
 * file, then the `source.fixAll` action.
 */
export function codeActions(snapshot: EditorSnapshot, path: string, range: Range, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const file = snapshot.file(path);
  if (!file || snapshot.text(path) === undefined) return [];
  const located = fixableFindings(snapshot, path);
  if (located.length === 0) return [];
  const actions = new ActionList();
  const byRule = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const rule = ruleOf(d);
    const fixes = rule && FIXES_BY_RULE.get(rule);
    if (!rule || !fixes || !intersects(d.range, range)) continue;
    const match = findingOf(located, rule, d);
    const input = match && fixInput(snapshot, path, match.finding);
    if (!input) continue;
    byRule.set(rule, [...(byRule.get(rule) ?? []), d]);
    for (const fix of fixes.build(input)) {
      const edits = normalizeEdits(fix.edits);
      if (!edits || edits.length === 0) continue;
      actions.add(`${fix.title}|${JSON.stringify(edits)}`, {
        title: fix.title,
        kind: QUICK_FIX_KIND,
        diagnostics: [d],
        ...(fix.preferred ? { isPreferred: true } : {}),
        edit: workspaceEdit(snapshot, path, file, edits),
      });
    }
  }
  const out = actions.list;
  for (const [rule, diags] of byRule) {
    const all = fixAllOfRule(snapshot, path, rule, located);
    if (all) out.push({ title: `Fix all ${rule} in this file (${all.fixed})`, kind: QUICK_FIX_KIND, diagnostics: diags, edit: workspaceEdit(snapshot, path, file, all.edits) });
  }
  const source = fixAllAction(snapshot, path, located);
  if (source) out.push(source);
  return out;
}

/** The `source.fixAll.istio-mtls-doctor` action alone (for `context.only`, e.g. fix on save). */
export function fixAllAction(snapshot: EditorSnapshot, path: string, located: readonly LocatedFinding[] = fixableFindings(snapshot, path)): CodeAction | undefined {
  const file = snapshot.file(path);
  const all = file && fixAllUnattended(snapshot, path, located);
  if (!file || !all) return undefined;
  return { title: `Fix all auto-fixable Istio mTLS problems in this file (${all.fixed})`, kind: FIX_ALL_KIND, edit: workspaceEdit(snapshot, path, file, all.edits) };
}
