import { test } from 'node:test';
import { readFileSync, writeFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { renderTree } from '../../../client/src/cluster/tree/treeText';
import { demoMesh } from '../support/demoMesh';
import { childrenAt } from '../support/fakeAccess';
import { treeHarness } from '../support/treeHarness';

test('contexts are listed without a single request; an unreachable context shows why, where it is', async () => {
  const h = await treeHarness(demoMesh(), { extraContexts: [{ name: 'offline', server: 'https://127.0.0.1:1' }] });
  try {
    const roots = await h.model.children();
    assert.deepEqual(roots.map((r) => r.view().label), ['stand-in', 'offline']);
    assert.equal(h.api.seen.length, 0, 'listing contexts reads the kubeconfig only');
    const offline = await childrenAt(h.model, 'offline');
    assert.equal(offline.length, 1);
    assert.match(offline[0].view().label, /^cannot reach https:\/\/127\.0\.0\.1:1: connect ECONNREFUSED 127\.0\.0\.1:1$/);
    assert.equal(offline[0].view().status, 'error');
    assert.equal(h.api.seen.length, 0);
  } finally {
    await h.close();
  }
});

test('credentials the cluster rejects: one error under the context', async () => {
  const h = await treeHarness(demoMesh());
  try {
    // The stand-in accepts one token; a kubeconfig with another one is rejected with 401.
    writeFileSync(h.kubeconfig, readFileSync(h.kubeconfig, 'utf8').replace(/token: .*/, 'token: expired-token'));
    h.model.refresh();
    const text = await renderTree(h.model, { maxDepth: 2 });
    assert.match(text, /\n {2}✗ unauthorized: the cluster rejected the credentials of this context \(expired token\?\)$/);
  } finally {
    await h.close();
  }
});
