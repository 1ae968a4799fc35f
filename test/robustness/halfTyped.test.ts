// Issue 7 "Inputs": half-typed YAML at every prefix of a real manifest, typed character by
// character through the language server (didChange per keystroke, features asked at the cursor).
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseError, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { startTestServer, type TestServer } from './support/server';
import { analyse, lineLengths } from '../fuzz/engineRun';
import { toDiagnostic } from '../../server/src/features/diagnostics';
import { deployment, namespace, service } from '../support/fixtures';
import { docs } from '../support/workspace';

/** What is on disk: the namespace and workloads the typed policies talk about. */
const DISK = {
  'app.yaml': docs(namespace('shop', { 'istio-injection': 'enabled' }), deployment('shop', 'web'), deployment('shop', 'reviews', { ports: [{ name: 'http', containerPort: 9080 }] }), service('shop', 'reviews', [{ name: 'http', port: 80, targetPort: 9080 }])),
};

/** 60 lines the way people write them: comments, flow maps, quotes, several documents. */
export const TYPED = `# Policies for the shop namespace
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: shop   # namespace-wide
spec:
  mtls:
    mode: STRICT
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: reviews-ports
  namespace: shop
spec:
  selector:
    matchLabels: {app: reviews}
  portLevelMtls:
    "80":
      mode: PERMISSIVE
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: shop
spec:
  host: reviews.shop.svc.cluster.local
  trafficPolicy:
    tls:
      mode: DISABLE   # left over from the migration
    portLevelSettings:
    - port: {number: 80}
      tls: {}
  subsets:
  - name: v1
    labels:
      version: "v1"
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: reviews
  action: ALLOW
  rules:
  - from:
    - source:
        principals: ["spiffe://cluster.local/ns/shop/sa/web"]
    to:
    - operation:
        ports: ["9080"]
...
`;

function inside(text: string, d: Diagnostic): boolean {
  const lines = lineLengths(text);
  const ok = (p: { line: number; character: number }) => p.line < lines.length && p.character <= lines[p.line];
  return ok(d.range.start) && ok(d.range.end);
}

/** The diagnostics a fresh analysis of the final text gives, as the server publishes them. */
function expectedDiagnostics(server: TestServer, path: string, text: string): string[] {
  const { snapshot } = analyse({ ...DISK, [path]: text });
  return snapshot.findings.filter((f) => f.file === path).map((f) => toDiagnostic(f, (p) => server.uri(p), '')).map(key).sort();
}

const key = (d: Diagnostic) => `${String(d.code)} ${JSON.stringify(d.range)} ${d.message}`;

async function typeThrough(server: TestServer, path: string, text: string, featuresEvery: number): Promise<{ errors: string[]; published: Diagnostic[][] }> {
  const errors: string[] = [];
  const uri = server.uri(path);
  const ask = async (what: string, request: () => Promise<unknown>) => {
    try {
      await request();
    } catch (e) {
      errors.push(`${what}: ${e instanceof ResponseError ? `${e.code} ${e.message}` : String(e)}`);
    }
  };
  await server.open(path, '', 1);
  for (let i = 1; i <= text.length; i++) {
    const prefix = text.slice(0, i);
    await server.change(path, prefix, i + 1);
    const lines = lineLengths(prefix);
    const cursor = { line: lines.length - 1, character: lines[lines.length - 1] };
    await ask(`hover @${i}`, () => server.hover(path, cursor));
    await ask(`completion @${i}`, () => server.completion(path, cursor));
    if (i % featuresEvery === 0 || i === text.length) {
      await ask(`definition @${i}`, () => server.definition(path, cursor));
      await ask(`symbols @${i}`, () => server.symbols(path));
      await ask(`code lenses @${i}`, () => server.codeLenses(path));
      const diags = server.diagnostics.get(uri) ?? [];
      await ask(`code actions @${i}`, () => server.codeActions(path, { start: { line: 0, character: 0 }, end: cursor }, diags));
    }
  }
  await server.settle();
  const published = server.notifications
    .filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri)
    .map((n) => (n.params as { diagnostics: Diagnostic[] }).diagnostics);
  return { errors, published };
}

describe('half-typed YAML through the language server', () => {
  const servers: TestServer[] = [];
  after(async () => {
    for (const s of servers) await s.dispose();
  });

  test(`every prefix of a ${TYPED.split('\n').length - 1}-line manifest, typed one character at a time: no failed request, no error logged, final diagnostics as a fresh analysis`, { timeout: 120_000 }, async () => {
    const server = await startTestServer(DISK);
    servers.push(server);
    const { errors, published } = await typeThrough(server, 'typed.yaml', TYPED, 10);
    assert.deepEqual(errors.slice(0, 10), [], 'every request answered');
    assert.deepEqual(server.logs.filter((l) => l.type === 1).map((l) => l.message.split('\n')[0]), [], 'nothing logged as an error');
    const final = (server.diagnostics.get(server.uri('typed.yaml')) ?? []).map(key).sort();
    assert.deepEqual(final, expectedDiagnostics(server, 'typed.yaml', TYPED), 'the last publication is what a fresh analysis says');
    assert.ok(final.some((d) => d.startsWith('plaintext-to-strict')), 'the finished manifest has its error');
    // A prefix's positions are positions of the whole text: every publication on the way fits it.
    const outside = published.flat().filter((d) => !inside(TYPED, d)).map(key);
    assert.deepEqual(outside.slice(0, 5), [], 'every published range lies inside the text');
    assert.ok(published.length > 10, `diagnostics were published while typing (${published.length} times)`);
  });

  test('CRLF, typed one character at a time (prefixes that end between \\r and \\n)', { timeout: 60_000 }, async () => {
    const server = await startTestServer(DISK);
    servers.push(server);
    const crlf = TYPED.split('---\n').slice(2, 3).join('').replace(/\n/g, '\r\n');
    const { errors, published } = await typeThrough(server, 'typed-crlf.yaml', crlf, 7);
    assert.deepEqual(errors.slice(0, 10), []);
    assert.deepEqual(server.logs.filter((l) => l.type === 1).map((l) => l.message.split('\n')[0]), []);
    const final = (server.diagnostics.get(server.uri('typed-crlf.yaml')) ?? []).map(key).sort();
    assert.deepEqual(final, expectedDiagnostics(server, 'typed-crlf.yaml', crlf));
    assert.deepEqual(published.flat().filter((d) => !inside(crlf, d)).map(key).slice(0, 5), []);
  });

  test('deleting the manifest again, one character at a time from the end, leaves no stale diagnostics', { timeout: 60_000 }, async () => {
    const server = await startTestServer(DISK);
    servers.push(server);
    const text = TYPED.split('---\n')[2];
    await server.open('shrink.yaml', text, 1);
    await server.waitFor(() => server.rules('shrink.yaml').length > 0, 'the full text to have findings');
    for (let i = text.length - 1, v = 2; i >= 0; i--, v++) await server.change('shrink.yaml', text.slice(0, i), v);
    await server.settle();
    assert.deepEqual(server.rules('shrink.yaml'), [], 'an empty document has no findings');
    assert.deepEqual(server.logs.filter((l) => l.type === 1).map((l) => l.message), []);
  });
});
