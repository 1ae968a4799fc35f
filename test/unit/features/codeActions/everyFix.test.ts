// Issue 7, "Edits that never lose text": every quick fix on every fixture changes only its
// target, leaves YAML that parses, removes its diagnostic, keeps line ends, and leaves an
// action list that still applies cleanly.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver';
import { editorSnapshot } from '../../../support/editor';
import type { Files } from '../../../support/workspace';
import { codeActions } from '../../../../server/src/features/codeActions/codeActions';
import { FIXABLE_RULES } from '../../../../server/src/features/codeActions/fixesByRule';
import type { PresentedFinding } from '../../../../server/src/features/presentedFinding';
import { applyEdits, assertAllCrlf, assertParses, diagnosticOf } from './support';
import { corpus } from './corpus';

const uriOf = (path: string) => `file:///workspace/${path}`;

function editedText(files: Files, path: string, action: CodeAction): string {
  const changes = action.edit?.changes ?? {};
  assert.deepEqual(Object.keys(changes), [uriOf(path)], `${action.title}: edits only ${path}`);
  return applyEdits(files[path], changes[uriOf(path)]);
}

const sameTarget = (a: PresentedFinding, b: PresentedFinding) =>
  a.rule === b.rule && a.file === b.file && a.resource.kind === b.resource.kind && a.resource.namespace === b.resource.namespace && a.resource.name === b.resource.name;

/** Every action offered for every fixable finding of a workspace. */
function allActions(files: Files): Array<{ finding: PresentedFinding; action: CodeAction }> {
  const snapshot = editorSnapshot(files);
  return snapshot.findings
    .filter((f) => FIXABLE_RULES.includes(f.rule))
    .flatMap((finding) => codeActions(snapshot, finding.file, finding.range, [diagnosticOf(finding)]).map((action) => ({ finding, action })));
}

describe('every quick fix on every fixture', () => {
  for (const { name, files } of corpus()) {
    test(`${name}: each action is clean`, () => {
      const before = editorSnapshot(files).findings;
      const offered = allActions(files);
      const rules = new Set(offered.map((o) => o.finding.rule));
      assert.ok(offered.length > 0, 'the fixture has something to fix');
      if (name.startsWith('kitchen sink')) {
        const expected = FIXABLE_RULES.filter((r) => r !== 'auto-mtls-off-plaintext');
        assert.deepEqual(expected.filter((r) => !rules.has(r)), [], 'every fixable rule is exercised');
      }
      for (const { finding, action } of offered) {
        const path = finding.file;
        const text = editedText(files, path, action);
        const label = `${name} / ${finding.rule} / ${action.title}`;
        assertParses(text);
        if (files[path].includes('\r\n')) assertAllCrlf(text);
        const after = editorSnapshot({ ...files, [path]: text }).findings;
        if (action.kind === 'source.fixAll.istio-mtls-doctor') {
          const fixable = (list: readonly PresentedFinding[]) => list.filter((f) => f.file === path && FIXABLE_RULES.includes(f.rule)).length;
          assert.ok(fixable(after) < fixable(before), `${label}: fewer fixable findings in ${path}`);
          continue;
        }
        const targetBefore = before.filter((f) => sameTarget(f, finding)).length;
        const targetAfter = after.filter((f) => sameTarget(f, finding)).length;
        assert.ok(targetAfter < targetBefore, `${label}: the finding is gone (${targetBefore} -> ${targetAfter})`);
        // The action list offered after the fix still applies cleanly.
        const next = { ...files, [path]: text };
        for (const o of allActions(next)) assertParses(editedText(next, o.finding.file, o.action));
      }
    });
  }
});
