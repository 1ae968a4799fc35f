// Names of Object.prototype members (`__proto__`, `constructor`, `toString`, ...) written as
// kinds, label keys, field names and port names are ordinary names: lookups by them never find
// a prototype member, and maps read from a document keep them as own keys.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { asStringMap, ownValue, setOwn } from '../../../server/src/model/read';
import { readResources, type Resource } from '../../../server/src/model/resource';
import { readWorkload } from '../../../server/src/model/kinds/workload';
import { readAuthorizationPolicy } from '../../../server/src/model/kinds/authorizationPolicy';
import { readServiceEntry } from '../../../server/src/model/kinds/service';
import { readSelector } from '../../../server/src/model/kinds/labels';
import { selectorMatches } from '../../../server/src/semantics/labelMatch';
import { resolveTargetPort } from '../../../server/src/semantics/destinations';
import { mergePatch } from '../../../server/src/workspace/strategicMerge';
import { symbolKindOf } from '../../../server/src/features/navigation/documentSymbols';
import { stringMap } from '../../../client/src/cluster/read/liveObjects';
import { certificateValuesOfConfigMapData } from '../../../client/src/cluster/read/secretCertificateKeys';

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

const resource = (yaml: string): Resource => {
  const [r] = readResources(parse(yaml), 'test.yaml', 0);
  assert.ok(r, 'a resource');
  return r;
};

describe('Object.prototype names in documents', () => {
  test('asStringMap keeps `__proto__` as an own key and leaves the prototype alone', () => {
    const map = asStringMap(parse('{__proto__: x, constructor: y, app: web}'));
    assert.deepEqual(Object.keys(map), ['__proto__', 'constructor', 'app']);
    assert.equal(Object.getPrototypeOf(map), Object.prototype);
    assert.equal(ownValue(map, '__proto__'), 'x');
    assert.equal(ownValue(map, 'constructor'), 'y');
    assert.equal(JSON.stringify(map), '{"__proto__":"x","constructor":"y","app":"web"}');
    assert.deepEqual(Object.keys({ ...map }), ['__proto__', 'constructor', 'app']);
  });

  test('ownValue finds only own keys; setOwn stores `__proto__` as data', () => {
    const map: Record<string, number> = {};
    for (const name of NAMES) assert.equal(ownValue(map, name), undefined, name);
    setOwn(map, '__proto__', 1);
    assert.equal(Object.getPrototypeOf(map), Object.prototype);
    assert.deepEqual(Object.entries(map), [['__proto__', 1]]);
  });

  test('a workload kind named like a prototype member is not a workload (no throw)', () => {
    for (const name of NAMES) {
      for (const apiVersion of ['apps/v1', 'v1', 'batch/v1']) {
        assert.equal(readWorkload(resource(`apiVersion: ${apiVersion}\nkind: ${name}\nmetadata: {name: x, namespace: shop}\nspec: {}\n`)), undefined, `${apiVersion} ${name}`);
      }
      assert.equal(symbolKindOf(name), 19, name);
    }
  });

  test('a selector `{__proto__: x}` keeps its label, and matches only workloads that have it', () => {
    const selector = readSelector(parse('spec: {selector: {matchLabels: {__proto__: x}}}'), ['spec', 'selector']);
    assert.deepEqual(Object.keys(selector?.matchLabels ?? {}), ['__proto__']);
    assert.equal(selectorMatches(selector?.matchLabels ?? {}, { app: 'web' }), false);
    assert.equal(selectorMatches(selector?.matchLabels ?? {}, asStringMap(parse('{__proto__: x}'))), true);
    for (const name of NAMES) assert.equal(selectorMatches({ [name]: 'function' }, {}), false, name);
  });

  test('pod labels, WorkloadEntry ports and AuthorizationPolicy source fields keep prototype names as own keys', () => {
    const pod = readWorkload(resource('apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop, labels: {__proto__: x, app: p}}\nspec: {}\n'));
    assert.deepEqual(Object.keys(pod?.labels ?? {}), ['__proto__', 'app']);
    const entry = readWorkload(resource('apiVersion: networking.istio.io/v1\nkind: WorkloadEntry\nmetadata: {name: vm, namespace: shop}\nspec: {labels: {app: vm}, ports: {__proto__: 8080, constructor: 9090}}\n'));
    assert.deepEqual(entry?.namedPorts, JSON.parse('{"__proto__": 8080, "constructor": 9090}'));
    assert.equal(Object.getPrototypeOf(entry?.namedPorts), Object.prototype);
    const se = readServiceEntry(resource('apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: se, namespace: shop}\nspec: {hosts: [a.example], endpoints: [{address: 1.2.3.4, ports: {__proto__: 80}}]}\n'));
    assert.deepEqual(Object.keys(se?.endpoints[0].ports ?? {}), ['__proto__']);
    const ap = readAuthorizationPolicy(resource('apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: a, namespace: shop}\nspec: {rules: [{from: [{source: {__proto__: [x], principals: [a/ns/b/sa/c]}}]}]}\n'));
    const fields = ap?.rules[0].from[0].fields ?? {};
    assert.deepEqual(Object.keys(fields), ['__proto__', 'principals']);
    assert.equal(Object.getPrototypeOf(fields), Object.prototype);
  });

  test('a Service targetPort named like a prototype member resolves to nothing', () => {
    const w = readWorkload(resource('apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: {containers: [{name: c, ports: [{containerPort: 8080, name: http}]}]}\n'));
    assert.ok(w);
    for (const name of NAMES) assert.equal(resolveTargetPort({ port: 80, targetPort: name, path: [] }, w), undefined, name);
    assert.equal(resolveTargetPort({ port: 80, targetPort: 'http', path: [] }, w), 8080);
  });

  test('a kustomize patch with prototype names merges them as ordinary keys (no throw, no prototype change)', () => {
    const target = parse('spec: {constructor: [{name: a}], toString: {x: 1}, template: {spec: {containers: [{name: c, image: old}]}}}');
    const patch = parse('spec: {__proto__: {polluted: true}, constructor: [{name: b}], toString: {y: 2}, template: {spec: {containers: [{name: c, image: new}]}}}');
    const merged = mergePatch(target, patch, true) as { spec: Record<string, unknown> };
    assert.deepEqual(Object.keys(merged.spec), ['constructor', 'toString', 'template', '__proto__']);
    assert.equal(Object.getPrototypeOf(merged.spec), Object.prototype);
    assert.deepEqual(merged.spec.constructor, [{ name: 'b' }]);
    assert.deepEqual(merged.spec.toString, { x: 1, y: 2 });
    assert.deepEqual(merged.spec.template, { spec: { containers: [{ name: 'c', image: 'new' }] } });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('the cluster view keeps `__proto__` labels and reads only own ConfigMap keys', () => {
    const labels = stringMap(JSON.parse('{"__proto__": "x", "istio-injection": "enabled"}'));
    assert.deepEqual(Object.keys(labels), ['__proto__', 'istio-injection']);
    const inherited = Object.create({ 'root-cert.pem': 'inherited' }) as object;
    assert.deepEqual(certificateValuesOfConfigMapData(inherited, ['root-cert.pem', 'constructor', 'toString']), {});
  });
});
