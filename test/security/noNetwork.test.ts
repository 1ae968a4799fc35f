// Issue 7 "Security": the language server opens no network connection and runs no program.
// The built server bundle runs as a child process over stdio with a `--require` preload that
// makes every socket API (net, tls, http, https, http2, dns, dgram, fetch, WebSocket) and every
// child_process API fail and record the attempt; the test then drives every feature.
import { describe, test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification,
  DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, ConfigurationRequest, WorkDoneProgressCreateRequest, RegistrationRequest,
  HoverRequest, CompletionRequest, DefinitionRequest, ReferencesRequest, DocumentSymbolRequest, CodeLensRequest, CodeActionRequest, ShutdownRequest,
  ExitNotification, PublishDiagnosticsNotification, type ProtocolConnection, type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { SERVER_BUNDLE, tempTree, type TempTree } from '../robustness/support/cli';
import { positionsOf } from '../robustness/support/server';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../support/fixtures';
import { docs } from '../support/workspace';
import { testPki } from '../support/pki';

/** The preload: every network and process API throws and appends a line to $NO_NETWORK_LOG. */
export const PRELOAD = `
'use strict';
const fs = require('fs');
const log = process.env.NO_NETWORK_LOG;
function record(what, args) {
  let detail = '';
  try { detail = JSON.stringify(args, (k, v) => (typeof v === 'function' ? '[function]' : v)).slice(0, 300); } catch { detail = '[unprintable]'; }
  try { fs.appendFileSync(log, what + ' ' + detail + '\\n'); } catch {}
  throw new Error('forbidden in this test: ' + what);
}
function block(mod, name, names) {
  const m = require(mod);
  for (const n of names) if (typeof m[n] === 'function') m[n] = function (...args) { return record(name + '.' + n, args); };
  return m;
}
const net = require('net');
net.Socket.prototype.connect = function (...args) { return record('net.Socket.connect', args); };
net.Server.prototype.listen = function (...args) { return record('net.Server.listen', args); };
block('net', 'net', ['connect', 'createConnection', 'createServer']);
block('tls', 'tls', ['connect', 'createServer']);
block('http', 'http', ['request', 'get', 'createServer']);
block('https', 'https', ['request', 'get', 'createServer']);
block('http2', 'http2', ['connect', 'createServer', 'createSecureServer']);
block('dgram', 'dgram', ['createSocket']);
block('dns', 'dns', ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveSrv', 'resolveTxt', 'reverse']);
const dnsPromises = require('dns').promises;
for (const n of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']) dnsPromises[n] = (...args) => Promise.reject(new Error(record('dns.promises.' + n, args)));
block('child_process', 'child_process', ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']);
globalThis.fetch = (...args) => record('fetch', args);
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = function (...args) { return record('WebSocket', args); };
`;

const pki = testPki();
/** A workspace that names hosts, URLs and files a careless server might reach for. */
const FILES: Record<string, string> = {
  'app.yaml': docs(
    namespace('shop', { 'istio-injection': 'enabled' }),
    deployment('shop', 'web', { env: { UPSTREAM: 'https://api.stripe.com/v1', METADATA: 'http://169.254.169.254/latest/meta-data/', DB: 'postgres://db.legacy:5432' } }),
    deployment('shop', 'reviews'), service('shop', 'reviews'), peerAuthentication('shop', 'default', 'STRICT'),
  ),
  'dr.yaml': destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n'),
  'external.yaml': `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: stripe, namespace: shop}
spec:
  hosts: [api.stripe.com, example.com]
  location: MESH_EXTERNAL
  resolution: DNS
  ports: [{number: 443, name: tls, protocol: TLS}]
  endpoints: [{address: 93.184.216.34}, {address: localhost}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: stripe, namespace: shop}
spec:
  host: api.stripe.com
  trafficPolicy:
    tls: {mode: SIMPLE, caCertificates: /etc/ssl/certs/ca.pem, sni: api.stripe.com}
`,
  'mesh.yaml': `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |
    trustDomain: cluster.local
    caCertificates:
    - spiffeBundleUrl: https://bundle.example.com/bundle
    defaultConfig:
      discoveryAddress: istiod.istio-system.svc:15012
`,
  'certs/root-cert.pem': pki.root.pem,
  'certs/chain.pem': pki.intermediate.pem + pki.root.pem,
  'kubeconfig.yaml': 'apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster: {server: "https://10.0.0.1:6443"}\ncontexts:\n- name: prod\n  context: {cluster: prod, user: admin}\ncurrent-context: prod\nusers:\n- name: admin\n  user:\n    exec: {command: /bin/sh, args: ["-c", "touch /tmp/pwned-by-workspace"]}\n',
};

interface Child {
  readonly process: ChildProcess;
  readonly client: ProtocolConnection;
  readonly diagnostics: Map<string, Diagnostic[]>;
  readonly stderr: string[];
}

function startChild(root: string, logFile: string, preloadFile: string): Child {
  const child = spawn(process.execPath, ['--require', preloadFile, SERVER_BUNDLE, '--stdio'], { env: { ...process.env, NO_NETWORK_LOG: logFile }, stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr?.on('data', (d: Buffer) => stderr.push(d.toString()));
  const client = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, Diagnostic[]>();
  client.onNotification(PublishDiagnosticsNotification.type, (p) => {
    diagnostics.set(p.uri, p.diagnostics);
  });
  client.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({})));
  client.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
  client.onRequest(RegistrationRequest.type, () => undefined);
  client.listen();
  void root;
  return { process: child, client, diagnostics, stderr };
}

async function until(predicate: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the language server bundle opens no network connection and runs no program', () => {
  let tree: TempTree;
  let child: Child;
  let logFile: string;
  let preloadDir: string;
  before(async () => {
    assert.ok(existsSync(SERVER_BUNDLE), 'server/out/server.js exists (npm run build)');
    tree = tempTree(FILES);
    preloadDir = mkdtempSync(join(tmpdir(), 'mtls-no-network-'));
    logFile = join(preloadDir, 'attempts.log');
    writeFileSync(logFile, '');
    const preloadFile = join(preloadDir, 'no-network.js');
    writeFileSync(preloadFile, PRELOAD);
    child = startChild(tree.dir, logFile, preloadFile);
    const rootUri = pathToFileURL(tree.dir).href;
    await child.client.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'ws' }],
      initializationOptions: { settings: { include: ['**/*'], rootNamespace: 'istio-system' } },
      capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, didChangeConfiguration: { dynamicRegistration: true } } },
    });
    child.client.sendNotification(InitializedNotification.type, {});
    await until(() => (child.diagnostics.get(pathToFileURL(join(tree.dir, 'dr.yaml')).href) ?? []).length > 0, 'the first diagnostics');
  });
  after(async () => {
    try {
      await child.client.sendRequest(ShutdownRequest.type);
      child.client.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 200));
    child.client.dispose();
    if (child.process.exitCode === null) child.process.kill();
    tree.cleanup();
    rmSync(preloadDir, { recursive: true, force: true });
  });

  test('sanity: the preload records and blocks attempts (net, fetch, dns, http, child_process), and the server runs under it', () => {
    const probeLog = join(preloadDir, 'probe.log');
    writeFileSync(probeLog, '');
    const script = "for (const f of [() => require('net').connect(80, 'example.com'), () => fetch('https://example.com'), () => require('dns').lookup('example.com', () => {}), () => require('https').get('https://example.com'), () => require('child_process').execSync('true')]) { try { f(); } catch {} }";
    const r = spawnSync(process.execPath, ['--require', join(preloadDir, 'no-network.js'), '-e', script], { env: { ...process.env, NO_NETWORK_LOG: probeLog }, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const lines = readFileSync(probeLog, 'utf8').trim().split('\n').map((l) => l.split(' ')[0]);
    assert.deepEqual(lines, ['net.connect', 'fetch', 'dns.lookup', 'https.get', 'child_process.execSync']);
    assert.equal(child.process.exitCode, null, `the server is running: ${child.stderr.join('')}`);
  });

  test('indexing, every feature on every file, settings, watched files and the cluster layer: no attempt recorded, the server still answers', { timeout: 120_000 }, async () => {
    const uri = (p: string) => pathToFileURL(join(tree.dir, p)).href;
    for (const [path, text] of Object.entries(FILES)) {
      child.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(path), languageId: path.endsWith('.pem') ? 'plaintext' : 'yaml', version: 1, text } });
      const positions = positionsOf(text).filter((_, i) => i % 3 === 0);
      const requests: Array<Promise<unknown>> = [];
      for (const position of positions) {
        const td = { uri: uri(path) };
        requests.push(
          child.client.sendRequest(HoverRequest.type, { textDocument: td, position }),
          child.client.sendRequest(CompletionRequest.type, { textDocument: td, position }),
          child.client.sendRequest(DefinitionRequest.type, { textDocument: td, position }),
          child.client.sendRequest(ReferencesRequest.type, { textDocument: td, position, context: { includeDeclaration: true } }),
        );
      }
      requests.push(
        child.client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri(path) } }),
        child.client.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri(path) } }),
        child.client.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri(path) }, range: { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } }, context: { diagnostics: child.diagnostics.get(uri(path)) ?? [] } }),
      );
      await Promise.allSettled(requests);
    }
    await child.client.sendRequest('istioMtlsDoctor/meshMap', {}).catch(() => undefined);
    await child.client.sendRequest('istioMtlsDoctor/workspaceMesh', {}).catch(() => undefined);
    child.client.sendNotification(DidChangeConfigurationNotification.type, { settings: { istioMtlsDoctor: { trustDomain: 'example.com' } } });
    child.client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('dr.yaml'), type: 2 }, { uri: 'https://example.com/remote.yaml', type: 1 }, { uri: 'file://remote-host/share/x.yaml', type: 1 }] });
    child.client.sendNotification('istioMtlsDoctor/setClusterLayer', { context: 'prod', documents: [{ name: 'shop/Service/x.yaml', text: service('shop', 'x') }] });
    const symbols = await child.client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri('app.yaml') } });
    assert.ok(Array.isArray(symbols) && symbols.length > 0, 'the server still answers');
    assert.equal(readFileSync(logFile, 'utf8'), '', 'no network or process API was called');
    assert.equal(existsSync('/tmp/pwned-by-workspace'), false, 'the kubeconfig exec command did not run');
  });
});
