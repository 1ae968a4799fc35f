// The range a completion replaces: on the cursor's line, holding the cursor, never the line
// break, with the line breaks the editor counts (`\n`, `\r\n`, and a lone `\r`).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, Range } from 'vscode-languageserver';
import { editorSnapshot } from '../../../support/editor';
import { docs } from '../../../support/workspace';
import { deployment, service } from '../../../support/fixtures';
import { completionsAt } from '../../../../server/src/features/navigation/completion';
import { clampToCursorLine, cursorOffset, lineEndAt, lineStartAt } from '../../../../server/src/features/navigation/lineBounds';

const apps = docs(deployment('shop', 'reviews', { labels: { app: 'reviews' } }), service('shop', 'reviews'));
const CURSOR = '|';

/** Completions at the `|` of `doc`, the document written with `eol` line breaks. */
function complete(doc: string, eol = '\n'): { items: CompletionItem[]; text: string; offset: number } {
  const withEol = doc.replace(/\n/g, eol);
  const offset = withEol.indexOf(CURSOR);
  const text = withEol.slice(0, offset) + withEol.slice(offset + 1);
  const snapshot = editorSnapshot({ 'apps.yaml': apps, 'edit.yaml': text });
  return { items: completionsAt(snapshot, 'edit.yaml', offset, text), text, offset };
}

const rangeOf = (item: CompletionItem): Range => {
  const edit = item.textEdit;
  assert.ok(edit && 'range' in edit);
  return edit.range;
};

/** Offset of an LSP position with LSP line breaks. */
function offsetAt(text: string, p: { line: number; character: number }): number {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  return starts[p.line] + p.character;
}

/** The text with the item's edit applied. */
function applied(text: string, item: CompletionItem): string {
  const r = rangeOf(item);
  const edit = item.textEdit as { newText: string };
  return text.slice(0, offsetAt(text, r.start)) + edit.newText + text.slice(offsetAt(text, r.end));
}

function assertHoldsCursor(text: string, offset: number, item: CompletionItem): void {
  const r = rangeOf(item);
  assert.equal(r.start.line, r.end.line, 'a single line');
  const [start, end] = [offsetAt(text, r.start), offsetAt(text, r.end)];
  assert.ok(start <= offset && offset <= end, `range ${start}..${end} holds the cursor ${offset}`);
  assert.ok(!/[\r\n]/.test(text.slice(start, end)), 'no line break in the range');
}

const pa = (body: string) => `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: p\n  namespace: shop\nspec:\n${body}`;
const dr = (body: string) => `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: d\n  namespace: shop\nspec:\n${body}`;

describe('completion ranges', () => {
  test('the cursor just before an opening quote: the quoted value is replaced, the range is not inverted', () => {
    const { items, text, offset } = complete(dr('  host: reviews\n  trafficPolicy:\n    tls:\n      mode: |"SIMPLE"\n'));
    const strict = items.find((i) => i.label === 'ISTIO_MUTUAL');
    assert.ok(strict, JSON.stringify(items.map((i) => i.label)));
    assertHoldsCursor(text, offset, strict);
    assert.ok(applied(text, strict).includes('      mode: ISTIO_MUTUAL\n'), applied(text, strict));
  });

  test('the cursor just before a quote of a flow-style value', () => {
    const { items, text, offset } = complete(pa('  mtls: {mode: |"STRICT"}\n'));
    for (const item of items) assertHoldsCursor(text, offset, item);
    const disable = items.find((i) => i.label === 'DISABLE');
    assert.ok(disable);
    assert.ok(applied(text, disable).includes('mtls: {mode: DISABLE}'), applied(text, disable));
  });

  test('inside quotes, the opening quote stays', () => {
    const { items, text } = complete(pa('  mtls:\n    mode: "ST|"\n'));
    assert.ok(applied(text, items.find((i) => i.label === 'STRICT')!).includes('    mode: "STRICT"\n'));
  });

  for (const [name, eol] of [['CRLF', '\r\n'], ['lone CR', '\r']] as const) {
    test(`${name} line breaks: the edit lands on the cursor's line and keeps the line break`, () => {
      const { items, text, offset } = complete(pa('  mtls:\n    mode: ST|RI\n  portLevelMtls: {}\n'), eol);
      const strict = items.find((i) => i.label === 'STRICT');
      assert.ok(strict, `${name}: ${JSON.stringify(items.map((i) => i.label))}`);
      assertHoldsCursor(text, offset, strict);
      assert.equal(rangeOf(strict).start.line, 7);
      assert.equal(applied(text, strict), text.replace('mode: STRI', 'mode: STRICT'));
    });
    test(`${name} line breaks: a value at the end of its line, and a new label key`, () => {
      const end = complete(dr('  host: rev|\n  trafficPolicy: {}\n'), eol);
      const reviews = end.items.find((i) => i.label === 'reviews');
      assert.ok(reviews, `${name}: ${JSON.stringify(end.items.map((i) => i.label))}`);
      assertHoldsCursor(end.text, end.offset, reviews);
      assert.equal(applied(end.text, reviews), end.text.replace('host: rev', 'host: reviews'));
      const key = complete(pa('  selector:\n    matchLabels:\n      ap|\n  mtls: {mode: STRICT}\n'), eol);
      const label = key.items.find((i) => i.label === 'app: reviews');
      assert.ok(label, `${name}: ${JSON.stringify(key.items.map((i) => i.label))}`);
      assertHoldsCursor(key.text, key.offset, label);
      assert.equal(applied(key.text, label), key.text.replace('      ap', '      app: reviews'));
    });
  }

  test('a cursor between the \\r and \\n of a line break completes at the end of the line', () => {
    const text = pa('  mtls:\n    mode: STRI\n').replace(/\n/g, '\r\n');
    const offset = text.indexOf('STRI') + 5;
    assert.equal(text[offset], '\n');
    const snapshot = editorSnapshot({ 'apps.yaml': apps, 'edit.yaml': text });
    const strict = completionsAt(snapshot, 'edit.yaml', offset, text).find((i) => i.label === 'STRICT');
    assert.ok(strict);
    assertHoldsCursor(text, offset - 1, strict);
    assert.equal(applied(text, strict), text.replace('mode: STRI', 'mode: STRICT'));
  });

  test('at every offset of documents with each line break style, every range holds the cursor on its line', () => {
    const documents = [
      pa('  selector:\n    matchLabels:\n      app: "reviews"\n  mtls: {mode: "STRICT"}\n  portLevelMtls:\n    "8080":\n      mode: \'PERMISSIVE\'\n'),
      dr('  host: "reviews"\n  trafficPolicy:\n    tls: {mode: ISTIO_MUTUAL}\n  subsets:\n  - name: v1\n    trafficPolicy:\n      tls:\n        mode: "SIMPLE" # note\n'),
      dr('  host: re\n    views\n  trafficPolicy:\n    tls:\n      mode: DIS\n        ABLE\n'),
    ];
    for (const eol of ['\n', '\r\n', '\r']) {
      for (const doc of documents) {
        const text = doc.replace(/\n/g, eol);
        const snapshot = editorSnapshot({ 'apps.yaml': apps, 'edit.yaml': text });
        for (let offset = 0; offset <= text.length; offset++) {
          const cursor = text[offset - 1] === '\r' && text[offset] === '\n' ? offset - 1 : offset;
          for (const item of completionsAt(snapshot, 'edit.yaml', offset, text)) assertHoldsCursor(text, cursor, item);
        }
      }
    }
  });

  test('line bounds with every line break', () => {
    const text = 'ab\r\ncd\ref\ngh';
    assert.deepEqual([lineStartAt(text, 5), lineEndAt(text, 5)], [4, 6]);
    assert.deepEqual([lineStartAt(text, 8), lineEndAt(text, 8)], [7, 9]);
    assert.deepEqual([lineStartAt(text, 1), lineEndAt(text, 1)], [0, 2]);
    assert.equal(cursorOffset(text, 3), 2);
    assert.equal(cursorOffset(text, 99), text.length);
    assert.equal(cursorOffset(text, -1), 0);
    assert.deepEqual(clampToCursorLine(text, 5, [6, 5]), [5, 5]);
    assert.deepEqual(clampToCursorLine(text, 5, [0, 99]), [4, 6]);
  });
});
