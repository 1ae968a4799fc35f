import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cellIndex, escapeHtml, meshMapBody, meshMapDocument } from '../../../client/src/meshMap/meshMapHtml';
import type { MeshMap } from '../../../protocol/src/meshMap';

const loc = (label: string, line: number) => ({ uri: 'file:///w/a.yaml', range: { start: { line, character: 2 }, end: { line, character: 6 } }, label });
const map: MeshMap = {
  rows: [{ id: 'shop', namespace: 'shop', workloads: ['cart', 'web'] }, { id: 'web', namespace: 'web', workloads: ['frontend'] }],
  columns: [
    { id: 'c1', host: 'cart.shop.svc.cluster.local', namespace: 'shop', label: 'cart:8080', port: 8080, kind: 'Service', location: loc('Service shop/cart', 1) },
    { id: 'c2', host: 'api.stripe.com', namespace: 'shop', label: 'api.stripe.com:443', port: 443, kind: 'ServiceEntry' },
  ],
  cells: [
    { row: 'shop', column: 'c1', verdict: 'fails', reason: 'fails (§C2): sends plaintext <script>alert(1)</script>', tlsInForce: 'DISABLE', location: loc('DestinationRule shop/cart', 9), related: [loc('PeerAuthentication shop/default', 3)] },
    { row: 'web', column: 'c1', verdict: 'mtls', reason: 'mTLS: Istio mTLS to a STRICT sidecar', tlsInForce: 'auto mTLS', related: [] },
  ],
};

describe('mesh map webview HTML', () => {
  test('a content security policy with a nonce, no remote resources, theme colours', () => {
    const html = meshMapDocument(map, { nonce: 'abc123', cspSource: 'vscode-webview://x', analysis: 4 });
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src vscode-webview:\/\/x data:; style-src 'nonce-abc123'; script-src 'nonce-abc123';">/);
    assert.doesNotMatch(html, /(src|href)="https?:/);
    assert.doesNotMatch(html, /<script(?![^>]*nonce="abc123")(?![^>]*type="application\/json")/);
    assert.match(html, /var\(--vscode-testing-iconFailed/);
    assert.match(html, /data-analysis="4"/);
  });

  test('cells are buttons in a grid, coloured by verdict, with the reason on hover and for screen readers', () => {
    const body = meshMapBody(map);
    assert.match(body, /<table role="grid"/);
    assert.match(body, /<td role="gridcell" class="fails"><button class="cell fails" data-r="0" data-c="0"/);
    assert.match(body, /title="shop → shop\/cart:8080: fails&#10;|title="shop → shop\/cart:8080: fails\n/);
    assert.match(body, /aria-label="shop → shop\/cart:8080: fails\. fails \(§C2\)/);
    assert.match(body, /Click to open DestinationRule shop\/cart/);
    // A pair that has no cell (web cannot reach the ServiceEntry) is a focusable placeholder, not a button.
    assert.match(body, /<span class="none" data-r="1" data-c="1" tabindex="-1" aria-label="web to api\.stripe\.com:443: not reachable">/);
    assert.match(body, /data-count="fails">1</);
  });

  test('text from the workspace is escaped, in the table and in the details JSON', () => {
    const body = meshMapBody(map);
    assert.doesNotMatch(body, /<script>alert/);
    assert.match(body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    const json = /<script type="application\/json" id="cell-data">(.*)<\/script>/.exec(body)?.[1] ?? '';
    assert.doesNotMatch(json, /</);
    const details = JSON.parse(json) as Record<string, { reason: string; links: string[] }>;
    assert.equal(details['0:0'].reason, map.cells[0].reason);
    assert.deepEqual(details['0:0'].links, ['DestinationRule shop/cart', 'PeerAuthentication shop/default']);
    assert.equal(escapeHtml(`"'&<>`), '&quot;&#39;&amp;&lt;&gt;');
  });

  test('cellIndex maps grid positions (what the page posts back) to cells', () => {
    const { grid } = cellIndex(map);
    assert.equal(grid[0][0]?.location?.label, 'DestinationRule shop/cart');
    assert.equal(grid[1][0]?.verdict, 'mtls');
    assert.equal(grid[1][1], undefined);
  });

  test('an empty workspace says what the map would show', () => {
    assert.match(meshMapBody({ rows: [], columns: [], cells: [] }), /No injected client workloads in the workspace/);
  });
});
