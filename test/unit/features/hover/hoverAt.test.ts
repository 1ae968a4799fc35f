import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { editorSnapshot, offsetOf } from '../../../support/editor';
import { docs } from '../../../support/workspace';
import { deployment, namespace, peerAuthentication } from '../../../support/fixtures';
import { hoverAt } from '../../../../server/src/features/hover/hoverAt';

const text = docs(
  '# just a comment\nfoo: bar\n',
  namespace('shop', { 'istio-injection': 'enabled' }),
  deployment('shop', 'app'),
  peerAuthentication('shop', 'default', 'STRICT'),
  'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs, namespace: shop}\nspec:\n  hosts: [app]\n',
);
const snapshot = editorSnapshot({ 'a.yaml': text });

describe('hoverAt dispatch', () => {
  test('outside any resource (a document without kind), on kinds without a hover, and for unknown files: null', () => {
    assert.equal(hoverAt(snapshot, 'a.yaml', offsetOf(text, 'foo: bar')), null);
    assert.equal(hoverAt(snapshot, 'a.yaml', offsetOf(text, 'kind: Namespace')), null);
    assert.equal(hoverAt(snapshot, 'a.yaml', offsetOf(text, 'kind: VirtualService')), null);
    assert.equal(hoverAt(snapshot, 'missing.yaml', 0), null);
  });

  test('§A5 a PeerAuthentication hover is Markdown, with the range of the hovered key', () => {
    const h = hoverAt(snapshot, 'a.yaml', offsetOf(text, 'mtls:', 0, 2));
    assert.ok(h && typeof h.contents === 'object' && 'kind' in h.contents && h.contents.kind === 'markdown');
    const line = text.slice(0, offsetOf(text, 'mtls:')).split('\n').length - 1;
    assert.deepEqual(h.range, { start: { line, character: 2 }, end: { line, character: 6 } });
  });
});
