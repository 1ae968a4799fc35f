import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, type Files } from '../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../support/fixtures';
import { parseYamlFile } from '../../../server/src/workspace/parseYamlFile';
import { collectResources } from '../../../server/src/workspace/analyzeWorkspace';
import { isKustomizationFile, kustomizationPulls, readKustomization } from '../../../server/src/workspace/kustomize';
import { mergePatch } from '../../../server/src/workspace/strategicMerge';
import { asArray, asMap, get } from '../../../server/src/model/read';
import type { PresentedFinding } from '../../../server/src/features/presentedFinding';
import { buildMeshModel } from '../../../server/src/model/meshModel';
import { MeshSemantics } from '../../../server/src/semantics/meshSemantics';

const tls = (mode: string) => `  trafficPolicy:\n    tls:\n      mode: ${mode}\n`;
const app = docs(namespace('shop', { 'istio-injection': 'enabled' }), deployment('shop', 'reviews'), service('shop', 'reviews'), peerAuthentication('shop', 'default', 'STRICT'));
const where = (findings: PresentedFinding[], ...rules: string[]) => findings.filter((f) => rules.includes(f.rule)).map((f) => `${f.rule} ${f.file}`).sort();

function collected(files: Files) {
  return collectResources({ yamlFiles: Object.entries(files).map(([p, t]) => parseYamlFile(p, t)), certificateFiles: [] });
}

const baseFiles: Files = {
  'base/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- app.yaml\n- dr.yaml\n',
  'base/app.yaml': app,
  'base/dr.yaml': destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    loadBalancer: {simple: ROUND_ROBIN}\n    tls:\n      mode: ISTIO_MUTUAL\n  subsets:\n  - name: v1\n    labels: {version: v1}\n  - name: v2\n    labels: {version: v2}\n'),
};
const overlay = (patchList: string, patchFile: string, patchText: string): Files => ({
  ...baseFiles,
  'overlays/prod/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ../../base\n${patchList}`,
  [`overlays/prod/${patchFile}`]: patchText,
});
/** A patch document without namespace, as kustomize patches are usually written. */
const drPatch = (spec: string) => `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\nspec:\n${spec}`;

describe('rules.md "kustomize patches"', () => {
  test('rules.md a `patches: [{path}]` patch is merged onto its target and analysed in the patch file', () => {
    const files = overlay('patches:\n- path: dr-patch.yaml\n', 'dr-patch.yaml', drPatch('  trafficPolicy:\n    tls:\n      mode: DISABLE\n'));
    const f = analyze(files);
    assert.deepEqual(where(f, 'plaintext-to-strict'), ['plaintext-to-strict overlays/prod/dr-patch.yaml']);
    const finding = f.find((x) => x.rule === 'plaintext-to-strict')!;
    assert.deepEqual(finding.resource, { kind: 'DestinationRule', namespace: 'shop', name: 'reviews' });
  });
  test('rules.md `patchesStrategicMerge` works the same way', () => {
    const files = overlay('patchesStrategicMerge:\n- dr-patch.yaml\n', 'dr-patch.yaml', drPatch('  trafficPolicy:\n    tls:\n      mode: DISABLE\n'));
    assert.deepEqual(where(analyze(files), 'plaintext-to-strict'), ['plaintext-to-strict overlays/prod/dr-patch.yaml']);
  });
  test('rules.md maps merge key by key: the patch keeps the target’s host and other trafficPolicy fields', () => {
    const { resources } = collected(overlay('patches:\n- path: p.yaml\n', 'p.yaml', drPatch('  trafficPolicy:\n    tls:\n      mode: DISABLE\n')));
    const merged = resources.find((r) => r.source.file === 'overlays/prod/p.yaml');
    assert.ok(merged);
    assert.equal(merged.namespace, 'shop', 'the target namespace');
    assert.equal(get(merged.body, ['spec', 'host']), 'reviews');
    assert.equal(get(merged.body, ['spec', 'trafficPolicy', 'tls', 'mode']), 'DISABLE');
    assert.deepEqual(get(merged.body, ['spec', 'trafficPolicy', 'loadBalancer']), { simple: 'ROUND_ROBIN' });
    assert.equal(asArray(get(merged.body, ['spec', 'subsets'])).length, 2);
  });
  test('rules.md lists are replaced for Istio kinds (subsets)', () => {
    const { resources } = collected(overlay('patches:\n- path: p.yaml\n', 'p.yaml', drPatch('  subsets:\n  - name: v3\n    labels: {version: v3}\n')));
    const merged = resources.find((r) => r.source.file === 'overlays/prod/p.yaml')!;
    assert.deepEqual(asArray(get(merged.body, ['spec', 'subsets'])).map((s) => asMap(s)?.name), ['v3']);
  });
  test('rules.md null deletes a key', () => {
    const { resources } = collected(overlay('patches:\n- path: p.yaml\n', 'p.yaml', drPatch('  trafficPolicy:\n    tls: null\n')));
    const merged = resources.find((r) => r.source.file === 'overlays/prod/p.yaml')!;
    assert.equal(get(merged.body, ['spec', 'trafficPolicy', 'tls']), undefined);
    assert.deepEqual(get(merged.body, ['spec', 'trafficPolicy', 'loadBalancer']), { simple: 'ROUND_ROBIN' });
  });
  test('rules.md the target’s own document is analysed where it is', () => {
    const files = overlay('patches:\n- path: p.yaml\n', 'p.yaml', drPatch('  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n'));
    files['base/dr.yaml'] = destinationRule('shop', 'reviews', 'reviews', tls('DISABLE'));
    assert.deepEqual(where(analyze(files), 'plaintext-to-strict'), ['plaintext-to-strict base/dr.yaml']);
  });
  test('rules.md the patched document and its target are variants: no duplicate finding between them', () => {
    const files = overlay('patches:\n- path: p.yaml\n', 'p.yaml', drPatch('  trafficPolicy:\n    tls:\n      mode: DISABLE\n'));
    assert.deepEqual(where(analyze(files), 'duplicate-destination-rule-host', 'duplicate-resource'), []);
  });
  test('rules.md a patch whose target is absent is not analysed', () => {
    const files = overlay('patches:\n- path: p.yaml\n', 'p.yaml', destinationRule('shop', 'ghost', 'reviews', tls('DISABLE')));
    assert.deepEqual(where(analyze(files), 'plaintext-to-strict'), []);
    assert.equal(collected(files).resources.some((r) => r.source.file === 'overlays/prod/p.yaml'), false);
  });
  test('rules.md the same file not listed as a patch is an ordinary document', () => {
    const files = overlay('', 'p.yaml', destinationRule('shop', 'ghost', 'reviews.shop.svc.cluster.local', tls('DISABLE')));
    assert.ok(collected(files).resources.some((r) => r.source.file === 'overlays/prod/p.yaml'));
  });
  test('rules.md containers merged by name for Deployments; other containers and fields kept', () => {
    const target = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: reviews, namespace: shop}\nspec:\n  replicas: 2\n  template:\n    metadata:\n      labels: {app: reviews}\n    spec:\n      containers:\n      - name: app\n        image: app:1\n        ports: [{containerPort: 9080, name: http}]\n        env: [{name: A, value: "1"}, {name: B, value: "2"}]\n      - name: helper\n        image: helper:1\n`;
    const patch = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: reviews}\nspec:\n  template:\n    metadata:\n      annotations: {sidecar.istio.io/inject: "false"}\n    spec:\n      containers:\n      - name: app\n        image: app:2\n        env: [{name: B, value: "3"}, {name: C, value: "4"}]\n`;
    const files: Files = {
      'base/kustomization.yaml': 'resources: [deploy.yaml]\n',
      'base/deploy.yaml': target,
      'prod/kustomization.yaml': 'resources: [../base]\npatchesStrategicMerge: [deploy-patch.yaml]\n',
      'prod/deploy-patch.yaml': patch,
    };
    const merged = collected(files).resources.find((r) => r.source.file === 'prod/deploy-patch.yaml')!;
    const containers = asArray(get(merged.body, ['spec', 'template', 'spec', 'containers'])).map((c) => asMap(c)!);
    assert.deepEqual(containers.map((c) => `${c.name}:${c.image}`), ['app:app:2', 'helper:helper:1']);
    assert.deepEqual(containers[0].ports, [{ containerPort: 9080, name: 'http' }]);
    assert.deepEqual(asArray(containers[0].env).map((e) => `${asMap(e)?.name}=${asMap(e)?.value}`), ['A=1', 'B=3', 'C=4']);
    assert.equal(get(merged.body, ['spec', 'replicas']), 2);
    assert.deepEqual(get(merged.body, ['spec', 'template', 'metadata', 'labels']), { app: 'reviews' });
    assert.deepEqual(get(merged.body, ['spec', 'template', 'metadata', 'annotations']), { 'sidecar.istio.io/inject': 'false' });
  });
  test('rules.md a patched Deployment is analysed as patched (the opt-out annotation removes its sidecar)', () => {
    const files: Files = {
      'base/kustomization.yaml': 'resources: [app.yaml]\n',
      'base/app.yaml': docs(app, deployment('shop', 'client')),
      'prod/kustomization.yaml': 'resources: [../base]\npatches:\n- path: no-sidecar.yaml\n- path: dr.yaml\n',
      'prod/no-sidecar.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: reviews}\nspec:\n  template:\n    metadata:\n      annotations: {sidecar.istio.io/inject: "false"}\n',
      'prod/dr.yaml': 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: reviews, namespace: shop}\nspec:\n  host: reviews\n  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}\n',
    };
    // prod/dr.yaml is listed as a patch but has no target: not analysed.
    assert.deepEqual(where(analyze(files), 'mtls-to-no-sidecar'), []);
    const f = analyze({ ...files, 'prod/kustomization.yaml': 'resources: [../base, dr.yaml]\npatches:\n- path: no-sidecar.yaml\n' });
    assert.deepEqual(where(f, 'mtls-to-no-sidecar'), ['mtls-to-no-sidecar prod/dr.yaml']);
  });
  test('rules.md built-in kinds: ports by containerPort, volumes by name, volumeMounts by mountPath', () => {
    const target = { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'x' }], volumeMounts: [{ mountPath: '/a', name: 'v1' }] }], volumes: [{ name: 'v1', emptyDir: {} }] } };
    const patch = { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'y' }, { containerPort: 81 }], volumeMounts: [{ mountPath: '/a', readOnly: true }] }], volumes: [{ name: 'v2', emptyDir: {} }] } };
    const merged = mergePatch(target, patch, true);
    assert.deepEqual(merged, {
      spec: {
        containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'y' }, { containerPort: 81 }], volumeMounts: [{ mountPath: '/a', name: 'v1', readOnly: true }] }],
        volumes: [{ name: 'v1', emptyDir: {} }, { name: 'v2', emptyDir: {} }],
      },
    });
  });
  test('rules.md custom resources: every list replaced, maps merged, null deletes', () => {
    const target = { spec: { exportTo: ['a', 'b'], subsets: [{ name: 'v1' }], trafficPolicy: { tls: { mode: 'SIMPLE', sni: 'x' } } } };
    const patch = { spec: { exportTo: ['c'], subsets: [{ name: 'v1', labels: { a: '1' } }], trafficPolicy: { tls: { sni: null, mode: 'DISABLE' } } } };
    assert.deepEqual(mergePatch(target, patch, false), { spec: { exportTo: ['c'], subsets: [{ name: 'v1', labels: { a: '1' } }], trafficPolicy: { tls: { mode: 'DISABLE' } } } });
  });
  test('mergePatch does not mutate the target', () => {
    const target = { spec: { a: { b: 1 } } };
    mergePatch(target, { spec: { a: { b: 2 } } }, false);
    assert.deepEqual(target, { spec: { a: { b: 1 } } });
  });
  test('rules.md null deletes a label: a Namespace patch removing istio-injection leaves the overlay without injection', () => {
    const files: Files = {
      'base/kustomization.yaml': 'resources: [ns.yaml]\n',
      'base/ns.yaml': namespace('shop', { 'istio-injection': 'enabled', team: 'a' }),
      'o/kustomization.yaml': 'resources: [../base]\npatches: [{path: ns-patch.yaml}]\n',
      'o/ns-patch.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio-injection: null\n    team: b\n',
    };
    const { resources } = collected({ ...files, 'base/ns.yaml': docs(files['base/ns.yaml'], deployment('shop', 'reviews')) });
    const merged = resources.find((r) => r.source.file === 'o/ns-patch.yaml')!;
    assert.deepEqual(get(merged.body, ['metadata', 'labels']), { team: 'b' });
    // The overlay's view: the patched Namespace with the base Deployment.
    const model = buildMeshModel([merged, ...resources.filter((r) => r.kind === 'Deployment')]);
    assert.equal(new MeshSemantics(model).injection(model.workloads[0]).injected, 'no', '§C1 no injection label left in the overlay');
    assert.deepEqual(merged.labels, { team: 'b' }, 'the labels the model reads agree with the merged body');
  });
  test('rules.md a patch file with several documents patches each target', () => {
    const files: Files = {
      ...baseFiles,
      'overlays/prod/kustomization.yaml': 'resources: [../../base]\npatches: [{path: both.yaml}]\n',
      'overlays/prod/both.yaml': docs(
        drPatch('  trafficPolicy:\n    tls:\n      mode: DISABLE\n'),
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: reviews}\nspec:\n  replicas: 5\n',
      ),
    };
    const patched = collected(files).resources.filter((r) => r.source.file === 'overlays/prod/both.yaml');
    assert.deepEqual(patched.map((r) => r.kind).sort(), ['Deployment', 'DestinationRule']);
    const deploy = patched.find((r) => r.kind === 'Deployment')!;
    assert.equal(get(deploy.body, ['spec', 'replicas']), 5);
    assert.ok(get(deploy.body, ['spec', 'template', 'spec', 'containers']));
  });
  test('rules.md a patch with an explicit namespace targets that namespace only', () => {
    const files: Files = {
      'base/kustomization.yaml': 'resources: [a.yaml]\n',
      'base/a.yaml': docs(destinationRule('one', 'dr', 'h', tls('ISTIO_MUTUAL')), destinationRule('two', 'dr', 'h', tls('ISTIO_MUTUAL'))),
      'o/kustomization.yaml': 'resources: [../base]\npatches: [{path: p.yaml}]\n',
      'o/p.yaml': 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: dr, namespace: two}\nspec:\n  trafficPolicy: {tls: {mode: DISABLE}}\n',
    };
    const merged = collected(files).resources.find((r) => r.source.file === 'o/p.yaml')!;
    assert.equal(merged.namespace, 'two');
    assert.equal(get(merged.body, ['spec', 'host']), 'h');
  });
});

describe('kustomization files', () => {
  test('isKustomizationFile recognises the three names', () => {
    assert.equal(isKustomizationFile('a/kustomization.yaml'), true);
    assert.equal(isKustomizationFile('a/kustomization.yml'), true);
    assert.equal(isKustomizationFile('a/Kustomization'), true);
    assert.equal(isKustomizationFile('a/my-kustomization.yaml'), false);
  });
  test('readKustomization resolves resources, bases and patch paths relative to its folder; remote URLs ignored', () => {
    const k = readKustomization('overlays/prod/kustomization.yaml', {
      resources: ['../../base', 'extra.yaml', 'https://github.com/x/y//z?ref=v1', 5],
      bases: ['../common'],
      patches: [{ path: 'p1.yaml' }, { patch: 'inline: true\n', target: { kind: 'X' } }, 'p2.yaml'],
      patchesStrategicMerge: ['p3.yaml', 'apiVersion: v1\nkind: X\n'],
    });
    assert.ok(k);
    assert.equal(k.folder, 'overlays/prod');
    assert.deepEqual(k.resources, ['base', 'overlays/prod/extra.yaml', 'overlays/prod/5', 'overlays/common']);
    assert.deepEqual([...k.patchFiles].sort(), ['overlays/prod/p1.yaml', 'overlays/prod/p2.yaml', 'overlays/prod/p3.yaml']);
  });
  test('readKustomization of something that is not a map is undefined', () => {
    assert.equal(readKustomization('k/kustomization.yaml', 'text'), undefined);
    assert.equal(readKustomization('k/kustomization.yaml', undefined), undefined);
  });
  test('rules.md kustomizationPulls follows resources recursively, through folders with or without kustomization', () => {
    const all = ['base/kustomization.yaml', 'base/a.yaml', 'base/b.yaml', 'base/unused.yaml', 'mid/kustomization.yaml', 'top/kustomization.yaml', 'plain/x.yaml'];
    const ks = [
      readKustomization('base/kustomization.yaml', { resources: ['a.yaml', 'b.yaml'] })!,
      readKustomization('mid/kustomization.yaml', { resources: ['../base', '../plain'] })!,
      readKustomization('top/kustomization.yaml', { resources: ['../mid'] })!,
    ];
    const pulls = kustomizationPulls(ks, all);
    assert.deepEqual([...(pulls.get('base/a.yaml') ?? [])].sort(), ['base', 'mid', 'top']);
    assert.deepEqual([...(pulls.get('plain/x.yaml') ?? [])].sort(), ['mid', 'top']);
    assert.equal(pulls.get('base/unused.yaml'), undefined);
  });
  test('kustomizationPulls survives cycles', () => {
    const ks = [readKustomization('a/kustomization.yaml', { resources: ['../b', 'x.yaml'] })!, readKustomization('b/kustomization.yaml', { resources: ['../a'] })!];
    const pulls = kustomizationPulls(ks, ['a/kustomization.yaml', 'a/x.yaml', 'b/kustomization.yaml']);
    assert.deepEqual([...(pulls.get('a/x.yaml') ?? [])].sort(), ['a', 'b']);
  });
  test('rules.md a kustomize base/ meets every overlay that uses it, overlays never meet each other', () => {
    const files: Files = {
      'base/kustomization.yaml': 'resources: [app.yaml, dr.yaml]\n',
      'base/app.yaml': docs(namespace('shop', { 'istio-injection': 'enabled' }), deployment('shop', 'reviews'), service('shop', 'reviews')),
      'base/dr.yaml': destinationRule('shop', 'reviews', 'reviews', tls('ISTIO_MUTUAL')),
      'overlays/dev/kustomization.yaml': 'resources: [../../base, strict.yaml]\npatches: [{path: dr.yaml}]\n',
      'overlays/dev/dr.yaml': drPatch('  trafficPolicy:\n    tls:\n      mode: DISABLE\n'),
      'overlays/dev/strict.yaml': peerAuthentication('shop', 'dev-strict', 'STRICT'),
      'overlays/prod/kustomization.yaml': 'resources: [../../base]\npatches: [{path: dr.yaml}]\n',
      'overlays/prod/dr.yaml': drPatch('  trafficPolicy:\n    tls:\n      mode: DISABLE\n'),
    };
    assert.deepEqual(where(analyze(files), 'plaintext-to-strict'), ['plaintext-to-strict overlays/dev/dr.yaml']);
  });
});
