import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { semanticsOf, docs } from '../../support/workspace';
import { readResource, readResources, identityOf, apiGroupOf, isClusterScoped } from '../../../server/src/model/resource';
import { readPeerAuthentication } from '../../../server/src/model/kinds/peerAuthentication';
import { readDestinationRule, allTlsBlocks } from '../../../server/src/model/kinds/destinationRule';
import { readWorkload, declaredPorts } from '../../../server/src/model/kinds/workload';
import { readService, readServiceEntry } from '../../../server/src/model/kinds/service';
import { readVirtualService } from '../../../server/src/model/kinds/virtualService';
import { readAuthorizationPolicy } from '../../../server/src/model/kinds/authorizationPolicy';
import { readNamespace } from '../../../server/src/model/kinds/namespace';
import { readServiceAccount } from '../../../server/src/model/kinds/serviceAccount';
import { isEmptySelector, readSelector } from '../../../server/src/model/kinds/labels';
import { buildMeshModel } from '../../../server/src/model/meshModel';

const SRC = { file: 'f.yaml', docIndex: 0, basePath: [] as const };
const res = (value: unknown) => {
  const r = readResource(value, { ...SRC, basePath: [] });
  assert.ok(r, 'a resource');
  return r;
};
const doc = (apiVersion: string, kind: string, spec: unknown, metadata: Record<string, unknown> = { name: 'x', namespace: 'shop' }) => ({ apiVersion, kind, metadata, spec });

describe('model/resource', () => {
  test('rules.md a resource needs kind and metadata.name; wrong types read as absent', () => {
    assert.equal(readResource({ kind: 'Service' }, SRC), undefined);
    assert.equal(readResource({ metadata: { name: 'a' } }, SRC), undefined);
    assert.equal(readResource({ kind: 5, metadata: { name: 'a' } }, SRC), undefined);
    assert.equal(readResource({ kind: 'Service', metadata: ['name'] }, SRC), undefined);
    assert.equal(readResource({ kind: 'Service', metadata: { name: { a: 1 } } }, SRC), undefined);
    assert.equal(readResource({ kind: 'Service', metadata: { name: '  ' } }, SRC), undefined);
    assert.equal(readResource('kind: Service', SRC), undefined);
    assert.equal(readResource(null, SRC), undefined);
    assert.equal(readResource([1], SRC), undefined);
  });
  test('rules.md the effective namespace: metadata.namespace, else default; "" for cluster-scoped kinds', () => {
    assert.equal(res({ kind: 'Service', metadata: { name: 'a' } }).namespace, 'default');
    assert.equal(res({ kind: 'Service', metadata: { name: 'a', namespace: '' } }).namespace, 'default');
    assert.equal(res({ kind: 'Service', metadata: { name: 'a', namespace: { x: 1 } } }).namespace, 'default');
    assert.equal(res({ kind: 'Service', metadata: { name: 'a', namespace: ' shop ' } }).namespace, 'shop');
    assert.equal(res({ kind: 'Namespace', metadata: { name: 'a', namespace: 'x' } }).namespace, '');
    assert.equal(isClusterScoped('ClusterRole'), true);
    assert.equal(isClusterScoped('Deployment'), false);
  });
  test('numbers keep their text in name/namespace; labels and annotations drop non-scalars', () => {
    const r = res({ apiVersion: 'v1', kind: 'Service', metadata: { name: 42, namespace: 7, labels: { a: 1, b: [1], c: null }, annotations: 'x', creationTimestamp: 5 } });
    assert.equal(r.name, '42');
    assert.equal(r.namespace, '7');
    assert.deepEqual(r.labels, { a: '1' });
    assert.deepEqual(r.annotations, {});
  });
  test('API group and identity', () => {
    assert.equal(apiGroupOf('networking.istio.io/v1'), 'networking.istio.io');
    assert.equal(apiGroupOf('v1'), '');
    assert.equal(apiGroupOf(''), '');
    const a = res({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'r', namespace: 'shop' } });
    const b = res({ apiVersion: 'networking.istio.io/v1beta1', kind: 'DestinationRule', metadata: { name: 'r', namespace: 'shop' } });
    assert.equal(identityOf(a), identityOf(b), '§F2 versions of one group are one object');
    const c = res({ apiVersion: 'v1', kind: 'DestinationRule', metadata: { name: 'r', namespace: 'shop' } });
    assert.notEqual(identityOf(a), identityOf(c));
  });
  test('a List expands its items with distinct ids; other shapes of items are ignored', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [{ kind: 'Service', metadata: { name: 'a' } }, 5, null, { kind: 'Service' }, { kind: 'Service', metadata: { name: 'b' } }] };
    const rs = readResources(list, 'f.yaml', 3);
    assert.deepEqual(rs.map((r) => `${r.name}@${r.id}`), ['a@f.yaml#3/items/0', 'b@f.yaml#3/items/4']);
    assert.deepEqual(readResources({ apiVersion: 'v1', kind: 'List', items: 'nope' }, 'f.yaml', 0), []);
  });
});

describe('model/kinds PeerAuthentication', () => {
  const pa = (spec: unknown) => readPeerAuthentication(res(doc('security.istio.io/v1beta1', 'PeerAuthentication', spec)))!;
  test('§F1 both security.istio.io versions are read; another group is not', () => {
    assert.ok(pa({}));
    assert.equal(readPeerAuthentication(res(doc('authentication.istio.io/v1alpha1', 'PeerAuthentication', {}))), undefined);
  });
  test('§A5 modes: missing, null or UNSET read as UNSET; wrong case or type read as INVALID', () => {
    assert.equal(pa({}).mode.value, 'UNSET');
    assert.equal(pa({ mtls: null }).mode.value, 'UNSET');
    assert.equal(pa({ mtls: { mode: null } }).mode.value, 'UNSET');
    assert.equal(pa({ mtls: 'STRICT' }).mode.value, 'UNSET');
    assert.equal(pa({ mtls: { mode: 'STRICT' } }).mode.value, 'STRICT');
    assert.deepEqual(pa({ mtls: { mode: 'STRICT' } }).mode.path, ['spec', 'mtls', 'mode']);
    assert.equal(pa({ mtls: { mode: 'strict' } }).mode.value, 'INVALID');
    assert.equal(pa({ mtls: { mode: 2 } }).mode.value, 'INVALID');
    assert.equal(pa({ mtls: { mode: ['STRICT'] } }).mode.value, 'INVALID');
  });
  test('§A2 selectors: absent, empty or of the wrong type', () => {
    assert.equal(pa({}).selector, undefined);
    assert.equal(isEmptySelector(pa({ selector: {} }).selector), true);
    assert.equal(isEmptySelector(pa({ selector: { matchLabels: 5 } }).selector), true);
    assert.equal(pa({ selector: ['app'] }).selector, undefined);
    assert.deepEqual(pa({ selector: { matchLabels: { app: 'web', v: 2, bad: {} } } }).selector?.matchLabels, { app: 'web', v: '2' });
  });
  test('§A7 portLevelMtls: keys kept as written, valid ports parsed', () => {
    const p = pa({ selector: { matchLabels: { a: 'b' } }, portLevelMtls: { '8080': { mode: 'DISABLE' }, http: { mode: 'STRICT' }, '0': {}, '70000': { mode: 'STRICT' }, '9090': 'STRICT' } });
    assert.deepEqual(p.portLevel.map((e) => `${e.key}:${e.port ?? '-'}:${e.mode.value}`).sort(), ['0:-:UNSET', '70000:-:STRICT', '8080:8080:DISABLE', '9090:9090:UNSET', 'http:-:STRICT']);
    assert.equal(p.hasPortLevelMtls, true);
  });
  test('portLevelMtls of the wrong type is no entry, but its presence is recorded; null is absent', () => {
    assert.deepEqual(pa({ portLevelMtls: [1, 2] }).portLevel, []);
    assert.equal(pa({ portLevelMtls: [1, 2] }).hasPortLevelMtls, true);
    assert.equal(pa({ portLevelMtls: null }).hasPortLevelMtls, false);
    assert.equal(pa(5).hasPortLevelMtls, false);
    assert.equal(pa(5).mode.value, 'UNSET');
  });
});

describe('model/kinds DestinationRule', () => {
  const dr = (spec: unknown) => readDestinationRule(res(doc('networking.istio.io/v1alpha3', 'DestinationRule', spec)))!;
  test('§F2 read under any networking.istio.io version', () => {
    assert.ok(dr({ host: 'a' }));
  });
  test('§B8 tls blocks: no mode is DISABLE (modeGiven false); invalid modes are INVALID; a non-map tls is absent', () => {
    assert.equal(dr({ trafficPolicy: { tls: {} } }).trafficPolicy?.tls?.mode, 'DISABLE');
    assert.equal(dr({ trafficPolicy: { tls: {} } }).trafficPolicy?.tls?.modeGiven, false);
    assert.equal(dr({ trafficPolicy: { tls: { mode: null } } }).trafficPolicy?.tls?.mode, 'DISABLE');
    assert.equal(dr({ trafficPolicy: { tls: { mode: 'Istio_Mutual' } } }).trafficPolicy?.tls?.mode, 'INVALID');
    assert.equal(dr({ trafficPolicy: { tls: 'ISTIO_MUTUAL' } }).trafficPolicy?.tls, undefined);
    assert.equal(dr({ trafficPolicy: { tls: null } }).trafficPolicy?.tls, undefined);
    assert.equal(dr({ trafficPolicy: 'x' }).trafficPolicy, undefined);
  });
  test('§B9 credential fields', () => {
    const t = dr({ trafficPolicy: { tls: { mode: 'MUTUAL', clientCertificate: '/c', privateKey: 5, credentialName: ['x'], insecureSkipVerify: 'true' } } }).trafficPolicy!.tls!;
    assert.equal(t.hasClientCertificate, true);
    assert.equal(t.hasPrivateKey, true);
    assert.equal(t.credentialName, undefined);
    assert.equal(t.insecureSkipVerify, true);
  });
  test('§B6 portLevelSettings: port.number read as a port; wrong shapes give an entry without port', () => {
    const tp = dr({ trafficPolicy: { portLevelSettings: [{ port: { number: '80' }, tls: { mode: 'DISABLE' } }, { port: 80 }, 7, { port: { number: 0 } }] } }).trafficPolicy!;
    assert.deepEqual(tp.portLevel.map((p) => `${p.port ?? '-'}:${p.tls?.mode ?? '-'}`), ['80:DISABLE', '-:-', '-:-', '-:-']);
    assert.deepEqual(dr({ trafficPolicy: { portLevelSettings: { port: 80 } } }).trafficPolicy!.portLevel, []);
  });
  test('§B7 subsets need a name; wrong shapes are dropped', () => {
    const d = dr({ subsets: [{ name: 'v1', trafficPolicy: { tls: { mode: 'DISABLE' } } }, { labels: {} }, 'v2', { name: 3 }] });
    assert.deepEqual(d.subsets.map((s) => s.name), ['v1', '3']);
    assert.deepEqual(dr({ subsets: { v1: {} } }).subsets, []);
  });
  test('host and exportTo read defensively', () => {
    assert.equal(dr({ host: ' reviews ' }).host, 'reviews');
    assert.equal(dr({ host: ['a'] }).host, '');
    assert.equal(dr({}).host, '');
    assert.deepEqual(dr({ exportTo: ['.', ' * ', 5, null] }).exportTo, ['.', '*', '5']);
    assert.deepEqual(dr({ exportTo: '.' }).exportTo, []);
  });
  test('allTlsBlocks lists every level', () => {
    const d = dr({
      trafficPolicy: { tls: { mode: 'SIMPLE' }, portLevelSettings: [{ port: { number: 80 }, tls: {} }] },
      subsets: [{ name: 'v1', trafficPolicy: { tls: { mode: 'DISABLE' }, portLevelSettings: [{ port: { number: 81 }, tls: { mode: 'ISTIO_MUTUAL' } }] } }],
    });
    assert.deepEqual(allTlsBlocks(d).map((t) => t.path.join('.')), [
      'spec.trafficPolicy.tls',
      'spec.trafficPolicy.portLevelSettings.0.tls',
      'spec.subsets.0.trafficPolicy.tls',
      'spec.subsets.0.trafficPolicy.portLevelSettings.0.tls',
    ]);
  });
});

describe('model/kinds workloads', () => {
  test('rules.md every workload kind, with the pod template where the kind keeps it', () => {
    const template = { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] } };
    const kinds: Array<[string, string, unknown]> = [
      ['apps/v1', 'Deployment', { template }],
      ['apps/v1', 'StatefulSet', { template }],
      ['apps/v1', 'DaemonSet', { template }],
      ['apps/v1', 'ReplicaSet', { template }],
      ['batch/v1', 'Job', { template }],
      ['batch/v1', 'CronJob', { jobTemplate: { spec: { template } } }],
    ];
    for (const [api, kind, spec] of kinds) {
      const w = readWorkload(res(doc(api, kind, spec)));
      assert.ok(w, kind);
      assert.deepEqual(w.labels, { app: 'a' }, kind);
      assert.deepEqual(declaredPorts(w), [80], kind);
    }
    const pod = readWorkload(res({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'p' } }, spec: { containers: [] } }));
    assert.deepEqual(pod?.labels, { app: 'p' });
    assert.deepEqual(pod?.templatePath, []);
  });
  test('rules.md the service account: serviceAccountName, else serviceAccount, else default', () => {
    const w = (spec: unknown) => readWorkload(res({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec }))!;
    assert.equal(w({ serviceAccountName: 'sa' }).serviceAccount, 'sa');
    assert.equal(w({ serviceAccount: 'old' }).serviceAccount, 'old');
    assert.equal(w({}).serviceAccount, 'default');
    assert.equal(w({ serviceAccountName: { a: 1 } }).serviceAccount, 'default');
    assert.equal(w({ serviceAccountName: '' }).serviceAccount, 'default');
  });
  test('other groups and kinds are not workloads', () => {
    assert.equal(readWorkload(res(doc('v1', 'Deployment', {}))), undefined);
    assert.equal(readWorkload(res(doc('apps/v1', 'Pod', {}))), undefined);
    assert.equal(readWorkload(res(doc('v1', 'Service', {}))), undefined);
  });
  test('wrong types in the template read as absent', () => {
    const w = readWorkload(res(doc('apps/v1', 'Deployment', { template: { metadata: { labels: [1], annotations: 5 }, spec: { containers: { name: 'x' }, hostNetwork: 'yes' } } })))!;
    assert.deepEqual(w.labels, {});
    assert.deepEqual(w.annotations, {});
    assert.deepEqual(w.containers, []);
    assert.equal(w.hostNetwork, false);
    const w2 = readWorkload(res(doc('apps/v1', 'Deployment', { template: 5 })))!;
    assert.deepEqual(w2.containers, []);
    const w3 = readWorkload(res(doc('apps/v1', 'Deployment', 'x')))!;
    assert.deepEqual(w3.labels, {});
  });
  test('containers: ports with bad numbers are dropped; env values, args and commands collected', () => {
    const w = readWorkload(
      res(
        doc('apps/v1', 'Deployment', {
          template: {
            spec: {
              initContainers: [{ name: 'init', ports: [{ containerPort: 1 }] }],
              containers: [
                { name: 'c', ports: [{ containerPort: 'http' }, { containerPort: 70000 }, { containerPort: '81', name: 5 }, 'x'], env: [{ name: 'A', value: 5 }, 'B', { name: 'C', value: null }], args: [1, { a: 1 }], command: 'sh' },
                'not-a-container',
              ],
            },
          },
        }),
      ),
    )!;
    assert.deepEqual(w.containers.map((c) => `${c.name}:${c.ports.map((p) => `${p.containerPort}/${p.name ?? ''}`).join(',')}`), ['init:1/', 'c:81/5']);
    assert.deepEqual(w.references.map((r) => r.text), ['5', '1']);
  });
  test('rules.md kube-inject output: an istio-proxy container or a sidecar.istio.io/status annotation', () => {
    const w = (spec: unknown, annotations: unknown = {}) => readWorkload(res({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', annotations }, spec }))!;
    assert.equal(w({ containers: [{ name: 'istio-proxy' }] }).alreadyInjected, true);
    assert.equal(w({ initContainers: [{ name: 'istio-proxy' }] }).alreadyInjected, true, 'native sidecar (init container)');
    assert.equal(w({ containers: [{ name: 'app' }] }, { 'sidecar.istio.io/status': '{}' }).alreadyInjected, true);
    assert.equal(w({ containers: [{ name: 'app' }] }).alreadyInjected, false);
  });
  test('§B12 WorkloadEntry: labels, named ports and service account from spec', () => {
    const w = readWorkload(res(doc('networking.istio.io/v1', 'WorkloadEntry', { labels: { app: 'vm' }, ports: { http: 8080, bad: 'x' }, serviceAccount: 'vm-sa' })))!;
    assert.equal(w.kind, 'WorkloadEntry');
    assert.deepEqual(w.labels, { app: 'vm' });
    assert.deepEqual(w.namedPorts, { http: 8080 });
    assert.equal(w.serviceAccount, 'vm-sa');
    assert.deepEqual(readWorkload(res(doc('networking.istio.io/v1', 'WorkloadEntry', 5)))?.namedPorts, {});
  });
});

describe('model/kinds Service and ServiceEntry', () => {
  test('Service ports: targetPort number, numeric string, name, or the port itself', () => {
    const s = readService(res(doc('v1', 'Service', { selector: { app: 'a' }, ports: [{ port: 80, targetPort: 8080 }, { port: 81, targetPort: '8081' }, { port: 82, targetPort: 'web' }, { port: 83 }, { port: 84, targetPort: [1] }, { port: 'x' }, 5] })))!;
    assert.deepEqual(s.ports.map((p) => `${p.port}->${p.targetPort}`), ['80->8080', '81->8081', '82->web', '83->83', '84->84']);
    assert.deepEqual(s.selector, { app: 'a' });
  });
  test('Service: an empty or wrong-typed selector is no selector; clusterIP None is headless', () => {
    assert.equal(readService(res(doc('v1', 'Service', { selector: {} })))!.selector, undefined);
    assert.equal(readService(res(doc('v1', 'Service', { selector: 'app=a' })))!.selector, undefined);
    assert.equal(readService(res(doc('v1', 'Service', { clusterIP: 'None' })))!.headless, true);
    assert.equal(readService(res(doc('v1', 'Service', 7)))!.ports.length, 0);
  });
  test('§B13 Service exportTo annotation, comma separated', () => {
    const s = readService(res(doc('v1', 'Service', {}, { name: 's', namespace: 'n', annotations: { 'networking.istio.io/exportTo': ' ., web ,' } })))!;
    assert.deepEqual(s.exportTo, ['.', 'web']);
    assert.equal(readService(res(doc('v1', 'Service', {})))!.exportTo, undefined);
  });
  test('ServiceEntry defaults: MESH_EXTERNAL, resolution NONE', () => {
    const se = readServiceEntry(res(doc('networking.istio.io/v1', 'ServiceEntry', { hosts: ['a.com', 5, ' '], ports: [{ number: 443, name: 'https', protocol: 'TLS' }, { name: 'x' }] })))!;
    assert.equal(se.location, 'MESH_EXTERNAL');
    assert.equal(se.resolution, 'NONE');
    assert.deepEqual(se.hosts, ['a.com', '5']);
    assert.deepEqual(se.ports.map((p) => p.number), [443]);
  });
  test('ServiceEntry wrong types', () => {
    const se = readServiceEntry(res(doc('networking.istio.io/v1', 'ServiceEntry', { hosts: 'a.com', location: 5, workloadSelector: { labels: [1] }, endpoints: { a: 1 }, exportTo: '.' })))!;
    assert.deepEqual(se.hosts, []);
    assert.equal(se.location, 'MESH_EXTERNAL');
    assert.equal(se.workloadSelector, undefined);
    assert.deepEqual(se.endpoints, []);
    assert.deepEqual(se.exportTo, []);
  });
});

describe('model/kinds VirtualService, AuthorizationPolicy, Namespace, ServiceAccount', () => {
  test('VirtualService destinations from http/tcp/tls routes and mirrors; wrong shapes skipped', () => {
    const vs = readVirtualService(
      res(doc('networking.istio.io/v1', 'VirtualService', { hosts: 'x', http: [{ route: [{ destination: { host: 'a', subset: 'v1', port: { number: 80 } } }, { destination: 5 }, 'r'], mirror: { host: 'm' } }, 7], tcp: { route: [] }, tls: [{ route: [{ destination: { host: ['b'] } }] }] })),
    )!;
    assert.deepEqual(vs.destinations.map((d) => `${d.host}/${d.subset ?? ''}/${d.port ?? ''}`), ['a/v1/80', 'm//']);
    assert.deepEqual(vs.hosts, []);
  });
  test('§D1 AuthorizationPolicy: action default ALLOW; dry-run annotation; wrong shapes read as empty', () => {
    const ap = readAuthorizationPolicy(res(doc('security.istio.io/v1', 'AuthorizationPolicy', { rules: [{ from: [{ source: { principals: 'a', namespaces: ['x', 5] } }, 5, { source: [] }], to: [{ operation: { ports: [8080, 'x'] } }, { operation: 5 }], when: [{ key: 5, values: 'x' }, 'w'] }, 'r'] })))!;
    assert.equal(ap.action, 'ALLOW');
    assert.equal(ap.rules.length, 2);
    assert.deepEqual(ap.rules[0].from.map((f) => f.fields), [{ namespaces: ['x', '5'] }]);
    assert.deepEqual(ap.rules[0].to.map((t) => t.ports), [['8080', 'x']]);
    assert.deepEqual(ap.rules[0].when.map((w) => `${w.key}|${w.values.length}`), ['5|0']);
    assert.deepEqual(ap.rules[1], { path: ['spec', 'rules', 1], from: [], to: [], when: [] });
    const dry = readAuthorizationPolicy(res(doc('security.istio.io/v1', 'AuthorizationPolicy', { action: 'DENY' }, { name: 'p', annotations: { 'istio.io/dry-run': 'true' } })))!;
    assert.equal(dry.action, 'DENY');
    assert.equal(dry.dryRun, true);
    assert.equal(readAuthorizationPolicy(res(doc('security.istio.io/v1', 'AuthorizationPolicy', null)))!.rules.length, 0);
  });
  test('Namespace and ServiceAccount readers', () => {
    const ns = readNamespace(res({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'istio-injection': 'enabled' } } }))!;
    assert.deepEqual(ns.labels, { 'istio-injection': 'enabled' });
    assert.equal(readNamespace(res({ apiVersion: 'example.com/v1', kind: 'Namespace', metadata: { name: 'x' } })), undefined);
    assert.equal(readServiceAccount(res(doc('v1', 'ServiceAccount', undefined)))?.name, 'x');
  });
  test('readSelector follows the path defensively', () => {
    assert.equal(readSelector({ spec: 5 }, ['spec', 'selector']), undefined);
    assert.deepEqual(readSelector({ spec: { selector: { matchLabels: { a: 'b' } } } }, ['spec', 'selector'])?.matchLabels, { a: 'b' });
  });
});

describe('model/meshModel and mesh config (§F4)', () => {
  const cm = (name: string, ns: string, mesh: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: ${ns}}\ndata:\n  mesh: |\n${mesh.split('\n').map((l) => `    ${l}`).join('\n')}\n`;
  test('§F4 defaults: istio-system, cluster.local, auto mTLS on, exportTo *', () => {
    const { model } = semanticsOf('kind: Service\nmetadata: {name: a}\n');
    assert.equal(model.mesh.rootNamespace, 'istio-system');
    assert.equal(model.mesh.trustDomain, 'cluster.local');
    assert.deepEqual(model.mesh.trustDomainAliases, []);
    assert.equal(model.mesh.enableAutoMtls, true);
    assert.equal(model.mesh.defaultDestinationRuleExportTo, '*');
    assert.equal(model.mesh.source, undefined);
    assert.equal(model.mesh.rootNamespaceFromConfig, false);
  });
  test('§F4 ConfigMap istio key mesh', () => {
    const { model } = semanticsOf(cm('istio', 'istio-system', 'rootNamespace: mesh-root\ntrustDomain: corp.example\ntrustDomainAliases: [old.example]\nenableAutoMtls: false\ndefaultDestinationRuleExportTo: ["."]\ncaCertificates:\n- pem: x\n  trustDomains: [partner.io]'));
    assert.equal(model.mesh.rootNamespace, 'mesh-root');
    assert.equal(model.mesh.rootNamespaceFromConfig, true);
    assert.equal(model.mesh.trustDomain, 'corp.example');
    assert.deepEqual(model.mesh.trustDomainAliases, ['old.example']);
    assert.equal(model.mesh.enableAutoMtls, false);
    assert.equal(model.mesh.defaultDestinationRuleExportTo, '.');
    assert.deepEqual(model.mesh.caCertificateTrustDomains, ['partner.io']);
    assert.equal(model.mesh.source?.name, 'istio');
  });
  test('§F4 a revisioned ConfigMap istio-<rev> and an IstioOperator spec.meshConfig are read', () => {
    assert.equal(semanticsOf(cm('istio-canary', 'istio-system', 'rootNamespace: r1')).model.mesh.rootNamespace, 'r1');
    const io = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata: {name: io, namespace: istio-system}\nspec:\n  meshConfig:\n    rootNamespace: r2\n    enableAutoMtls: false\n';
    assert.equal(semanticsOf(io).model.mesh.rootNamespace, 'r2');
    assert.equal(semanticsOf(io).model.mesh.enableAutoMtls, false);
  });
  test('§F4 the ConfigMap istio in istio-system wins over other sources', () => {
    const io = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata: {name: io, namespace: istio-system}\nspec:\n  meshConfig:\n    rootNamespace: from-io\n';
    const { model } = semanticsOf(docs(io, cm('istio-canary', 'istio-system', 'rootNamespace: from-rev'), cm('istio', 'istio-system', 'rootNamespace: from-istio')));
    assert.equal(model.mesh.rootNamespace, 'from-istio');
  });
  test('§B3(d) only `.` and `*` are honoured in defaultDestinationRuleExportTo', () => {
    assert.equal(semanticsOf(cm('istio', 'istio-system', 'defaultDestinationRuleExportTo: [ns1]')).model.mesh.defaultDestinationRuleExportTo, '*');
  });
  test('mesh config with wrong types or broken YAML falls back to defaults, never throws', () => {
    const bad = semanticsOf(cm('istio', 'istio-system', 'rootNamespace: [a]\ntrustDomain: {x: 1}\ntrustDomainAliases: 5\nenableAutoMtls: {}\ndefaultDestinationRuleExportTo: "."\ncaCertificates: [5, {trustDomains: 3}]')).model.mesh;
    assert.equal(bad.rootNamespace, 'istio-system');
    assert.equal(bad.trustDomain, 'cluster.local');
    assert.deepEqual(bad.trustDomainAliases, []);
    assert.equal(bad.enableAutoMtls, true);
    assert.equal(bad.defaultDestinationRuleExportTo, '*');
    assert.deepEqual(bad.caCertificateTrustDomains, []);
    assert.equal(semanticsOf(cm('istio', 'istio-system', 'a: [')).model.mesh.rootNamespace, 'istio-system');
    assert.equal(semanticsOf(cm('istio', 'istio-system', 'just text')).model.mesh.rootNamespace, 'istio-system');
    assert.equal(semanticsOf('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\ndata: 5\n').model.mesh.source, undefined);
  });
  test('rules.md --root-namespace and the trust domain setting apply only without a mesh config value', () => {
    assert.equal(semanticsOf('kind: Service\nmetadata: {name: a}\n', { defaultRootNamespace: 'custom' }).model.mesh.rootNamespace, 'custom');
    assert.equal(semanticsOf(cm('istio', 'istio-system', 'trustDomain: x'), { defaultRootNamespace: 'custom' }).model.mesh.rootNamespace, 'custom');
    assert.equal(semanticsOf(cm('istio', 'istio-system', 'rootNamespace: r'), { defaultRootNamespace: 'custom' }).model.mesh.rootNamespace, 'r');
    const m = semanticsOf('kind: Service\nmetadata: {name: a}\n', { defaultTrustDomain: 'td', defaultTrustDomainAliases: ['al'] }).model.mesh;
    assert.equal(m.trustDomain, 'td');
    assert.deepEqual(m.trustDomainAliases, ['al']);
  });
  test('buildMeshModel indexes by namespace; the first Namespace object of a name is kept', () => {
    const r = (v: unknown, i: number) => readResources(v, 'f.yaml', i);
    const model = buildMeshModel([
      ...r({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { a: '1' } } }, 0),
      ...r({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { a: '2' } } }, 1),
      ...r({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: {} }, 2),
      ...r({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'shop' }, spec: {} }, 3),
    ]);
    assert.deepEqual(model.namespaces.get('shop')?.labels, { a: '1' });
    assert.equal(model.workloadsByNamespace.get('shop')?.length, 1);
    assert.equal(model.servicesByNamespace.get('shop')?.length, 1);
  });
});
