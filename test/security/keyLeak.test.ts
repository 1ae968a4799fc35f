// Issue 7 "Security": private key material (`ca-key.pem`, `tls.key`, `key.pem`, PEM `PRIVATE
// KEY` blocks anywhere) never appears in any output: CLI text / JSON / SARIF and stderr, LSP
// diagnostics, hovers at every offset, code lenses, code actions, document symbols, completion
// items, definitions, the views' requests, and the server's log and show messages.
// test/unit/certificates/privateKeyLeak.test.ts covers the certificate rules' messages; this goes wider.
import { describe, test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempTree, type TempTree } from '../robustness/support/cli';
import { startTestServer, positionsOf, type TestServer } from '../robustness/support/server';
import { newKeyPair, privateKeyPem, testPki, configMapYaml, secretYaml } from '../support/pki';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../support/fixtures';
import { docs } from '../support/workspace';
import { analyse } from '../fuzz/engineRun';
import { hoverAt } from '../../server/src/features/hover/hoverAt';
import { completionsAt } from '../../server/src/features/navigation/completion';
import { definitionAt } from '../../server/src/features/navigation/definition';
import { referencesAt } from '../../server/src/features/navigation/references';

const pki = testPki();
const rsa = newKeyPair('rsa');
const ec = newKeyPair('ec');
const KEYS = [privateKeyPem(rsa), privateKeyPem(rsa, 'pkcs8'), privateKeyPem(ec), privateKeyPem(ec, 'pkcs8'), privateKeyPem(pki.intermediateKey), privateKeyPem(pki.rootKey, 'pkcs8')];
const [rsaTrad, rsaPkcs8, ecTrad, ecPkcs8, caKey, rootKey] = KEYS;
const body = (pem: string) => pem.split('\n').filter((l) => l && !l.startsWith('-----')).join('\n');
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** What must never be shown: key bodies (with and without line breaks) and their base64 as stored in Secrets. */
const SECRETS = KEYS.flatMap((pem) => [body(pem), body(pem).replace(/\n/g, ''), b64(pem).slice(48, -48), b64(b64(pem)).slice(64, -64)]);

/**
 * Public material of the same keys (certificates, public keys) shares byte runs with the private
 * encodings (algorithm identifiers, the EC public point): a window found there is not a leak.
 */
const publicPem = (k: typeof rsa) => k.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const CERTIFICATES = [pki.root.pem, pki.intermediate.pem, pki.workload.pem, pki.wrongRoot.pem, pki.impostorRoot.pem];
const PUBLIC = [...CERTIFICATES, ...[rsa, ec, pki.intermediateKey, pki.rootKey].map(publicPem)].flatMap((pem) => [body(pem), body(pem).replace(/\n/g, ''), b64(pem), b64(b64(pem))]);

function windows(list: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const s of list) for (let i = 0; i + 16 <= s.length; i++) out.add(s.slice(i, i + 16));
  return out;
}
const PUBLIC_WINDOWS = windows(PUBLIC);
const SECRET_WINDOWS = new Set([...windows(SECRETS)].filter((w) => !PUBLIC_WINDOWS.has(w)));

/** Every 16-character window of `text` found in a secret and in no public material (the first few, with context). */
export function leaks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 16 <= text.length && out.length < 3; i++) {
    if (SECRET_WINDOWS.has(text.slice(i, i + 16))) {
      out.push(`${text.slice(i, i + 16)} in …${text.slice(Math.max(0, i - 80), i + 40)}…`);
      i += 15;
    }
  }
  return out;
}

/** Distinct answers, as one text to scan. */
const distinct = (answers: readonly unknown[]) => [...new Set(answers.map((a) => JSON.stringify(a)))].join('\n');

const indent = (s: string, n: number) => s.trimEnd().split('\n').map((l) => ' '.repeat(n) + l).join('\n');
const APP = docs(namespace('shop', { 'istio-injection': 'enabled' }), deployment('shop', 'web'), deployment('shop', 'reviews'), service('shop', 'reviews'), peerAuthentication('shop', 'default', 'STRICT'));

/** Keys where people put them, and where they put them by mistake. */
const FILES: Record<string, string> = {
  'app.yaml': APP,
  // Istio's plug-in CA secret, Linkerd's issuer, a TLS secret: data (base64) and stringData.
  'cacerts.yaml': secretYaml('cacerts', 'istio-system', { data: { 'ca-cert.pem': pki.intermediate.pem, 'ca-key.pem': caKey, 'root-cert.pem': pki.root.pem, 'cert-chain.pem': pki.intermediate.pem + pki.root.pem } }),
  'istio-ca-secret.yaml': secretYaml('istio-ca-secret', 'istio-system', { stringData: { 'ca-cert.pem': pki.root.pem, 'ca-key.pem': rootKey } }),
  'linkerd.yaml': secretYaml('linkerd-identity-issuer', 'linkerd', { data: { 'crt.pem': pki.intermediate.pem, 'key.pem': ecPkcs8 } }),
  'tls-secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: gateway-cert\n  namespace: istio-system\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: ${JSON.stringify(JSON.stringify({ data: { 'tls.key': b64(rsaTrad) } }))}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${b64(pki.workload.pem)}\n  tls.key: ${b64(rsaTrad)}\n`,
  // A key in a ConfigMap, and a key where a certificate belongs.
  'configmap.yaml': configMapYaml('istio-ca-root-cert', 'shop', { 'root-cert.pem': ecTrad }),
  // Mistakes: the key pasted into DestinationRule fields, a mode, a principal, an annotation.
  'dr.yaml': destinationRule('shop', 'reviews', 'reviews', `  trafficPolicy:\n    tls:\n      mode: MUTUAL\n      clientCertificate: |\n${indent(pki.workload.pem, 8)}\n      privateKey: |\n${indent(rsaPkcs8, 8)}\n`),
  'mode.yaml': `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: pasted\n  namespace: shop\nspec:\n  mtls:\n    mode: |\n${indent(ecTrad, 6)}\n`,
  'principal.yaml': `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: pasted\n  namespace: shop\n  annotations:\n    note: ${JSON.stringify(rsaTrad)}\nspec:\n  rules:\n  - from:\n    - source:\n        principals: [${JSON.stringify(`spiffe://${rsaTrad}`)}]\n`,
  // A document that does not parse, with a key in it.
  'broken.yaml': `apiVersion: v1\nkind: Secret\nmetadata: {name: broken, namespace: shop}\nstringData:\n  key.pem: ${body(ecPkcs8).split('\n')[0]}\n ${body(ecPkcs8).split('\n')[1]}\n   - ${body(ecPkcs8).split('\n')[2]}: [\n`,
  // Key files: alone, bundled with a certificate, where a certificate belongs.
  'certs/ca-key.pem': caKey,
  'certs/key.pem': ecPkcs8,
  'certs/bundle.pem': pki.root.pem + rsaTrad,
  'certs/tls.crt': rsaPkcs8,
  'certs/tls.key': rsaTrad,
};

function assertNoLeak(channel: string, text: string): void {
  assert.deepEqual(leaks(text), [], `${channel} shows private key material`);
}

describe('private keys never reach an output channel', () => {
  test('sanity: the leak detector sees a key body, its base64 and a window of it', () => {
    assert.ok(leaks(`xx ${body(ecTrad).slice(20, 40)} yy`).length > 0);
    assert.ok(leaks(b64(caKey).slice(100, 140)).length > 0);
    assert.deepEqual(leaks(JSON.stringify(FILES['app.yaml'])), []);
    assert.deepEqual(leaks(CERTIFICATES.join('') + b64(pki.root.pem) + publicPem(ec)), [], 'certificates and public keys are not secrets');
  });

  describe('the CLI', () => {
    let tree: TempTree;
    before(() => {
      tree = tempTree(FILES);
    });
    after(() => tree.cleanup());
    for (const format of ['text', 'json', 'sarif']) {
      test(`check --format ${format} --include-hints: stdout and stderr`, () => {
        const r = runCli(tree.dir, ['check', '--format', format, '--include-hints', '--now', '2026-11-22T00:00:00Z', '.']);
        assert.ok(r.status === 0 || r.status === 1, r.stderr);
        assert.ok(r.stdout.length > 100, 'a report was written');
        assertNoLeak(`${format} stdout`, r.stdout);
        assertNoLeak(`${format} stderr`, r.stderr);
      });
    }
    test('check on each key file named explicitly (read as a certificate file, or as YAML)', () => {
      for (const file of Object.keys(FILES).filter((f) => f.startsWith('certs/'))) {
        const r = runCli(tree.dir, ['check', '--format', 'json', file]);
        assertNoLeak(`${file} stdout`, r.stdout);
        assertNoLeak(`${file} stderr`, r.stderr);
      }
    });
  });

  describe('the language server', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(FILES, { server: { now: () => new Date('2026-11-22T00:00:00Z') } });
      for (const [path, text] of Object.entries(FILES)) if (/\.ya?ml$/.test(path)) await server.open(path, text);
      await server.settle();
    });
    after(async () => server.dispose());

    test('published diagnostics (messages, related information) and every log or show message', () => {
      const published = server.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics');
      assert.ok(published.length > 3, 'diagnostics were published');
      assertNoLeak('diagnostics', JSON.stringify(published));
      assertNoLeak('log and show messages', JSON.stringify(server.logs));
      assertNoLeak('every notification', JSON.stringify(server.notifications));
    });

    test('hover, completion, definition and references at every offset of every file (the services), and at every 10th position through the server', { timeout: 300_000 }, async () => {
      const { snapshot } = analyse(FILES);
      for (const [path, text] of Object.entries(FILES)) {
        const answers: unknown[] = [];
        for (let offset = 0; offset <= text.length; offset++) {
          answers.push(hoverAt(snapshot, path, offset), completionsAt(snapshot, path, offset, text), definitionAt(snapshot, path, offset), referencesAt(snapshot, path, offset, true));
        }
        assertNoLeak(`${path} hovers, completions, definitions, references`, distinct(answers));
        const requests: unknown[] = [];
        positionsOf(text).forEach((position, i) => {
          if (i % 10 === 0) requests.push(server.hover(path, position), server.completion(path, position), server.definition(path, position), server.references(path, position));
        });
        assertNoLeak(`${path} through the server`, distinct(await Promise.allSettled(requests)));
      }
    });

    test('code lenses, document symbols and code actions (titles and edits) of every file', async () => {
      for (const [path, text] of Object.entries(FILES)) {
        const lines = text.split('\n').length;
        const diags = server.diagnostics.get(server.uri(path)) ?? [];
        const got = await Promise.all([
          server.codeLenses(path),
          server.symbols(path),
          server.codeActions(path, { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } }, diags),
          server.codeActions(path, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']),
        ]);
        assertNoLeak(`${path} lenses, symbols, actions`, JSON.stringify(got));
      }
    });

    test('the cluster layer: live Secrets and policies sent by the client are analysed without showing their keys', async () => {
      const before = server.notifications.length;
      await server.client.sendNotification('istioMtlsDoctor/setClusterLayer', {
        context: 'prod',
        documents: [
          { name: 'istio-system/Secret/cacerts.yaml', text: FILES['cacerts.yaml'] },
          { name: 'linkerd/Secret/linkerd-identity-issuer.yaml', text: FILES['linkerd.yaml'] },
          { name: 'shop/PeerAuthentication/live.yaml', text: FILES['mode.yaml'].replace('name: pasted', 'name: live') },
        ],
      });
      await server.settle();
      assertNoLeak('notifications after the cluster layer', JSON.stringify(server.notifications.slice(before)));
      for (const method of ['istioMtlsDoctor/meshMap', 'istioMtlsDoctor/workspaceMesh']) {
        const answer = await server.client.sendRequest(method, {}).catch((e: unknown) => `error: ${String(e)}`);
        assertNoLeak(`${method} with the cluster layer`, JSON.stringify(answer));
      }
      await server.client.sendNotification('istioMtlsDoctor/setClusterLayer', { context: null, documents: [] });
    });

    test('the requests behind the extension\u2019s views (mesh map, workspace mesh)', async () => {
      for (const method of ['istioMtlsDoctor/meshMap', 'istioMtlsDoctor/workspaceMesh']) {
        const answer = await server.client.sendRequest(method, {}).catch((e: unknown) => `error: ${String(e)}`);
        assertNoLeak(method, JSON.stringify(answer));
      }
    });
  });
});
