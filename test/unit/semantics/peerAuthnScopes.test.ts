import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { semanticsOf, docs } from '../../support/workspace';
import { deployment, peerAuthentication } from '../../support/fixtures';
import {
  indexPeerAuthentications,
  meshPolicy,
  namespacePolicy,
  peerAuthnScope,
  workloadPolicies,
} from '../../../server/src/semantics/peerAuthnScopes';
import { compareByAge, oldestFirst } from '../../../server/src/semantics/policyAge';

const meshConfig = (root: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |
    rootNamespace: ${root}
`;

function pas(yaml: string) {
  const { model, sem } = semanticsOf(yaml);
  const byName = (n: string) => {
    const pa = model.peerAuthentications.find((p) => p.name === n);
    assert.ok(pa, n);
    return pa;
  };
  return { model, sem, byName };
}

describe('§A2 scope classification', () => {
  test('§A2 selector-less in the root namespace is mesh-level', () => {
    const { byName } = pas(peerAuthentication('istio-system', 'anything', 'STRICT'));
    assert.equal(peerAuthnScope(byName('anything'), 'istio-system'), 'mesh');
  });
  test('§A2 an empty selector (selector: {} or matchLabels: {}) counts as no selector', () => {
    const { byName } = pas(
      docs(
        'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: a, namespace: istio-system}\nspec:\n  selector: {}\n  mtls: {mode: STRICT}\n',
        'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: b, namespace: shop}\nspec:\n  selector: {matchLabels: {}}\n  mtls: {mode: STRICT}\n',
      ),
    );
    assert.equal(peerAuthnScope(byName('a'), 'istio-system'), 'mesh');
    assert.equal(peerAuthnScope(byName('b'), 'istio-system'), 'namespace');
  });
  test('§A2 selector-less elsewhere is namespace-level, whatever its name', () => {
    const { byName } = pas(peerAuthentication('shop', 'not-default', 'STRICT'));
    assert.equal(peerAuthnScope(byName('not-default'), 'istio-system'), 'namespace');
  });
  test('§A2 a selector outside the root namespace is workload-level', () => {
    const { byName } = pas(peerAuthentication('shop', 'wl', 'STRICT', { selector: { app: 'web' } }));
    assert.equal(peerAuthnScope(byName('wl'), 'istio-system'), 'workload');
  });
  test('§A2 a selector policy in the root namespace is ignored', () => {
    const { byName, sem } = pas(peerAuthentication('istio-system', 'wl', 'STRICT', { selector: { app: 'web' } }));
    assert.equal(peerAuthnScope(byName('wl'), 'istio-system'), 'ignored');
    assert.deepEqual(sem.peerAuthn.ignored.map((p) => p.name), ['wl']);
    assert.equal(sem.peerAuthn.meshLevel.length, 0);
  });
  test('§A2 a selector policy in the root namespace is ignored even for workloads that live in the root', () => {
    const { model, sem } = pas(
      docs(
        peerAuthentication('istio-system', 'wl', 'STRICT', { selector: { app: 'gw' } }),
        deployment('istio-system', 'gw', { labels: { app: 'gw' } }),
      ),
    );
    const w = model.workloads[0];
    assert.deepEqual(sem.workloadPolicies(w), []);
    assert.equal(sem.serverMode(w, 8080).mode, 'PERMISSIVE');
  });
  test('§A1 §A2 the root namespace comes from the mesh config: istio-system is then an ordinary namespace', () => {
    const { sem } = pas(
      docs(
        meshConfig('mesh-root'),
        peerAuthentication('istio-system', 'default', 'STRICT'),
        peerAuthentication('mesh-root', 'mesh', 'DISABLE'),
        peerAuthentication('mesh-root', 'sel', 'STRICT', { selector: { app: 'x' } }),
      ),
    );
    assert.equal(sem.rootNamespace, 'mesh-root');
    assert.deepEqual(sem.peerAuthn.meshLevel.map((p) => p.name), ['mesh']);
    assert.deepEqual(sem.peerAuthn.namespaceLevel.get('istio-system')?.map((p) => p.name), ['default']);
    assert.deepEqual(sem.peerAuthn.ignored.map((p) => p.name), ['sel']);
  });
  test('§A1 the --root-namespace default applies when the workspace has no mesh config', () => {
    const { sem } = semanticsOf(peerAuthentication('other-root', 'm', 'STRICT'), { defaultRootNamespace: 'other-root' });
    assert.deepEqual(sem.peerAuthn.meshLevel.map((p) => p.name), ['m']);
  });
});

describe('§A3 several mesh-level or namespace-level policies: the oldest wins', () => {
  test('§A3 the oldest namespace-level policy wins, ties by name', () => {
    const { sem } = pas(
      docs(
        peerAuthentication('shop', 'zeta', 'DISABLE', { created: '2024-01-01T00:00:00Z' }),
        peerAuthentication('shop', 'beta', 'STRICT', { created: '2024-01-01T00:00:00Z' }),
        peerAuthentication('shop', 'alpha', 'PERMISSIVE', { created: '2024-06-01T00:00:00Z' }),
      ),
    );
    assert.deepEqual(sem.peerAuthn.namespaceLevel.get('shop')?.map((p) => p.name), ['beta', 'zeta', 'alpha']);
    assert.equal(namespacePolicy(sem.peerAuthn, 'shop')?.name, 'beta');
    assert.equal(sem.namespaceMode('shop').mode, 'STRICT');
  });
  test('§A3 the oldest mesh-level policy wins', () => {
    const { sem } = pas(
      docs(
        peerAuthentication('istio-system', 'a-newer', 'DISABLE', { created: '2024-02-01T00:00:00Z' }),
        peerAuthentication('istio-system', 'z-older', 'STRICT', { created: '2024-01-01T00:00:00Z' }),
      ),
    );
    assert.equal(meshPolicy(sem.peerAuthn)?.name, 'z-older');
    assert.equal(sem.namespaceMode('anywhere').mode, 'STRICT');
  });
  test('§A3 timestamps have one-second resolution: a sub-second difference is a tie, broken by name', () => {
    const { sem } = pas(
      docs(
        peerAuthentication('shop', 'b', 'STRICT', { created: '2024-01-01T00:00:00.100Z' }),
        peerAuthentication('shop', 'a', 'DISABLE', { created: '2024-01-01T00:00:00.900Z' }),
      ),
    );
    assert.equal(namespacePolicy(sem.peerAuthn, 'shop')?.name, 'a');
  });
  test('§A3 without timestamps the lexicographically smaller name wins (not file order)', () => {
    const { sem } = pas(docs(peerAuthentication('shop', 'zz', 'DISABLE'), peerAuthentication('shop', 'aa', 'STRICT')));
    assert.equal(namespacePolicy(sem.peerAuthn, 'shop')?.name, 'aa');
  });
  test('§A3 an older timestamp beats a smaller name', () => {
    const { sem } = pas(
      docs(
        peerAuthentication('shop', 'aa', 'DISABLE', { created: '2024-05-01T00:00:00Z' }),
        peerAuthentication('shop', 'zz', 'STRICT', { created: '2023-05-01T00:00:00Z' }),
      ),
    );
    assert.equal(namespacePolicy(sem.peerAuthn, 'shop')?.name, 'zz');
  });
  test('§A3 each namespace has its own winner', () => {
    const { sem } = pas(docs(peerAuthentication('a', 'x', 'STRICT'), peerAuthentication('b', 'y', 'DISABLE')));
    assert.equal(namespacePolicy(sem.peerAuthn, 'a')?.name, 'x');
    assert.equal(namespacePolicy(sem.peerAuthn, 'b')?.name, 'y');
    assert.equal(namespacePolicy(sem.peerAuthn, 'c'), undefined);
  });
});

describe('§A3 policyAge', () => {
  const r = (name: string, created?: string, ns = 'shop') => semanticsOf(peerAuthentication(ns, name, 'STRICT', created ? { created } : {})).model.peerAuthentications[0].resource;
  test('§A3 creationTimestamp ascending, then name, then namespace', () => {
    assert.ok(compareByAge(r('b', '2024-01-01T00:00:00Z'), r('a', '2024-01-02T00:00:00Z')) < 0);
    assert.ok(compareByAge(r('a', '2024-01-01T00:00:00Z'), r('b', '2024-01-01T00:00:00Z')) < 0);
    assert.ok(compareByAge(r('a', undefined, 'ns1'), r('a', undefined, 'ns2')) < 0);
    assert.equal(compareByAge(r('a'), r('a')), 0);
  });
  test('§A3 a timestamp that does not parse is treated as absent', () => {
    assert.ok(compareByAge(r('b', 'yesterday'), r('a')) > 0);
  });
  test('§A3 oldestFirst does not mutate its input', () => {
    const { model } = semanticsOf(docs(peerAuthentication('shop', 'b', 'STRICT'), peerAuthentication('shop', 'a', 'STRICT')));
    const before = model.peerAuthentications.map((p) => p.name);
    const sorted = oldestFirst(model.peerAuthentications).map((p) => p.name);
    assert.deepEqual(sorted, ['a', 'b']);
    assert.deepEqual(model.peerAuthentications.map((p) => p.name), before);
  });
});

describe('§A4 several workload-level policies matching one workload', () => {
  const yaml = docs(
    deployment('shop', 'web', { labels: { app: 'web', tier: 'front' } }),
    deployment('shop', 'api', { labels: { app: 'api', tier: 'front' } }),
    peerAuthentication('shop', 'by-tier', 'DISABLE', { selector: { tier: 'front' }, created: '2024-03-01T00:00:00Z' }),
    peerAuthentication('shop', 'by-app', 'STRICT', { selector: { app: 'web' }, created: '2024-01-01T00:00:00Z' }),
    peerAuthentication('shop', 'wrong-ns', 'STRICT', { selector: { app: 'web' } }).replace('namespace: shop', 'namespace: other'),
  );
  test('§A4 the oldest matching workload-level policy applies; no merging', () => {
    const { model, sem } = pas(yaml);
    const web = model.workloads.find((w) => w.name === 'web')!;
    assert.deepEqual(workloadPolicies(sem.peerAuthn, web).map((p) => p.name), ['by-app', 'by-tier']);
    assert.equal(sem.serverMode(web, 8080).mode, 'STRICT');
  });
  test('§A4 a policy that loses for one workload may win for another', () => {
    const { model, sem } = pas(yaml);
    const api = model.workloads.find((w) => w.name === 'api')!;
    assert.deepEqual(sem.workloadPolicies(api).map((p) => p.name), ['by-tier']);
    assert.equal(sem.serverMode(api, 8080).mode, 'DISABLE');
  });
  test('§A1 the selector must be a subset of the workload labels, in the same namespace', () => {
    const { sem } = pas(yaml);
    assert.deepEqual(sem.peerAuthn.workloadLevel.get('other')?.map((p) => p.name), ['wrong-ns']);
    const { model } = pas(yaml);
    const web = model.workloads.find((w) => w.name === 'web')!;
    assert.ok(!workloadPolicies(sem.peerAuthn, web).some((p) => p.name === 'wrong-ns'));
  });
  test('§A1 a selector label with a different value does not match', () => {
    const { model, sem } = pas(docs(deployment('shop', 'web'), peerAuthentication('shop', 'p', 'STRICT', { selector: { app: 'web2' } })));
    assert.deepEqual(workloadPolicies(sem.peerAuthn, model.workloads[0]), []);
  });
  test('§A2 indexPeerAuthentications keeps the root namespace it was built for', () => {
    const { model } = pas(peerAuthentication('x', 'p', 'STRICT'));
    const idx = indexPeerAuthentications(model.peerAuthentications, 'x');
    assert.equal(idx.rootNamespace, 'x');
    assert.deepEqual(idx.meshLevel.map((p) => p.name), ['p']);
    assert.equal(idx.namespaceLevel.size, 0);
  });
});
