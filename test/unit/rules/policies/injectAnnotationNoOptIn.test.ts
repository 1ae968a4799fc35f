import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, keys } from '../../../support/workspace';
import { deployment, namespace } from '../../../support/fixtures';
import { lineOf, one, resourceOf } from './policyTestKit';

const RULE = 'inject-annotation-no-opt-in';
const optInAnnotation = { 'sidecar.istio.io/inject': 'true' };

describe('inject-annotation-no-opt-in', () => {
  test('§C1 §H7 the annotation alone in a namespace without injection labels: warning on the annotation', () => {
    const text = docs(namespace('legacy'), deployment('legacy', 'soap', { annotations: optInAnnotation }));
    const d = one(analyze(text), RULE);
    assert.equal(d.severity, 'warning');
    assert.equal(resourceOf(d), 'Deployment/legacy/soap');
    assert.equal(d.range.start.line, lineOf(text, 'sidecar.istio.io/inject: "true"'));
  });

  test('§C1 a bare Pod with the annotation: the finding is on the Pod annotation', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: legacy
  labels:
    app: debug
  annotations:
    sidecar.istio.io/inject: "true"
spec:
  containers:
  - name: debug
    image: example/debug:1
`;
    const text = docs(namespace('legacy', { team: 'x' }), pod);
    const d = one(analyze(text), RULE);
    assert.equal(resourceOf(d), 'Pod/legacy/debug');
    assert.equal(d.range.start.line, lineOf(text, 'sidecar.istio.io/inject: "true"'));
  });

  test('§C1 the label sidecar.istio.io/inject=true opts the pod in: silent', () => {
    const text = docs(namespace('legacy'), deployment('legacy', 'soap', { labels: { app: 'soap', 'sidecar.istio.io/inject': 'true' }, annotations: optInAnnotation }));
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('§C1 a namespace labelled istio-injection=enabled or istio.io/rev injects anyway: silent', () => {
    const text = docs(
      namespace('shop', { 'istio-injection': 'enabled' }),
      namespace('canary', { 'istio.io/rev': '1-24' }),
      deployment('shop', 'web', { annotations: optInAnnotation }),
      deployment('canary', 'web', { annotations: optInAnnotation }),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('rules.md "injected": an unknown namespace (no Namespace object) is never the only evidence: silent', () => {
    assert.deepEqual(keys(analyze(deployment('ghost', 'soap', { annotations: optInAnnotation })), RULE), []);
  });

  test('§C1 the annotation "false" opts out, which works: silent', () => {
    const text = docs(namespace('legacy'), deployment('legacy', 'soap', { annotations: { 'sidecar.istio.io/inject': 'false' } }));
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('rules.md "injected": an already injected template (sidecar.istio.io/status) is injected: silent', () => {
    const text = docs(namespace('legacy'), deployment('legacy', 'soap', { annotations: { ...optInAnnotation, 'sidecar.istio.io/status': 'injected-by-istioctl' } }));
    assert.deepEqual(keys(analyze(text), RULE), []);
  });
});
