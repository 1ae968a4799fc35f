import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { semanticsOf, docs } from '../../support/workspace';
import { destinationRule } from '../../support/fixtures';
import { compareForMerge, indexDestinationRules } from '../../../server/src/semantics/destinationRuleIndex';

const created = (yaml: string, ts: string) => yaml.replace(/(  namespace: [^\n]+\n)/, `$1  creationTimestamp: "${ts}"\n`);
const tls = (mode: string) => `  trafficPolicy:\n    tls:\n      mode: ${mode}\n`;
const subsets = (...names: string[]) => `  subsets:\n${names.map((n) => `  - name: ${n}\n    labels: {version: ${n}}\n`).join('')}`;

function merged(yaml: string, ns = 'shop') {
  const { sem } = semanticsOf(yaml);
  return sem.destinationRules.get(ns)?.merged ?? [];
}

describe('§B5 merging the DestinationRules of one namespace for one host', () => {
  test('§B5 merge: first trafficPolicy wins, subsets concatenated, different exportTo kept separate', () => {
    const yaml = docs(
      created(destinationRule('shop', 'b-newer', 'reviews', tls('DISABLE') + subsets('v1', 'v3')), '2024-02-01T00:00:00Z'),
      created(destinationRule('shop', 'a-older', 'reviews', tls('ISTIO_MUTUAL') + subsets('v1', 'v2')), '2024-01-01T00:00:00Z'),
      destinationRule('shop', 'private', 'reviews', tls('SIMPLE') + '  exportTo: ["."]\n'),
    );
    const m = merged(yaml);
    assert.equal(m.length, 2);
    const pub = m.find((r) => r.exportTo.has('*'));
    assert.ok(pub);
    assert.equal(pub.host, 'reviews.shop.svc.cluster.local');
    assert.deepEqual(pub.members.map((d) => d.name), ['a-older', 'b-newer']);
    assert.equal(pub.policyOwner?.name, 'a-older');
    assert.equal(pub.trafficPolicy?.tls?.mode, 'ISTIO_MUTUAL');
    assert.deepEqual([...pub.subsets.keys()], ['v1', 'v2', 'v3']);
    assert.equal(pub.subsets.get('v1')?.owner.name, 'a-older', 'a duplicate subset name is dropped; the first keeps it');
    assert.equal(pub.subsets.get('v3')?.owner.name, 'b-newer');
    const priv = m.find((r) => r.exportTo.has('.'));
    assert.deepEqual(priv?.members.map((d) => d.name), ['private']);
    assert.equal(priv?.trafficPolicy?.tls?.mode, 'SIMPLE');
  });
  test("§B5 the whole trafficPolicy of later members is discarded, even fields the first one lacks", () => {
    const yaml = docs(
      destinationRule('shop', 'a', 'reviews', '  trafficPolicy:\n    loadBalancer: {simple: ROUND_ROBIN}\n'),
      destinationRule('shop', 'b', 'reviews', tls('DISABLE') + '    portLevelSettings:\n    - port: {number: 80}\n      tls: {mode: DISABLE}\n'),
    );
    const [r] = merged(yaml);
    assert.equal(r.policyOwner?.name, 'a');
    assert.equal(r.trafficPolicy?.tls, undefined);
    assert.deepEqual(r.trafficPolicy?.portLevel, []);
  });
  test('§B5 a member without trafficPolicy does not take the policy: the first member that has one does', () => {
    const yaml = docs(destinationRule('shop', 'a', 'reviews', subsets('v1')), destinationRule('shop', 'b', 'reviews', tls('DISABLE')));
    const [r] = merged(yaml);
    assert.equal(r.policyOwner?.name, 'b');
    assert.equal(r.trafficPolicy?.tls?.mode, 'DISABLE');
  });
  test('§B5 an empty `trafficPolicy: {}` still counts as having one (the proto message is set)', () => {
    const yaml = docs(destinationRule('shop', 'a', 'reviews', '  trafficPolicy: {}\n'), destinationRule('shop', 'b', 'reviews', tls('DISABLE')));
    const [r] = merged(yaml);
    assert.equal(r.policyOwner?.name, 'a');
    assert.equal(r.trafficPolicy?.tls, undefined);
  });
  test('§B1 §B5 a short host and its FQDN in the same namespace are one host', () => {
    const yaml = docs(destinationRule('shop', 'a', 'reviews', tls('DISABLE')), destinationRule('shop', 'b', 'reviews.shop.svc.cluster.local', subsets('v1')));
    const m = merged(yaml);
    assert.equal(m.length, 1);
    assert.deepEqual(m[0].members.map((d) => d.name), ['a', 'b']);
  });
  test('§B5 DestinationRules in different namespaces are never merged', () => {
    const yaml = docs(destinationRule('shop', 'a', 'reviews.shop.svc.cluster.local', tls('DISABLE')), destinationRule('web', 'b', 'reviews.shop.svc.cluster.local', tls('SIMPLE')));
    assert.equal(merged(yaml, 'shop').length, 1);
    assert.equal(merged(yaml, 'web').length, 1);
  });
  test('§B4 §B5 selector DestinationRules are processed first, and kept apart from the catch-all', () => {
    const sel = (name: string, app: string) => destinationRule('shop', name, 'reviews', `  workloadSelector:\n    matchLabels: {app: ${app}}\n` + tls('SIMPLE'));
    const yaml = docs(destinationRule('shop', 'aaa-catch-all', 'reviews', tls('DISABLE')), sel('zzz-sel', 'web'), sel('yyy-sel', 'api'));
    const m = merged(yaml);
    assert.equal(m.length, 3);
    assert.ok(m[0].selector && m[1].selector, 'selector rules come first');
    assert.equal(m[2].selector, undefined);
    assert.deepEqual(m[2].members.map((d) => d.name), ['aaa-catch-all']);
  });
  test('§B4 two selector DestinationRules with the same selector merge', () => {
    const sel = (name: string, body: string) => destinationRule('shop', name, 'reviews', `  workloadSelector:\n    matchLabels: {app: web}\n` + body);
    const m = merged(docs(sel('a', tls('SIMPLE')), sel('b', tls('DISABLE'))));
    assert.equal(m.length, 1);
    assert.equal(m[0].policyOwner?.name, 'a');
    assert.deepEqual(m[0].selector, { app: 'web' });
  });
  test('§B3(d) an empty exportTo takes the mesh default; only `.` and `*` are honoured', () => {
    const { model } = semanticsOf(destinationRule('shop', 'a', 'reviews', tls('DISABLE')));
    assert.deepEqual([...indexDestinationRules(model.destinationRules, '.').get('shop')!.merged[0].exportTo], ['.']);
    assert.deepEqual([...indexDestinationRules(model.destinationRules, '*').get('shop')!.merged[0].exportTo], ['*']);
    const withMesh = semanticsOf(
      docs(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\ndata:\n  mesh: |\n    defaultDestinationRuleExportTo: ["."]\n',
        destinationRule('shop', 'a', 'reviews', tls('DISABLE')),
      ),
    );
    assert.deepEqual([...withMesh.sem.destinationRules.get('shop')!.merged[0].exportTo], ['.']);
  });
  test('§B5 exportTo order does not matter: [a, b] and [b, a] merge', () => {
    const yaml = docs(
      destinationRule('shop', 'a', 'reviews', tls('DISABLE') + '  exportTo: [x, y]\n'),
      destinationRule('shop', 'b', 'reviews', subsets('v1') + '  exportTo: [y, x]\n'),
    );
    assert.equal(merged(yaml).length, 1);
  });
  test('§B5 a DestinationRule without host is not indexed', () => {
    const yaml = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: a, namespace: shop}\nspec:\n  trafficPolicy: {tls: {mode: DISABLE}}\n';
    assert.equal(semanticsOf(yaml).sem.destinationRules.get('shop'), undefined);
  });
  test('§B5 compareForMerge: selector first, then creationTimestamp, then name', () => {
    const { model } = semanticsOf(
      docs(
        created(destinationRule('shop', 'a', 'h', tls('DISABLE')), '2024-05-01T00:00:00Z'),
        created(destinationRule('shop', 'b', 'h', tls('DISABLE')), '2024-01-01T00:00:00Z'),
        destinationRule('shop', 'c', 'h', `  workloadSelector:\n    matchLabels: {app: x}\n`),
      ),
    );
    const sorted = [...model.destinationRules].sort(compareForMerge).map((d) => d.name);
    assert.deepEqual(sorted, ['c', 'b', 'a']);
  });
});
