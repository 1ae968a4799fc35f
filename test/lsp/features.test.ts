import { describe, test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionRequest, CodeLensRequest, DefinitionRequest, DocumentSymbolRequest, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { startHarness, type Harness } from '../support/lspHarness';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../support/fixtures';
import { docs } from '../support/workspace';

const APP = docs(namespace('shop', { 'istio-injection': 'enabled' }), deployment('shop', 'web'), deployment('shop', 'reviews'), service('shop', 'reviews'), peerAuthentication('shop', 'default', 'STRICT'));
const DR = destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

describe('language server features over LSP', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ 'app.yaml': APP, 'dr.yaml': DR });
    await h.open('dr.yaml', DR);
    await h.waitFor(() => (h.diagnostics.get(h.uri('dr.yaml')) ?? []).length > 0, 'diagnostics');
  });
  after(async () => h.dispose());

  test('§A5 hover on the PeerAuthentication shows the effective mode and the policy chain', async () => {
    await h.open('app.yaml', APP);
    const line = lineOf(APP, 'mode: STRICT');
    const hover = await h.client.sendRequest(HoverRequest.type, { textDocument: { uri: h.uri('app.yaml') }, position: { line, character: 8 } });
    const text = (hover?.contents as MarkupContent).value;
    assert.match(text, /PeerAuthentication `shop\/default`/);
    assert.match(text, /STRICT/);
  });

  test('§C2 quick fix round trip: the ISTIO_MUTUAL edit clears the diagnostic', async () => {
    const diagnostics = h.diagnostics.get(h.uri('dr.yaml')) ?? [];
    const d = diagnostics.find((x) => x.code === 'plaintext-to-strict');
    assert.ok(d);
    const actions = await h.client.sendRequest(CodeActionRequest.type, { textDocument: { uri: h.uri('dr.yaml') }, range: d.range, context: { diagnostics: [d] } });
    const fix = (actions ?? []).find((a) => 'edit' in a && /ISTIO_MUTUAL/.test(a.title));
    assert.ok(fix && 'edit' in fix && fix.edit?.changes, JSON.stringify(actions));
    const edits = fix.edit.changes[h.uri('dr.yaml')];
    let text = DR;
    const lines = text.split('\n');
    const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    for (const e of [...edits].sort((a, b) => off(b.range.start) - off(a.range.start))) text = text.slice(0, off(e.range.start)) + e.newText + text.slice(off(e.range.end));
    assert.match(text, /mode: ISTIO_MUTUAL/);
    await h.change('dr.yaml', text, 2);
    await h.waitFor(() => !(h.diagnostics.get(h.uri('dr.yaml')) ?? []).some((x) => x.code === 'plaintext-to-strict'), 'the diagnostic to clear');
    await h.change('dr.yaml', DR, 3);
    await h.waitFor(() => (h.diagnostics.get(h.uri('dr.yaml')) ?? []).some((x) => x.code === 'plaintext-to-strict'), 'the diagnostic to return');
  });

  test('code lens, definition and symbols answer', async () => {
    const lenses = await h.client.sendRequest(CodeLensRequest.type, { textDocument: { uri: h.uri('dr.yaml') } });
    assert.ok((lenses ?? []).length >= 1);
    const def = await h.client.sendRequest(DefinitionRequest.type, { textDocument: { uri: h.uri('dr.yaml') }, position: { line: lineOf(DR, 'host:'), character: 9 } });
    assert.ok(Array.isArray(def) && def.length === 1 && 'uri' in def[0] && def[0].uri === h.uri('app.yaml'), JSON.stringify(def));
    const symbols = await h.client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: h.uri('app.yaml') } });
    assert.equal((symbols ?? []).length, 5);
  });
});
