import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { semanticsOf, docs } from '../../support/workspace';
import { deployment, namespace, peerAuthentication, service } from '../../support/fixtures';
import { namespaceModeOf, portLevelPortsOf, serverModeOf } from '../../../server/src/semantics/serverMode';

const web = (labels: Record<string, string> = { app: 'web' }) => deployment('shop', 'web', { labels, ports: [{ name: 'http', containerPort: 8080 }, { containerPort: 9090 }] });

function modeOf(yaml: string, port: number | undefined = 8080) {
  const { model, sem } = semanticsOf(yaml);
  const w = model.workloads.find((x) => x.name === 'web');
  assert.ok(w);
  const r = serverModeOf(sem.peerAuthn, w, port);
  assert.equal(sem.serverMode(w, port).mode, r.mode, 'the facade answers like serverModeOf');
  return r;
}

describe('§A5 precedence and UNSET inheritance', () => {
  test('§A5 UNSET inherits; nothing at all is PERMISSIVE', () => {
    const r = modeOf(web());
    assert.equal(r.mode, 'PERMISSIVE');
    assert.equal(r.decidedBy, undefined);
    assert.deepEqual(r.chain, []);
  });
  test('§A5 a mesh-level policy without mtls (UNSET) means PERMISSIVE', () => {
    assert.equal(modeOf(docs(web(), peerAuthentication('istio-system', 'default', undefined))).mode, 'PERMISSIVE');
  });
  test('§A5 explicit mode: UNSET on the mesh also means PERMISSIVE', () => {
    const r = modeOf(docs(web(), peerAuthentication('istio-system', 'default', 'UNSET')));
    assert.equal(r.mode, 'PERMISSIVE');
    assert.equal(r.decidedBy, undefined);
  });
  test('§A5 the mesh mode applies when nothing overrides it', () => {
    const r = modeOf(docs(web(), peerAuthentication('istio-system', 'default', 'STRICT')));
    assert.equal(r.mode, 'STRICT');
    assert.equal(r.decidedBy?.level, 'mesh');
  });
  test('§A5 a namespace policy without mtls inherits the mesh mode', () => {
    const r = modeOf(docs(web(), peerAuthentication('istio-system', 'default', 'STRICT'), peerAuthentication('shop', 'default', undefined)));
    assert.equal(r.mode, 'STRICT');
    assert.equal(r.decidedBy?.level, 'mesh');
    assert.deepEqual(r.chain.map((s) => s.level), ['mesh', 'namespace']);
  });
  test('§A5 a namespace policy with mode UNSET inherits the mesh mode', () => {
    assert.equal(modeOf(docs(web(), peerAuthentication('istio-system', 'default', 'DISABLE'), peerAuthentication('shop', 'default', 'UNSET'))).mode, 'DISABLE');
  });
  test('§A5 mtls: {} (no mode) is UNSET', () => {
    const yaml = docs(
      web(),
      peerAuthentication('istio-system', 'default', 'STRICT'),
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: shop}\nspec:\n  mtls: {}\n',
    );
    assert.equal(modeOf(yaml).mode, 'STRICT');
  });
  test('§A5 the namespace mode overrides the mesh mode', () => {
    const r = modeOf(docs(web(), peerAuthentication('istio-system', 'default', 'STRICT'), peerAuthentication('shop', 'default', 'PERMISSIVE')));
    assert.equal(r.mode, 'PERMISSIVE');
    assert.equal(r.decidedBy?.level, 'namespace');
  });
  test('§A5 a workload policy overrides the namespace mode', () => {
    const r = modeOf(docs(web(), peerAuthentication('shop', 'default', 'STRICT'), peerAuthentication('shop', 'wl', 'DISABLE', { selector: { app: 'web' } })));
    assert.equal(r.mode, 'DISABLE');
    assert.equal(r.decidedBy?.level, 'workload');
    assert.equal(r.decidedBy?.policy.name, 'wl');
  });
  test('§A5 a workload policy without mtls (only portLevelMtls) inherits the namespace mode on other ports', () => {
    const yaml = docs(web(), peerAuthentication('shop', 'default', 'STRICT'), peerAuthentication('shop', 'wl', undefined, { selector: { app: 'web' }, portLevel: { '9090': 'DISABLE' } }));
    assert.equal(modeOf(yaml, 8080).mode, 'STRICT');
    assert.equal(modeOf(yaml, 9090).mode, 'DISABLE');
    assert.equal(modeOf(yaml, undefined).mode, 'STRICT');
  });
  test('§A5 a port-level UNSET inherits the workload (or inherited) mode', () => {
    const yaml = docs(web(), peerAuthentication('istio-system', 'default', 'STRICT'), peerAuthentication('shop', 'wl', 'DISABLE', { selector: { app: 'web' }, portLevel: { '8080': 'UNSET' } }));
    const r = modeOf(yaml, 8080);
    assert.equal(r.mode, 'DISABLE');
    assert.equal(r.decidedBy?.level, 'workload');
    const inherited = modeOf(docs(web(), peerAuthentication('istio-system', 'default', 'STRICT'), peerAuthentication('shop', 'wl', undefined, { selector: { app: 'web' }, portLevel: { '8080': 'UNSET' } })), 8080);
    assert.equal(inherited.mode, 'STRICT');
  });
  test('§A5 a port-level mode overrides the workload mode on that port only', () => {
    const yaml = docs(web(), peerAuthentication('shop', 'wl', 'STRICT', { selector: { app: 'web' }, portLevel: { '8080': 'PERMISSIVE' } }));
    const r = modeOf(yaml, 8080);
    assert.equal(r.mode, 'PERMISSIVE');
    assert.equal(r.decidedBy?.level, 'port');
    assert.equal(r.decidedBy?.portEntry?.port, 8080);
    assert.equal(modeOf(yaml, 9090).mode, 'STRICT');
  });
  test('§A5 the chain lists the consulted policies from mesh to port', () => {
    const yaml = docs(
      web(),
      peerAuthentication('istio-system', 'm', 'STRICT'),
      peerAuthentication('shop', 'n', 'PERMISSIVE'),
      peerAuthentication('shop', 'w', 'STRICT', { selector: { app: 'web' }, portLevel: { '8080': 'DISABLE' } }),
    );
    assert.deepEqual(modeOf(yaml, 8080).chain.map((s) => `${s.level}:${s.policy.name}:${s.mode}`), ['mesh:m:STRICT', 'namespace:n:PERMISSIVE', 'workload:w:STRICT', 'port:w:DISABLE']);
  });
  test('§A5 an invalid mode (wrong case) gives UNKNOWN, and a valid lower scope still decides', () => {
    assert.equal(modeOf(docs(web(), peerAuthentication('shop', 'default', 'strict'))).mode, 'UNKNOWN');
    assert.equal(modeOf(docs(web(), peerAuthentication('shop', 'default', 'strict'), peerAuthentication('shop', 'wl', 'STRICT', { selector: { app: 'web' } }))).mode, 'STRICT');
  });
  test('§A5 a non-string mode is invalid, not a crash', () => {
    const yaml = docs(web(), 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: shop}\nspec:\n  mtls: {mode: 1}\n');
    assert.equal(modeOf(yaml).mode, 'UNKNOWN');
  });
  test('§A3 §A5 a losing namespace-level policy is not consulted', () => {
    const yaml = docs(web(), peerAuthentication('shop', 'b-loser', 'DISABLE'), peerAuthentication('shop', 'a-winner', 'STRICT'));
    const r = modeOf(yaml);
    assert.equal(r.mode, 'STRICT');
    assert.deepEqual(r.chain.map((s) => s.policy.name), ['a-winner']);
  });
});

describe('§A6 §A4 portLevelMtls only on the selected workload-level policy', () => {
  test('§A6 portLevelMtls on a namespace-level policy is ignored', () => {
    const yaml = docs(web(), peerAuthentication('shop', 'default', 'STRICT', { portLevel: { '8080': 'DISABLE' } }));
    assert.equal(modeOf(yaml, 8080).mode, 'STRICT');
  });
  test('§A6 portLevelMtls on a mesh-level policy is ignored', () => {
    const yaml = docs(web(), peerAuthentication('istio-system', 'default', 'STRICT', { portLevel: { '8080': 'DISABLE' } }));
    assert.equal(modeOf(yaml, 8080).mode, 'STRICT');
  });
  test("§A4 a newer workload policy's portLevelMtls is ignored too", () => {
    const yaml = docs(
      web(),
      peerAuthentication('shop', 'old', 'STRICT', { selector: { app: 'web' }, created: '2024-01-01T00:00:00Z' }),
      peerAuthentication('shop', 'new', 'STRICT', { selector: { app: 'web' }, created: '2024-02-01T00:00:00Z', portLevel: { '8080': 'DISABLE' } }),
    );
    assert.equal(modeOf(yaml, 8080).mode, 'STRICT');
  });
});

describe('§A7 port keys are target ports', () => {
  const yaml = docs(
    namespace('shop', { 'istio-injection': 'enabled' }),
    web(),
    service('shop', 'web', [{ name: 'http', port: 80, targetPort: 8080 }]),
    peerAuthentication('shop', 'wl', 'STRICT', { selector: { app: 'web' }, portLevel: { '8080': 'DISABLE', '80': 'PERMISSIVE' } }),
  );
  test('§A7 portLevelMtls keys are target ports', () => {
    assert.equal(modeOf(yaml, 8080).mode, 'DISABLE');
    assert.equal(modeOf(yaml, 80).mode, 'PERMISSIVE');
  });
  test('§A7 the endpoint of Service port 80 is judged on targetPort 8080', () => {
    const { sem } = semanticsOf(yaml);
    const dest = sem.destinations.find((d) => d.port === 80);
    assert.ok(dest);
    assert.equal(dest.endpoints[0].targetPort, 8080);
    assert.equal(sem.serverMode(dest.endpoints[0].workload, dest.endpoints[0].targetPort).mode, 'DISABLE');
  });
  test('§A8 a portLevelMtls port that belongs to no Service is honoured', () => {
    const yaml2 = docs(web(), peerAuthentication('shop', 'wl', 'STRICT', { selector: { app: 'web' }, portLevel: { '15000': 'DISABLE' } }));
    assert.equal(modeOf(yaml2, 15000).mode, 'DISABLE');
  });
  test('§A7 portLevelPortsOf lists the winning policy’s valid keys', () => {
    const { model, sem } = semanticsOf(
      docs(
        web(),
        'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: wl, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  portLevelMtls:\n    "8080": {mode: DISABLE}\n    http: {mode: STRICT}\n    "70000": {mode: STRICT}\n',
      ),
    );
    const w = model.workloads[0];
    assert.deepEqual(portLevelPortsOf(sem.peerAuthn, w), [8080]);
    assert.deepEqual(sem.inboundPorts(w), [8080, 9090]);
  });
});

describe('§B10 nsMode', () => {
  test('§B10 nsMode: the namespace-level policy, else the mesh-level, else PERMISSIVE; workload-level ignored', () => {
    const { sem } = semanticsOf(
      docs(
        web(),
        peerAuthentication('istio-system', 'default', 'STRICT'),
        peerAuthentication('shop', 'default', 'DISABLE'),
        peerAuthentication('shop', 'wl', 'STRICT', { selector: { app: 'web' } }),
        peerAuthentication('other', 'wl', 'DISABLE', { selector: { app: 'x' } }),
      ),
    );
    assert.equal(namespaceModeOf(sem.peerAuthn, 'shop').mode, 'DISABLE');
    assert.equal(namespaceModeOf(sem.peerAuthn, 'other').mode, 'STRICT');
    assert.equal(sem.namespaceMode('shop').mode, 'DISABLE');
    assert.equal(namespaceModeOf(semanticsOf(web()).sem.peerAuthn, 'shop').mode, 'PERMISSIVE');
  });
  test('§B10 nsMode of the root namespace is the mesh-level mode', () => {
    const { sem } = semanticsOf(peerAuthentication('istio-system', 'default', 'DISABLE'));
    assert.equal(sem.namespaceMode('istio-system').mode, 'DISABLE');
  });
});
