// Helpers for code action tests: request the actions for a finding as a client would, apply
// their edits to the text, and check what must survive.
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import { editorSnapshot } from '../../../support/editor';
import type { Files } from '../../../support/workspace';
import { codeActions } from '../../../../server/src/features/codeActions/codeActions';
import type { EditorSnapshot } from '../../../../server/src/features/editorSnapshot';
import type { PresentedFinding } from '../../../../server/src/features/presentedFinding';

export const FILE = 'test.yaml';

function offsetAt(text: string, line: number, character: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) throw new Error(`line ${line} is past the end`);
    offset = nl + 1;
  }
  return offset + character;
}

/** Applies LSP text edits (all computed on `text`) the way a client does. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const spans = edits
    .map((e) => ({ start: offsetAt(text, e.range.start.line, e.range.start.character), end: offsetAt(text, e.range.end.line, e.range.end.character), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i].start >= spans[i - 1].end, 'edits must not overlap');
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.newText;
    at = s.end;
  }
  return out + text.slice(at);
}

/** The diagnostic the server publishes for a finding (code = rule id, source = the server). */
export function diagnosticOf(f: PresentedFinding): Diagnostic {
  return { range: f.range, message: f.message, code: f.rule, source: 'istio-mtls-doctor', severity: 1 };
}

export function findingsOf(files: Files | string, rule: string, file = FILE): PresentedFinding[] {
  return editorSnapshot(files).findings.filter((f) => f.rule === rule && f.file === file);
}

export interface Requested {
  readonly snapshot: EditorSnapshot;
  readonly finding: PresentedFinding;
  readonly diagnostic: Diagnostic;
  readonly actions: CodeAction[];
}

/** The actions offered at the n-th finding of a rule, with its diagnostic as context. */
export function actionsFor(files: Files | string, rule: string, n = 0, file = FILE): Requested {
  const snapshot = editorSnapshot(files);
  const list = snapshot.findings.filter((f) => f.rule === rule && f.file === file);
  const finding = list[n];
  assert.ok(finding, `expected a ${rule} finding #${n} in ${file}, got ${list.length}: ${snapshot.findings.map((f) => f.rule).join(', ')}`);
  const diagnostic = diagnosticOf(finding);
  return { snapshot, finding, diagnostic, actions: codeActions(snapshot, file, finding.range, [diagnostic]) };
}

export function quickFixes(r: Requested): CodeAction[] {
  return r.actions.filter((a) => a.kind === 'quickfix' && !a.title.startsWith('Fix all'));
}

export function editsOf(action: CodeAction, file = FILE): TextEdit[] {
  const changes = action.edit?.changes;
  assert.ok(changes, `${action.title}: a WorkspaceEdit with changes`);
  const uris = Object.keys(changes);
  assert.deepEqual(uris, [`file:///workspace/${file}`], 'edits only the diagnostic\'s file');
  return changes[uris[0]];
}

/** The text after applying an action. */
export function applied(text: string, action: CodeAction, file = FILE): string {
  return applyEdits(text, editsOf(action, file));
}

/** Every byte before `start` and after `end` of the original text is still there, in order. */
export function assertUnchangedOutside(before: string, after: string, start: number, end: number): void {
  assert.ok(after.startsWith(before.slice(0, start)), `text before offset ${start} is unchanged`);
  assert.ok(after.endsWith(before.slice(end)), `text after offset ${end} is unchanged`);
}

/** The offsets [from the line holding `fromNeedle`, to the end of the line holding `toNeedle`]. */
export function lineSpan(text: string, fromNeedle: string, toNeedle: string = fromNeedle): [number, number] {
  const a = text.indexOf(fromNeedle);
  assert.ok(a >= 0, `"${fromNeedle}" in text`);
  const b = text.indexOf(toNeedle, a);
  assert.ok(b >= 0, `"${toNeedle}" after "${fromNeedle}"`);
  const start = text.lastIndexOf('\n', a - 1) + 1;
  const nl = text.indexOf('\n', b + toNeedle.length);
  return [start, nl < 0 ? text.length : nl + 1];
}

export function assertParses(text: string): void {
  for (const d of parseAllDocuments(text)) assert.deepEqual(d.errors.map((e) => e.message), [], `parses:\n${text}`);
}

/** Every line break of a CRLF text is still CRLF. */
export function assertAllCrlf(text: string): void {
  const lone = text.split('\r\n').join('').indexOf('\n');
  assert.equal(lone, -1, 'no LF without CR');
}

export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** (a)–(c) of the brief for one action: only the expected span changed, the YAML parses, the finding is gone. */
export function assertFixes(text: string, action: CodeAction, rule: string, span: [number, number], resourceName?: string): string {
  const after = applied(text, action);
  assertUnchangedOutside(text, after, span[0], span[1]);
  assertParses(after);
  const left = findingsOf(after, rule).filter((f) => resourceName === undefined || f.resource.name === resourceName);
  assert.deepEqual(left.map((f) => f.message), [], `${rule} is gone after "${action.title}"`);
  return after;
}
