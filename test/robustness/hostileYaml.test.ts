// Issue 7 "Inputs": alias bombs ("billion laughs") and deep nesting. Bounded time and memory
// (each case runs in a worker with a heap limit and a deadline), a clear diagnostic on the
// hostile document, and the rest of the workspace still analysed.
import { isMainThread } from 'node:worker_threads';
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { runBounded, runBoundedWorker, type BoundedResult } from './support/bounded';
import { runCli, tempTree } from './support/cli';
import { startTestServer, positionsOf, type TestServer } from './support/server';
import { aliasBomb, deepBlock, deepFlow } from '../fuzz/mutations';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../support/fixtures';
import { docs } from '../support/workspace';

/** A workspace with a known error elsewhere: it must still be reported. */
const REST = {
  'app.yaml': docs(namespace('shop', { 'istio-injection': 'enabled' }), deployment('shop', 'web'), deployment('shop', 'reviews'), service('shop', 'reviews'), peerAuthentication('shop', 'default', 'STRICT')),
  'dr.yaml': destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n'),
};
const REST_FINDING = 'plaintext-to-strict dr.yaml';

const pa = (name: string, mode: string, preamble = '') =>
  `${preamble}apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  mtls:\n    mode: ${mode}\n`;
const NEIGHBOUR = destinationRule('shop', 'neighbour', 'ratings.shop.svc.cluster.local', '  trafficPolicy:\n    tls: {}\n');

/** The 9 × 9 billion laughs: 9^9 strings when expanded, 72 aliases in the text. */
const BOMB = aliasBomb(9, 9);

const HEAP_MB = 256;
const DEADLINE_MS = 10_000;

function assertBounded(r: BoundedResult, what: string): void {
  assert.equal(r.outcome, 'done', `${what}: ${r.error ?? ''} (${Math.round(r.ms)} ms)`);
  assert.ok(r.ms < DEADLINE_MS, `${what}: ${Math.round(r.ms)} ms`);
  assert.deepEqual(r.problems.filter((p) => p.kind === 'throw' || p.kind === 'rule-error').map((p) => `${p.where}: ${p.message.split('\n')[0]}`), [], what);
}

const finding = (r: BoundedResult, prefix: string) => r.findings.find((f) => f.startsWith(prefix));

if (!isMainThread) {
  runBoundedWorker();
} else {
  describe('alias bombs', () => {
    test(`billion laughs (9 levels of 9 aliases) in a file with other documents: within ${HEAP_MB} MB and ${DEADLINE_MS / 1000} s, a yaml-syntax that names the alias limit, the neighbours analysed`, async () => {
      const files = { ...REST, 'bomb.yaml': docs(BOMB + 'kind: ConfigMap\nmetadata: {name: lol, namespace: shop}\n', NEIGHBOUR) };
      const r = await runBounded(__filename, files, { heapMb: HEAP_MB, timeoutMs: DEADLINE_MS });
      assertBounded(r, 'billion laughs');
      const syntax = finding(r, 'yaml-syntax bomb.yaml');
      assert.ok(syntax, r.findings.join('\n'));
      assert.match(syntax.slice(syntax.indexOf(': ') + 2), /alias/i, 'the message says why: too many aliases');
      assert.ok(finding(r, 'empty-tls-means-disable bomb.yaml'), 'the next document of the same file is analysed');
      assert.ok(finding(r, REST_FINDING), 'the other files are analysed');
    });

    for (const [field, text] of Object.entries({
      'PeerAuthentication spec.mtls.mode': pa('bomb', '*lol8', BOMB),
      'DestinationRule spec.host': destinationRule('shop', 'bomb', '*lol8', '').replace('apiVersion', BOMB + 'apiVersion'),
      'DestinationRule tls.mode': destinationRule('shop', 'bomb', 'reviews', '  trafficPolicy:\n    tls:\n      mode: *lol8\n').replace('apiVersion', BOMB + 'apiVersion'),
      'Deployment labels': deployment('shop', 'bomb').replace(/app: "bomb"/g, 'app: *lol8').replace('apiVersion', BOMB + 'apiVersion'),
      'Service ports': service('shop', 'bomb').replace('  ports:\n', '  ports: *lol8\n  x:\n').replace('apiVersion', BOMB + 'apiVersion'),
      'mesh config': `${BOMB}apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\ndata:\n  mesh: *lol8\n`,
      'AuthorizationPolicy principals': `${BOMB}apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: bomb, namespace: shop}\nspec:\n  rules:\n  - from:\n    - source:\n        principals: *lol8\n`,
    })) {
      test(`an alias bomb at a field the engine reads (${field}): bounded, reported, the rest analysed`, async () => {
        const r = await runBounded(__filename, { ...REST, 'bomb.yaml': text }, { heapMb: HEAP_MB, timeoutMs: DEADLINE_MS });
        assertBounded(r, field);
        assert.ok(finding(r, 'yaml-syntax bomb.yaml'), r.findings.join('\n'));
        assert.ok(finding(r, REST_FINDING), 'the other files are analysed');
      });
    }

    test('an expansion under the alias limit (50 aliases of a 10,000-item list) at a quoted field: messages stay short', async () => {
      const text = pa('wide', `[${Array(50).fill('*big').join(', ')}]`, `big: &big [${Array(10_000).fill('x').join(', ')}]\n`);
      const r = await runBounded(__filename, { ...REST, 'wide.yaml': text }, { heapMb: HEAP_MB, timeoutMs: DEADLINE_MS });
      assertBounded(r, 'wide aliases');
      assert.ok(finding(r, REST_FINDING));
      assert.ok(r.longestMessage < 2_000, `the longest message has ${r.longestMessage} characters (a diagnostic, a SARIF result and a log line each carry it)`);
    });

    test('a long value without aliases (20,000 items at spec.mtls.mode): the message quotes it shortly', async () => {
      const r = await runBounded(__filename, { ...REST, 'long.yaml': pa('long', `[${Array(20_000).fill('xyz').join(', ')}]`) }, { heapMb: HEAP_MB, timeoutMs: DEADLINE_MS });
      assertBounded(r, 'long value');
      assert.ok(finding(r, 'invalid-mtls-mode long.yaml'), r.findings.join('\n'));
      assert.ok(r.longestMessage < 2_000, `the invalid-mtls-mode message has ${r.longestMessage} characters`);
    });

    test('legitimate anchors under the limit (labels shared between selector and template) are analysed, not rejected', async () => {
      const text = deployment('shop', 'anchored')
        .replace('    matchLabels:\n      app: "anchored"', '    matchLabels: &labels\n      app: "anchored"')
        .replace('      labels:\n        app: "anchored"', '      labels: *labels');
      const r = await runBounded(__filename, { ...REST, 'anchored.yaml': text }, { heapMb: HEAP_MB, timeoutMs: DEADLINE_MS });
      assertBounded(r, 'anchors');
      assert.equal(finding(r, 'yaml-syntax'), undefined, r.findings.join('\n'));
    });
  });

  describe('deep nesting', () => {
    for (const [name, nested] of Object.entries({
      'flow, 10,000 levels': `deep: ${deepFlow(10_000)}\n`,
      'flow, 201 levels': `deep: ${deepFlow(201)}\n`,
      'block, 1,000 levels': `deep:\n${deepBlock(1000).replace(/^/gm, '  ').trimEnd()}\n`,
      'block sequences, 5,000 levels': `deep:\n  ${'- '.repeat(5000)}x\n`,
    })) {
      test(`${name}: bounded, a yaml-syntax that says it is nested too deeply, the rest analysed`, async () => {
        const text = docs(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep, namespace: shop}\n${nested}`, NEIGHBOUR);
        const r = await runBounded(__filename, { ...REST, 'deep.yaml': text }, { heapMb: HEAP_MB, timeoutMs: DEADLINE_MS });
        assertBounded(r, name);
        const syntax = finding(r, 'yaml-syntax deep.yaml');
        assert.ok(syntax, r.findings.join('\n'));
        assert.match(syntax.slice(syntax.indexOf(': ') + 2), /nest|depth|deep/i, 'the message names the nesting (not an internal error)');
        assert.ok(finding(r, 'empty-tls-means-disable deep.yaml'), `the next document of the same file is analysed: ${r.findings.join('\n')}`);
        assert.ok(finding(r, REST_FINDING), r.findings.join('\n'));
      });
    }

    test('2 MB of nested brackets (a file well inside the 5 MB limit): analysed within the deadline, not for tens of seconds', async () => {
      const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep, namespace: shop}\ndata: ${deepFlow(1_000_000)}\n`;
      const r = await runBounded(__filename, { ...REST, 'deep.yaml': text }, { heapMb: 512, timeoutMs: DEADLINE_MS, offsets: 2 });
      assertBounded(r, '1,000,000 levels');
      assert.ok(finding(r, 'yaml-syntax deep.yaml'), r.findings.join('\n'));
      assert.ok(finding(r, REST_FINDING));
    });

    test('nesting under the limit (150 levels) is analysed', async () => {
      const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep, namespace: shop}\ndeep: ${deepFlow(150)}\n`;
      const r = await runBounded(__filename, { ...REST, 'deep.yaml': text }, { heapMb: HEAP_MB, timeoutMs: DEADLINE_MS });
      assertBounded(r, '150 levels');
      assert.equal(finding(r, 'yaml-syntax'), undefined, r.findings.join('\n'));
    });
  });

  describe('hostile files through the language server and the CLI', () => {
    const servers: TestServer[] = [];
    after(async () => {
      for (const s of servers) await s.dispose();
    });

    test('the language server: a bomb and a deep document open, every feature at every 7th offset answers, the other diagnostics stay', { timeout: 60_000 }, async () => {
      const server = await startTestServer(REST);
      servers.push(server);
      await server.waitFor(() => server.rules('dr.yaml').includes('plaintext-to-strict'), 'the ordinary error');
      const bomb = docs(BOMB + 'kind: ConfigMap\nmetadata: {name: lol, namespace: shop}\n', NEIGHBOUR);
      const deep = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep, namespace: shop}\ndeep: ${deepFlow(3000)}\n`;
      const started = Date.now();
      await server.open('bomb.yaml', bomb);
      await server.open('deep.yaml', deep);
      await server.waitFor(() => server.rules('bomb.yaml').includes('yaml-syntax') && server.rules('deep.yaml').includes('yaml-syntax'), 'the syntax diagnostics');
      assert.ok(Date.now() - started < DEADLINE_MS);
      const failures: string[] = [];
      for (const [path, text] of [['bomb.yaml', bomb], ['deep.yaml', deep]] as const) {
        const positions = positionsOf(text).filter((_, i) => i % 7 === 0);
        for (const position of positions) {
          for (const [what, ask] of [['hover', server.hover], ['definition', server.definition], ['completion', server.completion]] as const) {
            await ask(path, position).catch((e: unknown) => failures.push(`${what} ${path} ${JSON.stringify(position)}: ${String(e)}`));
          }
        }
        await server.symbols(path).catch((e: unknown) => failures.push(`symbols ${path}: ${String(e)}`));
        await server.codeLenses(path).catch((e: unknown) => failures.push(`lenses ${path}: ${String(e)}`));
      }
      assert.deepEqual(failures.slice(0, 5), []);
      assert.ok(server.rules('dr.yaml').includes('plaintext-to-strict'), 'the rest is still analysed');
      assert.ok(server.rules('bomb.yaml').includes('empty-tls-means-disable'), 'the neighbour document of the bomb is analysed');
    });

    test('the CLI: check on a folder with a bomb and a deep document ends in time with their yaml-syntax and the other findings', { timeout: 60_000 }, () => {
      const tree = tempTree({ ...REST, 'bomb.yaml': docs(BOMB + 'kind: ConfigMap\nmetadata: {name: lol, namespace: shop}\n', NEIGHBOUR), 'deep.yaml': `kind: ConfigMap\nmetadata: {name: deep, namespace: shop}\ndeep: ${deepFlow(10_000)}\n` });
      try {
        const r = runCli(tree.dir, ['check', '--format', 'json', '.'], 30_000);
        assert.equal(r.signal, null, `ended by ${r.signal} after ${r.ms} ms`);
        assert.equal(r.status, 1, r.stderr);
        const report = JSON.parse(r.stdout) as { findings: Array<{ rule: string; file: string }> };
        const got = report.findings.map((f) => `${f.rule} ${f.file}`);
        for (const want of ['yaml-syntax bomb.yaml', 'yaml-syntax deep.yaml', 'empty-tls-means-disable bomb.yaml', REST_FINDING]) assert.ok(got.includes(want), `${want} in ${got.join(', ')}`);
      } finally {
        tree.cleanup();
      }
    });
  });
}
