// Found by the fuzz run: names of Object.prototype members (`__proto__`, `constructor`,
// `toString`, ...) as kinds, label keys and field names. A kind is looked up in plain objects
// (`TEMPLATE_PATHS[kind]`), where these names find the prototype's members. Here each such
// input must be analysed like any unknown name: the CLI ends normally with the other findings,
// the language server process stays up, completion answers.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification, PublishDiagnosticsNotification,
  ConfigurationRequest, WorkDoneProgressCreateRequest, RegistrationRequest, HoverRequest, ShutdownRequest, ExitNotification, type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { exercise } from '../fuzz/engineRun';
import { runCli, tempTree, SERVER_BUNDLE } from './support/cli';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../support/fixtures';
import { docs } from '../support/workspace';

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];
const APP = docs(namespace('shop', { 'istio-injection': 'enabled' }), deployment('shop', 'web'), deployment('shop', 'reviews'), service('shop', 'reviews'), peerAuthentication('shop', 'default', 'STRICT'));
const DR = destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n');
const oddKind = (kind: string, apiVersion = 'apps/v1') => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: odd, namespace: shop}\nspec: {}\n`;
const oddLabels = (key: string) => `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: odd-${key.replace(/_/g, '')}, namespace: shop}\nspec:\n  selector:\n    matchLabels:\n      ${key}: x\n  mtls: {mode: PERMISSIVE}\n`;

describe('Object.prototype names in documents', () => {
  for (const name of NAMES) {
    test(`kind: ${name} (apps/v1, v1, batch/v1, Istio): the engine and every feature at every offset, no throw`, () => {
      for (const api of ['apps/v1', 'v1', 'batch/v1', 'security.istio.io/v1']) {
        const { problems } = exercise({ 'app.yaml': APP, 'dr.yaml': DR, 'odd.yaml': oddKind(name, api) }, { offsets: 2, extraOffsets: (p, t) => (p === 'odd.yaml' ? Array.from({ length: t.length + 1 }, (_, i) => i) : []) });
        assert.deepEqual(problems.map((p) => `${p.kind} ${p.where}: ${p.message.split('\n')[0]}`), [], api);
      }
    });
    test(`a label key ${name} in a selector: no throw, completion answers at every offset`, () => {
      const { problems } = exercise({ 'app.yaml': APP, 'odd.yaml': oddLabels(name) }, { offsets: 2, extraOffsets: (p, t) => (p === 'odd.yaml' ? Array.from({ length: t.length + 1 }, (_, i) => i) : []) });
      assert.deepEqual(problems.map((p) => `${p.kind} ${p.where}: ${p.message.split('\n')[0]}`).slice(0, 5), []);
    });
  }

  test('a selector `{__proto__: x}` does not become an empty selector that matches every workload', () => {
    const { findings } = exercise({ 'app.yaml': APP, 'odd.yaml': oddLabels('__proto__') }, { features: false });
    // An empty selector would make this PERMISSIVE policy govern every workload of `shop`;
    // a selector no workload has matches nothing.
    assert.ok(findings.some((f) => f.rule === 'selector-matches-nothing' && f.file === 'odd.yaml'), findings.map((f) => `${f.rule} ${f.file}`).join(', '));
  });

  test('the CLI: a workspace with `kind: constructor` ends normally (not exit 2, "internal error") with the other findings', () => {
    const tree = tempTree({ 'app.yaml': APP, 'dr.yaml': DR, 'odd.yaml': oddKind('constructor') });
    try {
      const r = runCli(tree.dir, ['check', '--format', 'json', '.']);
      assert.equal(r.status, 1, `exit ${String(r.status)}: ${r.stderr}`);
      assert.ok((JSON.parse(r.stdout) as { findings: Array<{ rule: string }> }).findings.some((f) => f.rule === 'plaintext-to-strict'));
    } finally {
      tree.cleanup();
    }
  });

  describe('the language server bundle', () => {
    const cleanups: Array<() => void> = [];
    after(() => cleanups.forEach((c) => c()));

    test('a workspace file with `kind: __proto__` does not end the server process; it publishes and answers', { timeout: 30_000 }, async () => {
      const tree = tempTree({ 'app.yaml': APP, 'dr.yaml': DR, 'odd.yaml': oddKind('__proto__') });
      const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      const stderr: string[] = [];
      child.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
      const client = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
      cleanups.push(() => {
        client.dispose();
        if (child.exitCode === null) child.kill();
        tree.cleanup();
      });
      const diagnostics = new Map<string, Diagnostic[]>();
      client.onNotification(PublishDiagnosticsNotification.type, (p) => {
        diagnostics.set(p.uri, p.diagnostics);
      });
      client.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({})));
      client.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
      client.onRequest(RegistrationRequest.type, () => undefined);
      client.listen();
      const rootUri = pathToFileURL(tree.dir).href;
      await client.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'ws' }], capabilities: { workspace: { configuration: true } } });
      client.sendNotification(InitializedNotification.type, {});
      const dr = pathToFileURL(join(tree.dir, 'dr.yaml')).href;
      const end = Date.now() + 15_000;
      while (!(diagnostics.get(dr) ?? []).some((d) => d.code === 'plaintext-to-strict') && child.exitCode === null && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
      assert.equal(child.exitCode, null, `the server process ended: ${stderr.join('').slice(0, 500)}`);
      assert.ok((diagnostics.get(dr) ?? []).some((d) => d.code === 'plaintext-to-strict'), 'the other files are analysed');
      assert.ok(await client.sendRequest(HoverRequest.type, { textDocument: { uri: dr }, position: { line: 9, character: 12 } }));
      await client.sendRequest(ShutdownRequest.type);
      await client.sendNotification(ExitNotification.type);
    });
  });
});
