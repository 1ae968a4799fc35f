import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, keys } from '../../../support/workspace';
import { destinationRule } from '../../../support/fixtures';
import { authorizationPolicy, lineOf, one, only, rawPeerAuthentication, resourceOf } from './policyTestKit';

const RULE = 'unknown-field';

describe('unknown-field', () => {
  test('rules.md unknown-field: a typo inside spec.mtls (`mdoe`) is a warning on the key', () => {
    const text = rawPeerAuthentication('shop', 'default', '  mtls:\n    mdoe: STRICT\n');
    const d = one(analyze(text), RULE);
    assert.equal(d.severity, 'warning');
    assert.equal(resourceOf(d), 'PeerAuthentication/shop/default');
    assert.equal(d.range.start.line, lineOf(text, 'mdoe: STRICT'));
    assert.equal(d.range.start.character, 4);
  });

  test('rules.md unknown-field: a typo in a portLevelMtls entry and in spec.selector', () => {
    const text = rawPeerAuthentication('shop', 'web', '  selector:\n    matchLabel:\n      app: web\n  portLevelMtls:\n    8080:\n      mod: DISABLE\n');
    const f = only(analyze(text), RULE);
    assert.ok(f.every((x) => resourceOf(x) === 'PeerAuthentication/shop/web' && x.severity === 'warning'));
    assert.deepEqual(f.map((x) => x.range.start.line).sort((a, b) => a - b), [lineOf(text, 'matchLabel:'), lineOf(text, 'mod: DISABLE')]);
  });

  test('rules.md unknown-field: typos in a DestinationRule tls block, trafficPolicy, portLevelSettings[] and subsets[]', () => {
    const text = destinationRule('shop', 'reviews', 'reviews', `  trafficPolicy:
    tls:
      mode: SIMPLE
      insecureSkipVerfy: false
    loadBalancr:
      simple: ROUND_ROBIN
    portLevelSettings:
    - port:
        number: 9080
      tsl:
        mode: DISABLE
    - port:
        number: 9443
      tls:
        mode: ISTIO_MUTUAL
        sni_name: reviews
  subsets:
  - name: v1
    label:
      version: v1
    trafficPolicy:
      tls:
        mdoe: DISABLE
`);
    const f = only(analyze(text), RULE);
    assert.ok(f.every((x) => resourceOf(x) === 'DestinationRule/shop/reviews'));
    assert.deepEqual(
      f.map((x) => x.range.start.line).sort((a, b) => a - b),
      ['insecureSkipVerfy:', 'loadBalancr:', 'tsl:', 'sni_name:', 'label:', 'mdoe:'].map((k) => lineOf(text, k)),
    );
  });

  test('rules.md unknown-field: typos in AuthorizationPolicy source, operation and when', () => {
    const text = authorizationPolicy('shop', 'allow', `  rules:
  - from:
    - source:
        principal: ["cluster.local/ns/shop/sa/web"]
    to:
    - operation:
        port: ["8080"]
    when:
    - key: source.ip
      value: ["10.0.0.1"]
`);
    const f = only(analyze(text), RULE);
    assert.ok(f.every((x) => resourceOf(x) === 'AuthorizationPolicy/shop/allow' && x.severity === 'warning'));
    assert.deepEqual(f.map((x) => x.range.start.line).sort((a, b) => a - b), [lineOf(text, 'principal:'), lineOf(text, 'port:'), lineOf(text, 'value:')]);
  });

  test('§D3 rules.md unknown-field: valid source/operation/condition fields (serviceAccounts, ipBlocks, notValues, ...) are silent', () => {
    const text = authorizationPolicy('shop', 'allow', `  rules:
  - from:
    - source:
        serviceAccounts: ["web"]
        notServiceAccounts: ["batch"]
    - source:
        ipBlocks: ["10.0.0.0/8"]
        notIpBlocks: ["10.1.0.0/16"]
        remoteIpBlocks: ["192.168.0.0/16"]
        requestPrincipals: ["issuer/subject"]
        trustDomains: ["cluster.local"]
    - source:
        principals: ["cluster.local/ns/shop/sa/web"]
        notNamespaces: ["sandbox"]
    to:
    - operation:
        hosts: ["reviews"]
        ports: ["8080"]
        notPorts: ["9090"]
        methods: ["GET"]
        notPaths: ["/admin"]
    when:
    - key: source.ip
      values: ["10.0.0.1"]
      notValues: ["10.0.0.2"]
`);
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('§B6 §B9 rules.md unknown-field: valid DestinationRule trafficPolicy / tls / portLevelSettings / subset fields are silent', () => {
    const text = destinationRule('shop', 'reviews', 'reviews.example.com', `  trafficPolicy:
    loadBalancer:
      simple: ROUND_ROBIN
    connectionPool:
      tcp:
        maxConnections: 10
    outlierDetection:
      consecutive5xxErrors: 5
    tls:
      mode: MUTUAL
      clientCertificate: /etc/certs/cert.pem
      privateKey: /etc/certs/key.pem
      caCertificates: /etc/certs/ca.pem
      subjectAltNames: ["reviews.example.com"]
      sni: reviews.example.com
      insecureSkipVerify: false
    portLevelSettings:
    - port:
        number: 443
      loadBalancer:
        simple: LEAST_REQUEST
      tls:
        mode: SIMPLE
        credentialName: reviews-cert
  subsets:
  - name: v1
    labels:
      version: v1
    trafficPolicy:
      tls:
        mode: SIMPLE
`);
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('§A5 rules.md unknown-field: a correct PeerAuthentication (selector.matchLabels, mtls.mode, port mode) is silent', () => {
    const text = docs(
      rawPeerAuthentication('shop', 'web', '  selector:\n    matchLabels:\n      app: web\n  mtls:\n    mode: STRICT\n  portLevelMtls:\n    8080:\n      mode: PERMISSIVE\n'),
      rawPeerAuthentication('shop', 'default', '  mtls: {}\n'),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });
});
