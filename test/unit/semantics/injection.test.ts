import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { semanticsOf, docs } from '../../support/workspace';
import { deployment, namespace } from '../../support/fixtures';
import { hasIstioTlsModeLabel, injectionOf, namespaceHasInjectionLabel, type Injection } from '../../../server/src/semantics/injection';

/** The injection verdict of the one workload `app` in namespace `ns`, with an optional Namespace object. */
function verdict(nsLabels: Record<string, string> | undefined, o: Parameters<typeof deployment>[2] = {}, ns = 'shop'): Injection {
  const parts = nsLabels ? [namespace(ns, nsLabels)] : [];
  parts.push(deployment(ns, 'app', o));
  const { model, sem } = semanticsOf(docs(...parts));
  const w = model.workloads.find((x) => x.name === 'app');
  assert.ok(w);
  const direct = injectionOf(w, model.namespaces.get(ns));
  assert.equal(sem.injection(w).injected, direct.injected, 'the facade answers like injectionOf');
  assert.ok(direct.reason.length > 0, 'every verdict says why');
  return direct.injected;
}

const INJECT = 'sidecar.istio.io/inject';
const REV = 'istio.io/rev';

describe('§C1 injection table: namespace istio-injection label', () => {
  test('§C1 istio-injection=enabled injects a pod without labels', () => {
    assert.equal(verdict({ 'istio-injection': 'enabled' }), 'yes');
  });
  test('§C1 istio-injection=enabled: pod label inject=false opts out', () => {
    assert.equal(verdict({ 'istio-injection': 'enabled' }, { labels: { app: 'app', [INJECT]: 'false' } }), 'no');
  });
  test('§C1 istio-injection=enabled: pod annotation inject=false opts out', () => {
    assert.equal(verdict({ 'istio-injection': 'enabled' }, { annotations: { [INJECT]: 'false' } }), 'no');
  });
  test('§C1 the pod label wins over the annotation (label true, annotation false: injected)', () => {
    assert.equal(verdict({ 'istio-injection': 'enabled' }, { labels: { app: 'app', [INJECT]: 'true' }, annotations: { [INJECT]: 'false' } }), 'yes');
  });
  test('§C1 the pod label wins over the annotation (label false, annotation true: not injected)', () => {
    assert.equal(verdict({ 'istio-injection': 'enabled' }, { labels: { app: 'app', [INJECT]: 'false' }, annotations: { [INJECT]: 'true' } }), 'no');
  });
  test('§C1 istio-injection=disabled blocks even the pod-level opt-in label', () => {
    assert.equal(verdict({ 'istio-injection': 'disabled' }, { labels: { app: 'app', [INJECT]: 'true' } }), 'no');
  });
  test('§C1 istio-injection with any value other than enabled blocks injection', () => {
    assert.equal(verdict({ 'istio-injection': 'yes' }), 'no');
    assert.equal(verdict({ 'istio-injection': 'disabled' }, { labels: { app: 'app', [REV]: 'canary' } }), 'no');
  });
  test('§C1 istio-injection takes precedence over istio.io/rev on the namespace', () => {
    assert.equal(verdict({ 'istio-injection': 'disabled', [REV]: 'canary' }), 'no');
    assert.equal(verdict({ 'istio-injection': 'enabled', [REV]: 'canary' }), 'yes');
  });
});

describe('§C1 injection table: namespace istio.io/rev label', () => {
  test('§C1 istio.io/rev without istio-injection injects (revision)', () => {
    assert.equal(verdict({ [REV]: 'canary' }), 'yes');
  });
  test('§C1 istio.io/rev namespace: pod label inject=false opts out', () => {
    assert.equal(verdict({ [REV]: 'canary' }, { labels: { app: 'app', [INJECT]: 'false' } }), 'no');
  });
  test('§C1 istio.io/rev namespace: pod annotation inject=false opts out', () => {
    assert.equal(verdict({ [REV]: 'canary' }, { annotations: { [INJECT]: 'false' } }), 'no');
  });
});

describe('§C1 injection table: namespace without injection labels', () => {
  test('§C1 pod label inject=true opts in (default revision)', () => {
    assert.equal(verdict({}, { labels: { app: 'app', [INJECT]: 'true' } }), 'yes');
  });
  test('§C1 pod label istio.io/rev opts in', () => {
    assert.equal(verdict({}, { labels: { app: 'app', [REV]: 'canary' } }), 'yes');
  });
  test('§C1 pod labels inject=true and istio.io/rev: injected by that revision', () => {
    assert.equal(verdict({}, { labels: { app: 'app', [INJECT]: 'true', [REV]: 'canary' } }), 'yes');
  });
  test('§C1 pod label istio.io/rev with inject=false is not injected', () => {
    assert.equal(verdict({}, { labels: { app: 'app', [REV]: 'canary', [INJECT]: 'false' } }), 'no');
  });
  test('§C1 §H7 annotation inject=true alone does NOT opt the pod in', () => {
    assert.equal(verdict({}, { annotations: { [INJECT]: 'true' } }), 'no');
  });
  test('§C1 no labels at all: not injected (enableNamespacesByDefault is false)', () => {
    assert.equal(verdict({}), 'no');
  });
  test('§C1 unrelated namespace labels do not inject', () => {
    assert.equal(verdict({ team: 'payments' }), 'no');
  });
});

describe('§C1 injectRequired exclusions', () => {
  test('§C1 hostNetwork pods are never injected, even in an enabled namespace', () => {
    assert.equal(verdict({ 'istio-injection': 'enabled' }, { hostNetwork: true }), 'no');
    assert.equal(verdict({}, { hostNetwork: true, labels: { app: 'app', [INJECT]: 'true' } }), 'no');
  });
  for (const ns of ['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']) {
    test(`§C1 ignored namespace ${ns} is never injected, even labelled enabled`, () => {
      assert.equal(verdict({ 'istio-injection': 'enabled' }, {}, ns), 'no');
      assert.equal(verdict(undefined, { labels: { app: 'app', [INJECT]: 'true' } }, ns), 'no');
    });
  }
  test('§C1 kube-system is ignored but kube-flannel is not', () => {
    assert.equal(verdict({ 'istio-injection': 'enabled' }, {}, 'kube-flannel'), 'yes');
  });
});

describe('§C1 kube-inject output and unknown namespaces (rules.md "injected")', () => {
  test('§C1 a template that already has an istio-proxy container is injected, whatever the namespace says', () => {
    const yaml = docs(
      namespace('shop', {}),
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: shop}
spec:
  template:
    metadata: {labels: {app: app}}
    spec:
      containers:
      - name: app
        image: a
      - name: istio-proxy
        image: proxyv2
`,
    );
    const { model, sem } = semanticsOf(yaml);
    assert.equal(sem.injection(model.workloads[0]).injected, 'yes');
  });
  test('§C1 a template with the sidecar.istio.io/status annotation is injected', () => {
    assert.equal(verdict({}, { annotations: { 'sidecar.istio.io/status': 'injected' } }), 'yes');
    assert.equal(verdict(undefined, { annotations: { 'sidecar.istio.io/status': 'injected' } }), 'yes');
  });
  test('§C1 kube-inject output in a namespace labelled istio-injection=disabled is still injected (it already has the sidecar)', () => {
    assert.equal(verdict({ 'istio-injection': 'disabled' }, { annotations: { 'sidecar.istio.io/status': 'injected' } }), 'yes');
  });
  test('rules.md a namespace without a Namespace object: unknown, unless the pod opts in or is already injected', () => {
    assert.equal(verdict(undefined), 'unknown');
    assert.equal(verdict(undefined, { labels: { app: 'app', [INJECT]: 'true' } }), 'yes');
    assert.equal(verdict(undefined, { labels: { app: 'app', [REV]: 'canary' } }), 'yes');
  });
  test('rules.md unknown namespace: the annotation alone leaves it unknown; an opt-out is known', () => {
    assert.equal(verdict(undefined, { annotations: { [INJECT]: 'true' } }), 'unknown');
    assert.equal(verdict(undefined, { labels: { app: 'app', [INJECT]: 'false' } }), 'no');
    assert.equal(verdict(undefined, { annotations: { [INJECT]: 'false' } }), 'no');
    assert.equal(verdict(undefined, { hostNetwork: true }), 'no');
  });
  test('§C1 a bare Pod follows the same table', () => {
    const yaml = docs(
      namespace('shop', { 'istio-injection': 'enabled' }),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\n  labels: {sidecar.istio.io/inject: "false"}\nspec:\n  containers: [{name: a, image: a}]\n',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: q, namespace: shop}\nspec:\n  containers: [{name: a, image: a}]\n',
    );
    const { model, sem } = semanticsOf(yaml);
    const byName = new Map(model.workloads.map((w) => [w.name, sem.injection(w).injected]));
    assert.equal(byName.get('p'), 'no');
    assert.equal(byName.get('q'), 'yes');
  });
  test('§B12 a WorkloadEntry labelled tlsMode=istio counts as having a sidecar; otherwise unknown', () => {
    const yaml = docs(
      'apiVersion: networking.istio.io/v1\nkind: WorkloadEntry\nmetadata: {name: vm1, namespace: shop}\nspec:\n  address: 10.0.0.1\n  labels: {app: vm, security.istio.io/tlsMode: istio}\n',
      'apiVersion: networking.istio.io/v1\nkind: WorkloadEntry\nmetadata: {name: vm2, namespace: shop}\nspec:\n  address: 10.0.0.2\n  labels: {app: vm}\n',
    );
    const { model, sem } = semanticsOf(yaml);
    const byName = new Map(model.workloads.map((w) => [w.name, sem.injection(w).injected]));
    assert.equal(byName.get('vm1'), 'yes');
    assert.equal(byName.get('vm2'), 'unknown');
  });
});

describe('§C1 namespaceHasInjectionLabel', () => {
  test('§C1 istio-injection or istio.io/rev, whatever the value', () => {
    const { model } = semanticsOf(docs(namespace('a', { 'istio-injection': 'disabled' }), namespace('b', { [REV]: 'x' }), namespace('c', { team: 'x' })));
    assert.equal(namespaceHasInjectionLabel(model.namespaces.get('a')!), true);
    assert.equal(namespaceHasInjectionLabel(model.namespaces.get('b')!), true);
    assert.equal(namespaceHasInjectionLabel(model.namespaces.get('c')!), false);
  });
});

describe('§B12 tlsMode label', () => {
  const one = (labels: Record<string, string>) => semanticsOf(deployment('shop', 'app', { labels })).model.workloads[0];
  test('§B12 the injector sets security.istio.io/tlsMode=istio: an injected workload without the label counts as labelled', () => {
    assert.equal(hasIstioTlsModeLabel(one({ app: 'a' }), 'yes'), true);
    assert.equal(hasIstioTlsModeLabel(one({ app: 'a' }), 'no'), false);
    assert.equal(hasIstioTlsModeLabel(one({ app: 'a' }), 'unknown'), false);
  });
  test('§B12 a pod labelled tlsMode=istio by hand is treated as mTLS-capable even without a sidecar', () => {
    assert.equal(hasIstioTlsModeLabel(one({ app: 'a', 'security.istio.io/tlsMode': 'istio' }), 'no'), true);
  });
  test('§B12 an explicit label other than istio means no mTLS endpoint, even when injected', () => {
    assert.equal(hasIstioTlsModeLabel(one({ app: 'a', 'security.istio.io/tlsMode': 'disabled' }), 'yes'), false);
  });
});
