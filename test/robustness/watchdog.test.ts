// Issue 7 "Fault isolation": a watchdog feeds 1,000 rapid edits through the language server and
// checks that the heap returns to its baseline after garbage collection (no document, parse,
// snapshot or diagnostics kept per edit), that the last edit wins, and that nothing is left
// unhandled.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startTestServer, type TestServer } from './support/server';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../support/fixtures';
import { docs } from '../support/workspace';

// `node --expose-gc` without a child process: each test file runs in its own process.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const APP = docs(namespace('shop', { 'istio-injection': 'enabled' }), deployment('shop', 'web'), deployment('shop', 'reviews'), service('shop', 'reviews'), peerAuthentication('shop', 'default', 'STRICT'));
const dr = (i: number) => destinationRule('shop', 'reviews', 'reviews', `  trafficPolicy:\n    tls:\n      mode: ${i % 2 ? 'DISABLE' : 'ISTIO_MUTUAL'}\n  # edit ${i} ${'x'.repeat(i % 97)}\n`);

async function heapAfterGc(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  return process.memoryUsage().heapUsed;
}

const servers: TestServer[] = [];
after(async () => {
  for (const s of servers) await s.dispose();
});

test('1,000 rapid edits: the heap returns near its baseline after GC, the last version is what is published, nothing unhandled', { timeout: 120_000 }, async (t) => {
  const unhandled: string[] = [];
  const onRejection = (e: unknown) => unhandled.push(String(e));
  process.on('unhandledRejection', onRejection);
  try {
    const server = await startTestServer({ 'app.yaml': APP });
    servers.push(server);
    await server.open('dr.yaml', dr(0), 1);
    // Warm up (JIT, caches that are meant to exist), then measure.
    for (let v = 2; v <= 100; v++) await server.change('dr.yaml', dr(v), v);
    await server.settle();
    const baseline = await heapAfterGc();
    const analysesBefore = server.session.analysisCount;
    let version = 100;
    for (let i = 1; i <= 1000; i++) {
      version++;
      // Fire and forget, as an editor does while someone types; a request now and then.
      void server.change('dr.yaml', dr(version), version);
      if (i % 50 === 0) void server.hover('dr.yaml', { line: 9, character: 12 });
      if (i % 100 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    // Odd version: DISABLE, which is an error.
    if (version % 2 === 0) {
      version++;
      await server.change('dr.yaml', dr(version), version);
    }
    await server.settle();
    assert.ok(server.rules('dr.yaml').includes('plaintext-to-strict'), 'the last edit (DISABLE) is what is published');
    const analyses = server.session.analysisCount - analysesBefore;
    const after = await heapAfterGc();
    const growthMb = (after - baseline) / 1024 / 1024;
    t.diagnostic(`heap after GC: ${(baseline / 1024 / 1024).toFixed(1)} MB before, ${(after / 1024 / 1024).toFixed(1)} MB after 1,000 edits; ${analyses} analyses`);
    assert.ok(growthMb < 15, `heap grew by ${growthMb.toFixed(1)} MB over 1,000 edits (${(baseline / 1024 / 1024).toFixed(1)} -> ${(after / 1024 / 1024).toFixed(1)} MB, ${analyses} analyses)`);
    assert.equal(server.session.documents.all().length, 1, 'one open document');
    assert.deepEqual(unhandled, []);
    assert.deepEqual(server.logs.filter((l) => l.type === 1).map((l) => l.message), []);
  } finally {
    process.off('unhandledRejection', onRejection);
  }
});
