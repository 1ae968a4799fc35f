// Issue 7 "Inputs": files over the size limit are skipped with one message and not parsed;
// binary, non-UTF-8 and UTF-16 files are skipped; a UTF-8 BOM is read. Both the CLI (the built
// bundle) and the language server's workspace scan, and documents opened in the editor.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempTree } from './support/cli';
import { startTestServer, type TestServer } from './support/server';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../support/fixtures';
import { docs } from '../support/workspace';

const APP = docs(namespace('shop', { 'istio-injection': 'enabled' }), deployment('shop', 'web'), deployment('shop', 'reviews'), service('shop', 'reviews'), peerAuthentication('shop', 'default', 'STRICT'));
/** A DestinationRule that would be an error if it were read. */
const dr = (name: string) => destinationRule('shop', name, 'reviews', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n');
/** `dr(name)` padded with a comment to `bytes` bytes. */
const padded = (name: string, bytes: number) => {
  const text = dr(name);
  return text + '#' + 'x'.repeat(Math.max(0, bytes - Buffer.byteLength(text) - 2)) + '\n';
};

const MB = 1024 * 1024;
const binary = (name: string) => Buffer.concat([Buffer.from(dr(name)), Buffer.from([0, 1, 2, 0xff, 0])]);
const latin1 = (name: string) => Buffer.from(dr(name).replace('name: ' + name, `name: ${name}\n  annotations: {owner: "Jos\u00e9"}`), 'latin1');
const utf16 = (name: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(dr(name), 'utf16le')]);
const bom = (name: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(dr(name))]);

describe('files skipped by the CLI', () => {
  test('over 5 MB, binary, non-UTF-8 and UTF-16 files: one warning line each on stderr, none of them parsed; a BOM file is analysed', { timeout: 60_000 }, () => {
    const tree = tempTree({
      'app.yaml': APP,
      'big.yaml': padded('big', 5 * MB + 10),
      'just-under.yaml': padded('under', 5 * MB - 10),
      'binary.yaml': binary('binary'),
      'latin1.yaml': latin1('latin1'),
      'utf16.yaml': utf16('utf16'),
      'bom.yaml': bom('bom'),
    });
    try {
      const r = runCli(tree.dir, ['check', '--format', 'json', '.']);
      assert.equal(r.status, 1, r.stderr);
      const names = (JSON.parse(r.stdout) as { findings: Array<{ resource: { name: string } }> }).findings.map((f) => f.resource.name);
      for (const skipped of ['big', 'binary', 'latin1', 'utf16']) assert.ok(!names.includes(skipped), `${skipped} was not parsed: ${names.join(', ')}`);
      assert.ok(names.includes('under'), 'a file just under the limit is analysed');
      assert.ok(names.includes('bom'), 'a file with a UTF-8 BOM is analysed');
      const lines = r.stderr.split('\n').filter(Boolean);
      for (const [file, reason] of [['big.yaml', /larger than 5 MB/], ['binary.yaml', /binary/], ['latin1.yaml', /UTF-8/], ['utf16.yaml', /UTF-16/]] as const) {
        const mine = lines.filter((l) => l.includes(file));
        assert.equal(mine.length, 1, `one line for ${file}: ${JSON.stringify(lines)}`);
        assert.match(mine[0], reason);
      }
      assert.equal(lines.length, 4, `nothing else on stderr: ${JSON.stringify(lines)}`);
    } finally {
      tree.cleanup();
    }
  });
});

describe('files skipped by the language server', () => {
  const servers: TestServer[] = [];
  after(async () => {
    for (const s of servers) await s.dispose();
  });
  const linesAbout = (s: TestServer, file: string) => s.logs.filter((l) => l.message.includes(file));

  test('the workspace scan: over the default 5 MB, binary, non-UTF-8, UTF-16: one log line each, not parsed, no diagnostics; BOM read', { timeout: 60_000 }, async () => {
    const server = await startTestServer({ 'app.yaml': APP, 'big.yaml': padded('big', 5 * MB + 10) }, {
      binaryFiles: { 'binary.yaml': binary('binary'), 'latin1.yaml': latin1('latin1'), 'utf16.yaml': utf16('utf16'), 'bom.yaml': bom('bom') },
    });
    servers.push(server);
    await server.waitFor(() => server.rules('bom.yaml').includes('plaintext-to-strict'), 'the BOM file to be analysed');
    for (const file of ['big.yaml', 'binary.yaml', 'latin1.yaml', 'utf16.yaml']) {
      assert.deepEqual(server.rules(file), [], `${file} has no diagnostics`);
      assert.equal(server.session.store.has(file), false, `${file} was not read into the store`);
      assert.equal(linesAbout(server, file).length, 1, `one line about ${file}: ${JSON.stringify(server.logs)}`);
    }
    assert.match(linesAbout(server, 'big.yaml')[0].message, /larger than 5 MB/);
    // Later analyses do not repeat the lines.
    await server.open('app.yaml', APP + '# edited\n');
    await server.settle();
    for (const file of ['big.yaml', 'binary.yaml']) assert.equal(linesAbout(server, file).length, 1, `still one line about ${file}`);
  });

  test('the istioMtlsDoctor.maxFileSizeMB setting applies to the scan', { timeout: 30_000 }, async () => {
    const server = await startTestServer({ 'app.yaml': APP, 'medium.yaml': padded('medium', 200 * 1024), 'small.yaml': dr('small') }, { settings: { maxFileSizeMB: 0.1 } });
    servers.push(server);
    await server.waitFor(() => server.rules('small.yaml').includes('plaintext-to-strict'), 'the small file');
    assert.deepEqual(server.rules('medium.yaml'), []);
    assert.equal(linesAbout(server, 'medium.yaml').length, 1, JSON.stringify(server.logs));
  });

  test('a document opened in the editor over the limit: not parsed, no diagnostics, and one message saying why', { timeout: 30_000 }, async () => {
    const server = await startTestServer({ 'app.yaml': APP }, { settings: { maxFileSizeMB: 0.1 } });
    servers.push(server);
    const parsesBefore = server.session.store.parseCount;
    await server.open('opened-big.yaml', padded('openedbig', 200 * 1024));
    await server.settle();
    await server.change('opened-big.yaml', padded('openedbig', 200 * 1024 + 1), 2);
    await server.settle();
    assert.deepEqual(server.rules('opened-big.yaml'), []);
    assert.equal(server.session.store.parseCount, parsesBefore, 'the big document was never parsed');
    assert.equal(linesAbout(server, 'opened-big.yaml').length, 1, `one message about the skipped document: ${JSON.stringify(server.logs)}`);
  });
});
