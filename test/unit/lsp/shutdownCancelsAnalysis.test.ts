// `shutdown` clears the language server's debounce timer: a change scheduled just before it is
// never analysed or published afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ShutdownRequest } from 'vscode-languageserver-protocol/node';
import { startTestServer } from '../../robustness/support/server';
import { destinationRule, namespace } from '../../support/fixtures';
import { docs } from '../../support/workspace';

test('a change debounced before shutdown is not analysed after it', { timeout: 30_000 }, async () => {
  const server = await startTestServer({ 'app.yaml': docs(namespace('shop')) }, { server: { debounceMs: 150 } });
  try {
    await server.settle();
    const before = server.session.analysisCount;
    let published = 0;
    server.client.onNotification('istioMtlsDoctor/modelChanged', () => { published++; });
    await server.open('dr.yaml', destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n'));
    await server.client.sendRequest(ShutdownRequest.type);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(server.session.analysisCount, before, 'no analysis ran after shutdown');
    assert.equal(published, 0, 'nothing was published after shutdown');
  } finally {
    await server.dispose();
  }
});
