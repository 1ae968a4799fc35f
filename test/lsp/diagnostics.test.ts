import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { startHarness, type Harness } from '../support/lspHarness';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../support/fixtures';
import { docs } from '../support/workspace';

const APP = docs(namespace('shop', { 'istio-injection': 'enabled' }), deployment('shop', 'web'), deployment('shop', 'reviews'), service('shop', 'reviews'));
const DR_DISABLE = destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n');
const STRICT = peerAuthentication('shop', 'default', 'STRICT');

const rules = (h: Harness, path: string) => (h.diagnostics.get(h.uri(path)) ?? []).map((d) => String(d.code)).sort();

describe('language server diagnostics', () => {
  const harnesses: Harness[] = [];
  after(async () => {
    for (const h of harnesses) await h.dispose();
  });
  const start = async (files: Record<string, string>, settings?: Record<string, unknown>) => {
    const h = await startHarness(files, settings ? { settings } : {});
    harnesses.push(h);
    return h;
  };

  test('indexes the workspace with progress and publishes findings of files on disk', async () => {
    const h = await start({ 'app.yaml': APP, 'dr.yaml': DR_DISABLE, 'pa.yaml': STRICT, 'node_modules/x/skip.yaml': STRICT });
    await h.waitFor(() => rules(h, 'dr.yaml').includes('plaintext-to-strict'), 'plaintext-to-strict on dr.yaml');
    const d = h.diagnostics.get(h.uri('dr.yaml'))?.find((x) => x.code === 'plaintext-to-strict');
    assert.equal(d?.source, 'istio-mtls-doctor');
    assert.equal(d?.severity, 1);
    assert.match(String(d?.codeDescription?.href), /README\.md#plaintext-to-strict$/);
    assert.equal(d?.relatedInformation?.[0]?.location.uri, h.uri('pa.yaml'));
    assert.equal(h.progress[0]?.kind, 'begin');
    assert.equal(h.progress.at(-1)?.kind, 'end');
    assert.ok(h.progress.some((p) => p.kind === 'report' && /3 of 3 files/.test(p.message ?? '')), JSON.stringify(h.progress));
  });

  test('§C2 a new STRICT policy typed in one file turns a DestinationRule in another file red; closing it reverts', async () => {
    const h = await start({ 'app.yaml': APP, 'dr.yaml': DR_DISABLE });
    assert.deepEqual(rules(h, 'dr.yaml'), []);
    await h.open('pa.yaml', STRICT);
    await h.waitFor(() => rules(h, 'dr.yaml').includes('plaintext-to-strict'), 'the cross-file error');
    await h.close('pa.yaml');
    await h.waitFor(() => rules(h, 'dr.yaml').length === 0, 'the error to go away when the unsaved file is closed');
  });

  test('a change to one document re-parses only that document', async () => {
    const h = await start({ 'app.yaml': APP, 'dr.yaml': DR_DISABLE, 'pa.yaml': STRICT });
    await h.waitFor(() => rules(h, 'dr.yaml').includes('plaintext-to-strict'), 'the initial error');
    // Opening a file with its disk text reuses the disk parse.
    const before = h.session.store.parseCount;
    await h.open('dr.yaml', DR_DISABLE);
    await h.change('dr.yaml', DR_DISABLE.replace('DISABLE', 'ISTIO_MUTUAL'), 2);
    await h.waitFor(() => !rules(h, 'dr.yaml').includes('plaintext-to-strict'), 'the fix to clear the error');
    assert.equal(h.session.store.parseCount - before, 1);
  });

  test('watched-file events add and delete files on disk', async () => {
    const h = await start({ 'app.yaml': APP, 'dr.yaml': DR_DISABLE });
    await h.waitFor(() => h.diagnostics.size > 0 || h.session.analysisCount > 0, 'the first analysis');
    h.write('pa.yaml', STRICT);
    await h.client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: h.uri('pa.yaml'), type: FileChangeType.Created }] });
    await h.waitFor(() => rules(h, 'dr.yaml').includes('plaintext-to-strict'), 'the created file to count');
    await h.client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: h.uri('pa.yaml'), type: FileChangeType.Deleted }] });
    await h.waitFor(() => rules(h, 'dr.yaml').length === 0, 'the deleted file to stop counting');
  });

  test('settings: a rule turned off disappears, a severity override applies, live', async () => {
    const h = await start({ 'app.yaml': APP, 'dr.yaml': destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls: {}\n'), 'pa.yaml': STRICT });
    await h.waitFor(() => rules(h, 'dr.yaml').includes('empty-tls-means-disable'), 'empty-tls-means-disable');
    h.settings = { rules: { 'empty-tls-means-disable': 'off', 'plaintext-to-strict': 'warning' } };
    await h.client.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    await h.waitFor(() => !rules(h, 'dr.yaml').includes('empty-tls-means-disable'), 'the rule to be turned off');
    assert.equal(h.diagnostics.get(h.uri('dr.yaml'))?.find((d) => d.code === 'plaintext-to-strict')?.severity, 2);
  });

  test('the ignore annotation silences a rule for its resource; ignored policies are tagged Unnecessary', async () => {
    const ignored = DR_DISABLE.replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    istio-mtls-doctor.io/ignore: "plaintext-to-strict"\n');
    const h = await start({ 'app.yaml': APP, 'dr.yaml': ignored, 'pa.yaml': docs(STRICT, peerAuthentication('shop', 'zz-second', 'PERMISSIVE')) });
    await h.waitFor(() => rules(h, 'pa.yaml').includes('duplicate-scope-policy'), 'duplicate-scope-policy');
    assert.deepEqual(rules(h, 'dr.yaml'), []);
    assert.deepEqual(h.diagnostics.get(h.uri('pa.yaml'))?.find((d) => d.code === 'duplicate-scope-policy')?.tags, [1]);
  });
});

describe('language server at scale', () => {
  test('one edit in a workspace of 2,000 documents re-parses one file and republishes', async () => {
    const files: Record<string, string> = { 'app.yaml': APP, 'dr.yaml': DR_DISABLE };
    for (let i = 0; i < 400; i++) {
      const ns = `team-${i % 40}`;
      files[`teams/t${i}.yaml`] = docs(deployment(ns, `svc-${i}`), service(ns, `svc-${i}`), peerAuthentication(ns, `p-${i}`, 'PERMISSIVE', { selector: { app: `svc-${i}` } }), destinationRule(ns, `svc-${i}`, `svc-${i}`, '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n'), `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: svc-${i}\n  namespace: ${ns}\n`);
    }
    const h = await startHarness(files);
    try {
      const total = h.session.store.paths().length;
      assert.equal(total, 402);
      assert.equal(h.session.store.parseCount, 402);
      await h.open('pa.yaml', STRICT);
      await h.waitFor(() => rules(h, 'dr.yaml').includes('plaintext-to-strict'), 'the cross-file error at scale');
      assert.equal(h.session.store.parseCount, 403);
    } finally {
      await h.dispose();
    }
  });
});
