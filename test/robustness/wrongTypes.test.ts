// Issue 7 "Inputs": wrong types at every field the engine reads (a string where a map belongs, a
// list where a string belongs, numbers as ports and as strings, nulls): a finding or silence,
// never a throw. Beyond test/unit/model/wrongTypes.test.ts (model and semantics of the core
// kinds): every kind, the whole engine, and the editor features at every offset of the mutated
// document, directly and through the language server.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { exercise, lineLengths, type Files } from '../fuzz/engineRun';
import { renderYaml } from '../fuzz/render';
import type { Json } from '../fuzz/arbitraries';
import type { ParsedFile } from '../../server/src/workspace/parsedFile';
import { startTestServer, positionsOf, type TestServer } from './support/server';

/** A mesh that reaches every reader: each kind the engine reads, with the fields it reads. */
const BASE: Json[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'istio-injection': 'enabled' } } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'legacy', labels: { 'istio.io/rev': 'canary' } } },
  {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'reviews', namespace: 'shop', annotations: { 'sidecar.istio.io/inject': 'true' } },
    spec: {
      selector: { matchLabels: { app: 'reviews' } },
      template: {
        metadata: { labels: { app: 'reviews', version: 'v1' }, annotations: { 'traffic.sidecar.istio.io/excludeInboundPorts': '9999', 'traffic.sidecar.istio.io/includeInboundPorts': '*' } },
        spec: { serviceAccountName: 'reviews', hostNetwork: false, containers: [{ name: 'app', image: 'x', ports: [{ name: 'http', containerPort: 9080, protocol: 'TCP' }], env: [{ name: 'UPSTREAM', value: 'http://ratings.shop:9080' }], args: ['--x=ratings'] }] },
      },
    },
  },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { template: { metadata: { labels: { app: 'web' } }, spec: { serviceAccountName: 'web', containers: [{ name: 'web', env: [{ name: 'U', value: 'reviews.shop.svc.cluster.local:80' }] }] } } } },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'job', namespace: 'legacy' }, spec: { jobTemplate: { spec: { template: { metadata: { labels: { app: 'job' } }, spec: { containers: [{ name: 'c' }] } } } } } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod', namespace: 'legacy', labels: { app: 'pod' }, annotations: { 'sidecar.istio.io/inject': 'false' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080 }] }] } },
  { apiVersion: 'networking.istio.io/v1', kind: 'WorkloadEntry', metadata: { name: 'vm', namespace: 'shop' }, spec: { address: '10.0.0.1', labels: { app: 'reviews' }, ports: { http: 9080 }, serviceAccount: 'vm' } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'reviews', namespace: 'shop' }, spec: { selector: { app: 'reviews' }, ports: [{ name: 'http', port: 80, targetPort: 'http', appProtocol: 'http' }, { name: 'tcp', port: 81, targetPort: 9081 }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'pod', namespace: 'legacy' }, spec: { selector: { app: 'pod' }, ports: [{ port: 8080 }], type: 'ClusterIP' } },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reviews', namespace: 'shop' } },
  { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 'ext', namespace: 'shop' }, spec: { hosts: ['api.example.com'], location: 'MESH_EXTERNAL', resolution: 'DNS', exportTo: ['*'], ports: [{ number: 443, name: 'https', protocol: 'TLS', targetPort: 8443 }], endpoints: [{ address: '1.2.3.4', labels: { a: 'b' }, ports: { https: 8443 } }], workloadSelector: { labels: { app: 'reviews' } } } },
  { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'istio-system' }, spec: { mtls: { mode: 'STRICT' } } },
  { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'legacy' }, spec: { mtls: { mode: 'DISABLE' } } },
  { apiVersion: 'security.istio.io/v1beta1', kind: 'PeerAuthentication', metadata: { name: 'wl', namespace: 'shop', creationTimestamp: '2024-01-01T00:00:00Z' }, spec: { selector: { matchLabels: { app: 'reviews' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { '9080': { mode: 'PERMISSIVE' }, 80: { mode: 'DISABLE' } } } },
  {
    apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'reviews', namespace: 'shop' },
    spec: {
      host: 'reviews', exportTo: ['.'],
      trafficPolicy: { tls: { mode: 'DISABLE' }, portLevelSettings: [{ port: { number: 81 }, tls: { mode: 'MUTUAL', credentialName: 'c', clientCertificate: 'a', privateKey: 'b', insecureSkipVerify: true, sni: 'x', subjectAltNames: ['s'] } }, { port: { number: 80 } }] },
      subsets: [{ name: 'v1', labels: { version: 'v1' }, trafficPolicy: { tls: {} } }],
    },
  },
  { apiVersion: 'networking.istio.io/v1beta1', kind: 'DestinationRule', metadata: { name: 'ext', namespace: 'shop' }, spec: { host: 'api.example.com', workloadSelector: { matchLabels: { app: 'reviews' } }, trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } } },
  { apiVersion: 'networking.istio.io/v1alpha3', kind: 'VirtualService', metadata: { name: 'reviews', namespace: 'shop' }, spec: { hosts: ['reviews'], gateways: ['mesh'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1', port: { number: 80 } }, weight: 100 }], mirror: { host: 'reviews', subset: 'v1' } }], tcp: [{ route: [{ destination: { host: 'reviews' } }] }], tls: [{ match: [{ sniHosts: ['reviews'] }], route: [{ destination: { host: 'reviews' } }] }] } },
  {
    apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'ap', namespace: 'shop' },
    spec: { selector: { matchLabels: { app: 'reviews' } }, action: 'ALLOW', rules: [{ from: [{ source: { principals: ['spiffe://cluster.local/ns/shop/sa/web'], notNamespaces: ['x'], namespaces: ['legacy'], requestPrincipals: ['*'] } }], to: [{ operation: { ports: ['9080'], notPorts: ['1'], hosts: ['reviews'] } }], when: [{ key: 'source.namespace', values: ['legacy'], notValues: ['b'] }] }] },
  },
  { apiVersion: 'authentication.istio.io/v1alpha1', kind: 'Policy', metadata: { name: 'default', namespace: 'legacy' }, spec: { peers: [{ mtls: { mode: 'PERMISSIVE' } }], targets: [{ name: 'pod', ports: [{ number: 8080 }] }] } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio', namespace: 'istio-system' }, data: { mesh: 'enableAutoMtls: true\ntrustDomain: cluster.local\ntrustDomainAliases: [old.example]\nrootNamespace: istio-system\n' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cacerts', namespace: 'istio-system' }, type: 'Opaque', data: { 'ca-cert.pem': 'bm90IGEgY2VydA==', 'root-cert.pem': 'bm90IGEgY2VydA==' } },
  { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web', namespace: 'shop' } }] },
];

/** Wrong values for a scalar field and for a collection field. */
const FOR_SCALAR: Json[] = [{ k: 'v' }, ['x', 1], null, 99999, -1, 1.5, true, '', '9080', 'http'];
const FOR_COLLECTION: Json[] = ['str', 7, null, [], {}, [[['deep']]], true, { '': null }];

type Path = Array<string | number>;

function paths(v: Json, prefix: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push([...prefix, i], ...paths(x, [...prefix, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push([...prefix, k], ...paths(x, [...prefix, k]));
  return out;
}

function at(v: Json, path: Path): Json {
  return path.reduce<Json>((cur, k) => (cur as Record<string | number, Json>)[k], v);
}

function replaced(v: Json, path: Path, value: Json): Json {
  const copy = structuredClone(v);
  const parent = at(copy, path.slice(0, -1)) as Record<string | number, Json>;
  parent[path[path.length - 1]] = value;
  return copy;
}

function wrongValuesFor(original: Json): Json[] {
  return original !== null && typeof original === 'object' ? FOR_COLLECTION : FOR_SCALAR;
}

/** The unchanged rest of the mesh is parsed once per document index. */
const parseCache = new Map<string, ParsedFile>();

function workspaceWith(docIndex: number, value: Json): Files {
  return { 'mutated.yaml': renderYaml([value]), 'rest.yaml': renderYaml(BASE.filter((_, i) => i !== docIndex)) };
}

const describeDoc = (d: Json) => `${String((d as { kind?: string }).kind)}/${String((d as { metadata?: { name?: string } }).metadata?.name)}`;

describe('wrong types through the whole engine and the editor features', () => {
  test('the base mesh is analysed without problems and has findings (sanity)', () => {
    const { problems, findings } = exercise({ 'all.yaml': renderYaml(BASE) }, { offsets: 50 });
    assert.deepEqual(problems, []);
    assert.ok(findings.length >= 5, findings.map((f) => f.rule).join(', '));
  });

  test('every field of every kind, every wrong type: no throw, no failing rule set, every range inside its file', { timeout: 300_000 }, () => {
    const failures: string[] = [];
    let runs = 0;
    BASE.forEach((doc, di) => {
      for (const path of paths(doc)) {
        for (const wrong of wrongValuesFor(at(doc, path))) {
          const { problems } = exercise(workspaceWith(di, replaced(doc, path, wrong)), { features: false, parseCache });
          runs++;
          for (const p of problems) failures.push(`${describeDoc(doc)} ${path.join('.')} = ${JSON.stringify(wrong)}: ${p.kind} ${p.where}: ${p.message.split('\n')[0]}`);
        }
      }
      // The whole document, and each top-level section, of the wrong shape.
      for (const wrong of FOR_COLLECTION) {
        for (const section of [[], ['metadata'], ['spec']] as Path[]) {
          const value = section.length === 0 ? wrong : replaced(doc, section, wrong);
          for (const p of exercise(workspaceWith(di, value), { features: false, parseCache }).problems) failures.push(`${describeDoc(doc)} ${section.join('.') || '(document)'} = ${JSON.stringify(wrong)}: ${p.kind} ${p.where}: ${p.message.split('\n')[0]}`);
        }
      }
    });
    assert.ok(runs > 2000, `${runs} mutations`);
    assert.deepEqual(failures.slice(0, 15), []);
  });

  test('hover, definition, references and completion at every offset of the mutated document, symbols, lenses and code actions: never a throw, ranges inside', { timeout: 300_000 }, () => {
    const failures: string[] = [];
    BASE.forEach((doc, di) => {
      const all = paths(doc);
      // A spread of fields per document, each with one wrong value (a map, a list or null where a scalar belongs; a scalar where a map belongs).
      const chosen = all.filter((_, i) => i % Math.max(1, Math.floor(all.length / 3)) === 0);
      for (const [n, path] of chosen.entries()) {
        for (const wrong of [wrongValuesFor(at(doc, path))[n % 3]]) {
          const files = workspaceWith(di, replaced(doc, path, wrong));
          const { problems } = exercise(files, { parseCache, offsets: 0, extraOffsets: (p, text) => (p === 'mutated.yaml' ? Array.from({ length: text.length + 1 }, (_, i) => i) : []) });
          for (const p of problems) failures.push(`${describeDoc(doc)} ${path.join('.')} = ${JSON.stringify(wrong)}: ${p.kind} ${p.where}: ${p.message.split('\n')[0]}`);
        }
      }
    });
    assert.deepEqual(failures.slice(0, 15), []);
  });
});

describe('wrong types and odd positions through the language server', () => {
  const servers: TestServer[] = [];
  after(async () => {
    for (const s of servers) await s.dispose();
  });

  test('requests at every position of mutated documents, and at positions past the end: answered, never an error', { timeout: 120_000 }, async () => {
    const server = await startTestServer({ 'rest.yaml': renderYaml(BASE) });
    servers.push(server);
    const failures: string[] = [];
    const mutants: Array<[string, Json]> = [
      ['DestinationRule tls a list', replaced(BASE[14], ['spec', 'trafficPolicy', 'tls'], ['x'])],
      ['PeerAuthentication portLevelMtls a string', replaced(BASE[13], ['spec', 'portLevelMtls'], 'str')],
      ['AuthorizationPolicy rules of numbers', replaced(BASE[17], ['spec', 'rules'], [1, 2])],
      ['Service port a map', replaced(BASE[7], ['spec', 'ports', 0, 'port'], { number: 80 })],
      ['VirtualService destination null', replaced(BASE[16], ['spec', 'http', 0, 'route', 0, 'destination'], null)],
      ['Deployment containers a string', replaced(BASE[2], ['spec', 'template', 'spec', 'containers'], 'app')],
    ];
    let version = 1;
    for (const [name, value] of mutants) {
      const text = renderYaml([value]);
      await server.open('mutated.yaml', text, version++);
      await server.settle();
      const lines = lineLengths(text);
      const odd = [{ line: lines.length + 5, character: 0 }, { line: 0, character: 10_000 }, { line: lines.length - 1, character: 9_999 }, { line: 2 ** 31 - 1, character: 2 ** 31 - 1 }];
      for (const position of [...positionsOf(text), ...odd]) {
        for (const [what, ask] of [['hover', server.hover], ['definition', server.definition], ['references', server.references], ['completion', server.completion]] as const) {
          await ask('mutated.yaml', position).catch((e: unknown) => failures.push(`${name} ${what} ${JSON.stringify(position)}: ${String(e)}`));
        }
      }
      await server.symbols('mutated.yaml').catch((e: unknown) => failures.push(`${name} symbols: ${String(e)}`));
      await server.codeLenses('mutated.yaml').catch((e: unknown) => failures.push(`${name} lenses: ${String(e)}`));
      const diags = server.diagnostics.get(server.uri('mutated.yaml')) ?? [];
      await server.codeActions('mutated.yaml', { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } }, diags).catch((e: unknown) => failures.push(`${name} actions: ${String(e)}`));
      await server.codeActions('mutated.yaml', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']).catch((e: unknown) => failures.push(`${name} fixAll: ${String(e)}`));
      await server.close('mutated.yaml');
    }
    assert.deepEqual(failures.slice(0, 10), []);
    assert.deepEqual(server.logs.filter((l) => l.type === 1).map((l) => l.message.split('\n')[0]), []);
  });
});
