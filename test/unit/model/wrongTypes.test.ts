import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { readResources, type Resource } from '../../../server/src/model/resource';
import { buildMeshModel } from '../../../server/src/model/meshModel';
import { allTlsBlocks } from '../../../server/src/model/kinds/destinationRule';
import { MeshSemantics } from '../../../server/src/semantics/meshSemantics';
import { coveredPorts, negativeSourceFields, positiveIdentityConditions, positiveSourceFields, workloadsOfPolicy } from '../../../server/src/semantics/authorization';
import { parsePrincipal } from '../../../server/src/semantics/principals';
import { serviceReferences } from '../../../server/src/semantics/hostReferences';
import { analyze } from '../../support/workspace';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A small mesh that reaches every reader and most semantics. */
const BASE: Json[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'istio-injection': 'enabled' } } },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'reviews', namespace: 'shop', creationTimestamp: '2024-01-01T00:00:00Z' },
    spec: {
      template: {
        metadata: { labels: { app: 'reviews', version: 'v1' }, annotations: { 'traffic.sidecar.istio.io/excludeInboundPorts': '9999' } },
        spec: {
          serviceAccountName: 'reviews',
          hostNetwork: false,
          containers: [{ name: 'app', image: 'x', ports: [{ name: 'http', containerPort: 9080 }], env: [{ name: 'U', value: 'http://ratings.shop:9080' }], args: ['--x=reviews'], command: ['run'] }],
        },
      },
    },
  },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'job', namespace: 'shop' }, spec: { jobTemplate: { spec: { template: { metadata: { labels: { app: 'job' } }, spec: { containers: [{ name: 'c' }] } } } } } },
  { apiVersion: 'networking.istio.io/v1', kind: 'WorkloadEntry', metadata: { name: 'vm', namespace: 'shop' }, spec: { address: '10.0.0.1', labels: { app: 'reviews', 'security.istio.io/tlsMode': 'istio' }, ports: { http: 9080 }, serviceAccount: 'vm' } },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'reviews', namespace: 'shop', annotations: { 'networking.istio.io/exportTo': '*' } },
    spec: { selector: { app: 'reviews' }, ports: [{ name: 'http', port: 80, targetPort: 'http', appProtocol: 'http' }, { name: 'tcp', port: 81, targetPort: 9081 }] },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'shop' }, spec: { clusterIP: 'None', selector: { app: 'reviews' }, ports: [{ port: 5432 }] } },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: { name: 'ext', namespace: 'shop' },
    spec: { hosts: ['api.example.com'], location: 'MESH_INTERNAL', resolution: 'STATIC', exportTo: ['*'], workloadSelector: { labels: { app: 'reviews' } }, ports: [{ number: 443, name: 'https', protocol: 'TLS', targetPort: 8443 }], endpoints: [{ address: '1.2.3.4', labels: { a: 'b' }, ports: { https: 8443 } }] },
  },
  { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'istio-system' }, spec: { mtls: { mode: 'STRICT' } } },
  { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'shop' }, spec: { mtls: { mode: 'PERMISSIVE' } } },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: { name: 'wl', namespace: 'shop' },
    spec: { selector: { matchLabels: { app: 'reviews' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { '9080': { mode: 'DISABLE' } } },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'reviews', namespace: 'shop' },
    spec: {
      host: 'reviews',
      exportTo: ['*'],
      trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL', sni: 'x' }, portLevelSettings: [{ port: { number: 81 }, tls: { mode: 'MUTUAL', credentialName: 'c', clientCertificate: 'a', privateKey: 'b', insecureSkipVerify: true } }] },
      subsets: [{ name: 'v1', labels: { version: 'v1' }, trafficPolicy: { tls: { mode: 'DISABLE' }, portLevelSettings: [{ port: { number: 80 } }] } }],
    },
  },
  { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'sel', namespace: 'shop' }, spec: { host: '*.local', workloadSelector: { matchLabels: { app: 'reviews' } }, trafficPolicy: { tls: { mode: 'SIMPLE' } } } },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'reviews', namespace: 'shop' },
    spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1', port: { number: 80 } } }], mirror: { host: 'reviews', subset: 'v1' }, mirrors: [{ destination: { host: 'reviews' } }] }], tcp: [{ route: [{ destination: { host: 'reviews' } }] }] },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: 'ap', namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: 'reviews' } },
      action: 'DENY',
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/a/sa/b'], notNamespaces: ['x'] } }], to: [{ operation: { ports: ['9080'], notPorts: ['1'] } }], when: [{ key: 'source.namespace', values: ['a'], notValues: ['b'] }] }],
    },
  },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reviews', namespace: 'shop' } },
  { apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', metadata: { name: 'io', namespace: 'istio-system' }, spec: { meshConfig: { rootNamespace: 'istio-system', trustDomain: 'cluster.local', enableAutoMtls: true } } },
];

const MESH: Json = { rootNamespace: 'istio-system', trustDomain: 'td.example', trustDomainAliases: ['cluster.local'], enableAutoMtls: true, defaultDestinationRuleExportTo: ['*'], caCertificates: [{ pem: 'x', trustDomains: ['p'] }] };
const meshConfigMap = (mesh: Json): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio', namespace: 'istio-system' }, data: { mesh: stringify(mesh) } });

const WRONG: Json[] = [7, ['x', 1], 'str', null, { k: { j: 1 } }, true, [], {}];

/** Every path to a value inside a document (keys of maps and indexes of lists). */
function paths(v: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  if (Array.isArray(v)) v.forEach((x, i) => { out.push([...prefix, i]); out.push(...paths(x, [...prefix, i])); });
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.push([...prefix, k]); out.push(...paths(x, [...prefix, k])); }
  return out;
}

function replaced(v: Json, path: Array<string | number>, value: Json): Json {
  const copy = structuredClone(v);
  let cur = copy as { [k: string]: Json } | Json[];
  for (const key of path.slice(0, -1)) cur = (cur as Record<string | number, Json>)[key] as { [k: string]: Json } | Json[];
  (cur as Record<string | number, Json>)[path[path.length - 1]] = value;
  return copy;
}

/** Builds the model and asks every semantics question the rules ask. */
function exercise(values: Json[]): void {
  const resources: Resource[] = values.flatMap((v, i) => readResources(v, 'f.yaml', i));
  const model = buildMeshModel(resources);
  const sem = new MeshSemantics(model);
  for (const w of model.workloads) {
    sem.injection(w);
    sem.workloadPolicies(w);
    sem.serverMode(w, undefined);
    for (const p of sem.inboundPorts(w)) sem.serverMode(w, p);
    for (const r of w.references) serviceReferences(r.text);
  }
  for (const ns of new Set([...model.namespaces.keys(), ...model.workloads.map((w) => w.namespace)])) sem.namespaceMode(ns);
  for (const c of sem.cells) {
    sem.endpointOutcomes(c);
    sem.ownerOf(c);
  }
  for (const ap of model.authorizationPolicies) {
    workloadsOfPolicy(model, ap, sem.rootNamespace);
    for (const r of ap.rules) {
      coveredPorts(r);
      for (const c of positiveIdentityConditions(r)) c.values.forEach(parsePrincipal);
      for (const s of r.from) for (const f of [...positiveSourceFields(s), ...negativeSourceFields(s)]) f.values.forEach(parsePrincipal);
    }
  }
  for (const dr of model.destinationRules) allTlsBlocks(dr);
}

const ALL: Json[] = [...BASE, meshConfigMap(MESH)];

describe('model: wrong types never throw', () => {
  test('the base mesh exercises the semantics (sanity)', () => {
    const model = buildMeshModel(ALL.flatMap((v, i) => readResources(v, 'f.yaml', i)));
    assert.equal(model.workloads.length, 3);
    assert.equal(model.mesh.trustDomain, 'td.example');
    assert.ok(new MeshSemantics(model).cells.length > 0);
  });
  test('a number, list, string, null or map at any field of any resource never throws (model and semantics)', () => {
    let runs = 0;
    const failures: string[] = [];
    ALL.forEach((docValue, di) => {
      for (const path of paths(docValue)) {
        for (const wrong of WRONG) {
          const values = ALL.map((v, i) => (i === di ? replaced(v, path, wrong) : v));
          try {
            exercise(values);
          } catch (e) {
            failures.push(`${String((docValue as { kind?: string }).kind)} ${path.join('.')} = ${JSON.stringify(wrong)}: ${String(e)}`);
          }
          runs++;
        }
      }
    });
    assert.ok(runs > 1000, `ran ${runs} mutations`);
    assert.deepEqual(failures.slice(0, 10), []);
  });
  test('whole documents of the wrong shape never throw', () => {
    for (const wrong of WRONG) exercise([...ALL, wrong]);
    exercise(ALL.map((v) => replaced(v, ['spec'], 5)));
    exercise(ALL.map((v) => replaced(v, ['metadata'], ['x'])));
  });
  test('wrong types inside the mesh config never throw', () => {
    const failures: string[] = [];
    for (const path of paths(MESH)) {
      for (const wrong of WRONG) {
        try {
          exercise([...BASE, meshConfigMap(replaced(MESH, path, wrong))]);
        } catch (e) {
          failures.push(`mesh ${path.join('.')} = ${JSON.stringify(wrong)}: ${String(e)}`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });
  test('the whole engine (rules included) survives wrong types at the fields of the core kinds', () => {
    const failures: string[] = [];
    const core = new Set(['PeerAuthentication', 'DestinationRule', 'Deployment', 'Service', 'AuthorizationPolicy', 'Namespace']);
    ALL.forEach((docValue, di) => {
      if (!core.has(String((docValue as { kind?: string }).kind))) return;
      for (const path of paths(docValue)) {
        for (const wrong of [7, ['x'], null, { k: 1 }]) {
          const text = ALL.map((v, i) => stringify(i === di ? replaced(v, path, wrong) : v)).join('---\n');
          try {
            analyze({ 'all.yaml': text });
          } catch (e) {
            failures.push(`${String((docValue as { kind?: string }).kind)} ${path.join('.')} = ${JSON.stringify(wrong)}: ${String(e).split('\n')[0]}`);
          }
        }
      }
    });
    assert.deepEqual(failures.slice(0, 10), []);
  });
});
