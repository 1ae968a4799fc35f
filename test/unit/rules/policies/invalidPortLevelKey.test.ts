import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, keys } from '../../../support/workspace';
import { deployment, namespace } from '../../../support/fixtures';
import { lineOf, one, only, rawPeerAuthentication, resourceOf } from './policyTestKit';

const RULE = 'invalid-port-level-key';

/** An injected namespace with one workload `api` (ports 8080, 9090 named metrics, 9102), and a workload-level policy. */
function withPolicy(portLevelMtls: string): string {
  return docs(
    namespace('inventory', { 'istio-injection': 'enabled' }),
    deployment('inventory', 'api', {
      ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }, { containerPort: 9102 }, { containerPort: 65535 }],
    }),
    rawPeerAuthentication('inventory', 'api-ports', `  selector:\n    matchLabels:\n      app: api\n  mtls:\n    mode: STRICT\n  portLevelMtls:\n${portLevelMtls}`),
  );
}

describe('invalid-port-level-key', () => {
  test('rules.md invalid-port-level-key, §A7: a port name as key (`metrics`) is not a port number: error on the key', () => {
    const text = withPolicy('    metrics:\n      mode: PERMISSIVE\n');
    const d = one(analyze(text), RULE);
    assert.equal(d.severity, 'error');
    assert.equal(resourceOf(d), 'PeerAuthentication/inventory/api-ports');
    assert.equal(d.range.start.line, lineOf(text, '    metrics:'));
  });

  test('rules.md invalid-port-level-key: 0 is out of range', () => {
    const text = withPolicy('    0:\n      mode: DISABLE\n');
    const d = one(analyze(text), RULE);
    assert.equal(d.range.start.line, lineOf(text, '    0:'));
  });

  test('rules.md invalid-port-level-key: 70000 is out of range', () => {
    const text = withPolicy('    70000:\n      mode: DISABLE\n');
    const d = one(analyze(text), RULE);
    assert.equal(resourceOf(d), 'PeerAuthentication/inventory/api-ports');
    assert.equal(d.range.start.line, lineOf(text, '    70000:'));
  });

  test('rules.md invalid-port-level-key: 65536 is out of range, 65535 is not', () => {
    const text = withPolicy('    65535:\n      mode: PERMISSIVE\n    65536:\n      mode: PERMISSIVE\n');
    const d = one(analyze(text), RULE);
    assert.equal(d.range.start.line, lineOf(text, '    65536:'));
  });

  test('rules.md invalid-port-level-key: an empty portLevelMtls map is an error on portLevelMtls', () => {
    const text = docs(
      namespace('inventory', { 'istio-injection': 'enabled' }),
      deployment('inventory', 'label-printer'),
      rawPeerAuthentication('inventory', 'label-printer', '  selector:\n    matchLabels:\n      app: label-printer\n  portLevelMtls: {}\n'),
    );
    const d = one(analyze(text), RULE);
    assert.equal(d.severity, 'error');
    assert.equal(resourceOf(d), 'PeerAuthentication/inventory/label-printer');
    assert.equal(d.range.start.line, lineOf(text, 'portLevelMtls: {}'));
  });

  test('rules.md invalid-port-level-key: one finding per bad key; the good keys beside them are silent', () => {
    const text = withPolicy('    8080:\n      mode: STRICT\n    http:\n      mode: PERMISSIVE\n    "-1":\n      mode: PERMISSIVE\n');
    const f = only(analyze(text), RULE);
    assert.deepEqual(f.map((x) => x.range.start.line).sort((a, b) => a - b), [lineOf(text, '    http:'), lineOf(text, '    "-1":')]);
  });

  test('rules.md invalid-port-level-key: a quoted "9102" is a valid integer key (and a container port)', () => {
    const f = analyze(withPolicy('    "9102":\n      mode: PERMISSIVE\n'));
    assert.deepEqual(keys(f, RULE), []);
    assert.deepEqual(keys(f, 'port-level-service-port'), []);
  });

  test('rules.md invalid-port-level-key: plain integer keys 1..65535 are valid', () => {
    assert.deepEqual(keys(analyze(withPolicy('    8080:\n      mode: PERMISSIVE\n    9090:\n      mode: DISABLE\n')), RULE), []);
  });

  test('rules.md "age order": a workload-level policy that loses everywhere is still judged on its own keys', () => {
    const text = docs(
      namespace('inventory', { 'istio-injection': 'enabled' }),
      deployment('inventory', 'api'),
      rawPeerAuthentication('inventory', 'a-winner', '  selector:\n    matchLabels:\n      app: api\n  mtls:\n    mode: STRICT\n'),
      rawPeerAuthentication('inventory', 'b-loser', '  selector:\n    matchLabels:\n      app: api\n  portLevelMtls:\n    metrics:\n      mode: DISABLE\n'),
    );
    const f = analyze(text);
    assert.deepEqual(keys(f, RULE), [`${RULE} PeerAuthentication/inventory/b-loser`]);
    assert.equal(one(f, RULE).range.start.line, lineOf(text, '    metrics:'));
  });

  test('rules.md invalid-port-level-key: a policy without portLevelMtls has no key to judge', () => {
    const text = docs(
      namespace('inventory', { 'istio-injection': 'enabled' }),
      deployment('inventory', 'api'),
      rawPeerAuthentication('inventory', 'api', '  selector:\n    matchLabels:\n      app: api\n  mtls:\n    mode: STRICT\n'),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });
});
