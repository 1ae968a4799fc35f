import type { Severity } from './finding';

export type RuleFamily =
  | 'Client meets server'
  | 'PeerAuthentication shape'
  | 'Identity and authorization'
  | 'Sidecar injection'
  | 'Certificate material'
  | 'Input problems';

/** A rule's stable metadata: the contract of rules.md, shown in the README, SARIF and the editor. */
export interface RuleInfo {
  readonly id: string;
  readonly severity: Severity;
  readonly family: RuleFamily;
  /** One line: what is wrong. */
  readonly title: string;
  /** The sections of istio-mtls-semantics.md the rule relies on. */
  readonly sections: readonly string[];
  /** A minimal YAML example that fires the rule (README). */
  readonly example: string;
}

const r = (id: string, severity: Severity, family: RuleFamily, title: string, sections: string[], example: string): RuleInfo => ({
  id, severity, family, title, sections, example: example.replace(/^\n/, '').replace(/\s+$/, ''),
});

const CMS: RuleFamily = 'Client meets server';
const PAS: RuleFamily = 'PeerAuthentication shape';
const IDA: RuleFamily = 'Identity and authorization';
const INJ: RuleFamily = 'Sidecar injection';
const CRT: RuleFamily = 'Certificate material';
const INP: RuleFamily = 'Input problems';

export const RULES: readonly RuleInfo[] = [
  r('plaintext-to-strict', 'error', CMS, 'A DestinationRule sends plaintext to workloads that require mTLS.', ['§B6', '§B7', '§B8', '§C2'], `
# namespace shop is injected and STRICT; clients of reviews send plaintext -> connection reset
kind: DestinationRule
metadata: {name: reviews, namespace: shop}
spec:
  host: reviews
  trafficPolicy:
    tls: {mode: DISABLE}
`),
  r('user-tls-to-mesh', 'error', CMS, 'SIMPLE or MUTUAL TLS towards sidecars that expect Istio mTLS.', ['§C6', '§A9'], `
kind: DestinationRule
metadata: {name: ledger, namespace: web}
spec:
  host: ledger.finance.svc.cluster.local   # injected, STRICT
  trafficPolicy:
    tls: {mode: SIMPLE}
`),
  r('mtls-to-no-sidecar', 'error', CMS, 'ISTIO_MUTUAL towards a destination without a sidecar.', ['§B9', '§C4'], `
kind: DestinationRule
metadata: {name: stripe, namespace: shop}
spec:
  host: api.stripe.com          # a MESH_EXTERNAL ServiceEntry
  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL}
`),
  r('mtls-to-disable', 'error', CMS, 'ISTIO_MUTUAL towards a port whose sidecar is DISABLE.', ['§B9', '§C5'], `
kind: DestinationRule
metadata: {name: ledger, namespace: finance}
spec:
  host: ledger                  # port 9000 has portLevelMtls DISABLE
  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL}
`),
  r('namespace-disable-breaks-strict', 'error', CMS, 'A STRICT workload in a DISABLE namespace: auto mTLS sends it plaintext.', ['§B10', '§C8'], `
kind: PeerAuthentication
metadata: {name: billing-strict, namespace: legacy-apps}   # namespace-level mode is DISABLE
spec:
  selector: {matchLabels: {app: billing}}
  mtls: {mode: STRICT}
`),
  r('auto-mtls-off-plaintext', 'error', CMS, 'Auto mTLS is off and STRICT workloads have no DestinationRule tls.', ['§B10', '§C3'], `
# ConfigMap istio, mesh: "enableAutoMtls: false"
kind: PeerAuthentication
metadata: {name: default, namespace: shop}
spec:
  mtls: {mode: STRICT}          # no DestinationRule sets ISTIO_MUTUAL for shop's Services
`),
  r('non-mesh-client-to-strict', 'warning', CMS, 'A workload without a sidecar calls a STRICT Service.', ['§C1', '§C2'], `
kind: CronJob                   # namespace reports has no injection label
metadata: {name: nightly-report, namespace: reports}
spec:
  jobTemplate: {spec: {template: {spec: {containers: [{name: job, image: report,
    env: [{name: ORDERS_API, value: "http://orders.shop.svc.cluster.local:8080"}]}]}}}}
`),
  r('tls-conflicts-namespace-mode', 'warning', CMS, 'A DestinationRule contradicts the mode of a namespace known only by its policies.', ['§B3', '§C2', '§C5'], `
kind: DestinationRule           # payments is STRICT; no payments workload in this repository
metadata: {name: payments-plaintext, namespace: storefront}
spec:
  host: "*.payments.svc.cluster.local"
  trafficPolicy:
    tls: {mode: DISABLE}
`),
  r('tls-skips-verification', 'warning', CMS, 'TLS origination with insecureSkipVerify: the server certificate is not checked.', ['§B9'], `
kind: DestinationRule
metadata: {name: partner-bank, namespace: integrations}
spec:
  host: api.partner-bank.example
  trafficPolicy:
    tls: {mode: SIMPLE, insecureSkipVerify: true}
`),
  r('duplicate-destination-rule-host', 'warning', CMS, "Several DestinationRules for one host: only the oldest one's trafficPolicy applies.", ['§B5'], `
kind: DestinationRule
metadata: {name: reviews-debug, namespace: bookstore, creationTimestamp: "2025-06-01T00:00:00Z"}
spec:
  host: reviews                 # DestinationRule reviews (older) also has a trafficPolicy
  trafficPolicy:
    tls: {mode: DISABLE}
`),
  r('empty-tls-means-disable', 'warning', CMS, 'A tls block without mode means DISABLE.', ['§B8'], `
kind: DestinationRule
metadata: {name: cart, namespace: shop}
spec:
  host: cart
  trafficPolicy:
    tls: {}
`),
  r('port-settings-drop-tls', 'info', CMS, 'A portLevelSettings entry without tls does not inherit the top-level tls.', ['§B6'], `
kind: DestinationRule
metadata: {name: inventory, namespace: warehouse}
spec:
  host: inventory
  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL}
    portLevelSettings:
    - port: {number: 9090}
      loadBalancer: {simple: LEAST_REQUEST}
`),
  r('mutual-without-credentials', 'error', CMS, 'MUTUAL TLS without a client certificate and key or credentialName.', ['§B9'], `
kind: DestinationRule
metadata: {name: billing-provider, namespace: shop}
spec:
  host: api.billing.example
  trafficPolicy:
    tls: {mode: MUTUAL, clientCertificate: /etc/certs/client.pem}
`),
  r('credential-name-ignored-by-sidecars', 'warning', CMS, 'credentialName on a sidecar DestinationRule without workloadSelector: the TLS context is dropped.', ['§B9'], `
kind: DestinationRule
metadata: {name: partner-api, namespace: shop}
spec:
  host: api.partner.example
  trafficPolicy:
    tls: {mode: MUTUAL, credentialName: partner-client-cert}
`),
  r('duplicate-scope-policy', 'warning', PAS, 'More than one mesh-level or namespace-level PeerAuthentication: only the oldest applies.', ['§A3'], `
kind: PeerAuthentication
metadata: {name: allow-legacy-clients, namespace: shop}   # shop/default is older
spec:
  mtls: {mode: PERMISSIVE}
`),
  r('duplicate-workload-policy', 'warning', PAS, 'Several workload-level PeerAuthentications select one workload: only the oldest applies.', ['§A4'], `
kind: PeerAuthentication
metadata: {name: payments-v2-metrics, namespace: payments}   # payments-strict (older) selects app=payments
spec:
  selector: {matchLabels: {app: payments, version: v2}}
  portLevelMtls: {"9090": {mode: PERMISSIVE}}
`),
  r('root-selector-ignored', 'error', PAS, 'A PeerAuthentication with a selector in the root namespace is ignored.', ['§A2'], `
kind: PeerAuthentication
metadata: {name: legacy-soap-permissive, namespace: istio-system}
spec:
  selector: {matchLabels: {app: legacy-soap}}
  mtls: {mode: PERMISSIVE}
`),
  r('port-level-without-selector', 'error', PAS, 'portLevelMtls on a PeerAuthentication without a selector.', ['§A6'], `
kind: PeerAuthentication
metadata: {name: default, namespace: orders}
spec:
  mtls: {mode: STRICT}
  portLevelMtls: {"8081": {mode: PERMISSIVE}}
`),
  r('invalid-port-level-key', 'error', PAS, 'A portLevelMtls key that is not a port number, or an empty portLevelMtls.', ['§A7'], `
kind: PeerAuthentication
metadata: {name: stock-api-metrics, namespace: inventory}
spec:
  selector: {matchLabels: {app: stock-api}}
  portLevelMtls: {metrics: {mode: PERMISSIVE}}
`),
  r('port-level-service-port', 'warning', PAS, 'A portLevelMtls key is a Service port, not the workload port.', ['§A7'], `
kind: PeerAuthentication        # Service port 9000 -> targetPort 8081
metadata: {name: orders-admin, namespace: orders}
spec:
  selector: {matchLabels: {app: orders}}
  portLevelMtls: {"9000": {mode: PERMISSIVE}}
`),
  r('selector-matches-nothing', 'warning', PAS, 'A selector that matches no workload of its namespace.', ['§A1', '§B4', '§D2'], `
kind: PeerAuthentication
metadata: {name: checkout-strict, namespace: checkout}
spec:
  selector: {matchLabels: {app: checkout}}   # pods are labelled app.kubernetes.io/name only
  mtls: {mode: STRICT}
`),
  r('weakens-mesh-strict', 'warning', PAS, 'A policy weakens the mesh-wide STRICT mode.', ['§A5'], `
kind: PeerAuthentication        # istio-system/default is STRICT
metadata: {name: default, namespace: legacy}
spec:
  mtls: {mode: PERMISSIVE}
`),
  r('policy-without-sidecar', 'warning', PAS, 'A policy applies only to workloads without a sidecar: it has no effect.', ['§A11', '§C1'], `
kind: PeerAuthentication        # namespace batch: istio-injection=disabled
metadata: {name: default, namespace: batch}
spec:
  mtls: {mode: STRICT}
`),
  r('invalid-mtls-mode', 'error', PAS, 'A mode that is not one of the enum values (they are case-sensitive).', ['§A5', '§B8'], `
kind: PeerAuthentication
metadata: {name: default, namespace: inventory}
spec:
  mtls: {mode: strict}
`),
  r('unknown-field', 'warning', PAS, 'An unknown field in a security block: the setting is silently dropped.', ['§A5', '§B9', '§D1'], `
kind: PeerAuthentication
metadata: {name: default, namespace: catalog}
spec:
  mtls: {mdoe: STRICT}
`),
  r('removed-authentication-api', 'error', PAS, 'authentication.istio.io/v1alpha1 was removed in Istio 1.6.', ['§F3'], `
apiVersion: authentication.istio.io/v1alpha1
kind: MeshPolicy
metadata: {name: default}
spec:
  peers: [{mtls: {}}]
`),
  r('deny-bypassed-by-plaintext', 'error', IDA, 'A DENY on peer identity is bypassed by plaintext requests.', ['§D3', '§D4'], `
kind: AuthorizationPolicy       # payments-api is PERMISSIVE
metadata: {name: deny-sandbox, namespace: payments}
spec:
  selector: {matchLabels: {app: payments-api}}
  action: DENY
  rules: [{from: [{source: {namespaces: [sandbox]}}]}]
`),
  r('allow-negation-admits-plaintext', 'error', IDA, 'An ALLOW on a negated identity admits plaintext from the excluded peers.', ['§D3', '§D4'], `
kind: AuthorizationPolicy       # orders-api is PERMISSIVE
metadata: {name: orders-api-not-sandbox, namespace: orders}
spec:
  selector: {matchLabels: {app: orders-api}}
  rules: [{from: [{source: {notNamespaces: [sandbox]}}]}]
`),
  r('allow-denies-plaintext', 'warning', IDA, 'An ALLOW on peer identity denies plaintext, even from the intended peers.', ['§D3', '§D4'], `
kind: AuthorizationPolicy       # payments-api is PERMISSIVE
metadata: {name: allow-invoicer, namespace: payments}
spec:
  selector: {matchLabels: {app: payments-api}}
  rules: [{from: [{source: {principals: ["cluster.local/ns/billing/sa/invoicer"]}}]}]
`),
  r('principal-has-spiffe-prefix', 'error', IDA, 'A principal with the spiffe:// prefix never matches.', ['§D5'], `
kind: AuthorizationPolicy
metadata: {name: orders-from-frontend, namespace: orders}
spec:
  rules: [{from: [{source: {principals: ["spiffe://cluster.local/ns/shop/sa/frontend"]}}]}]
`),
  r('principal-malformed', 'warning', IDA, 'A principal that is not <trust-domain>/ns/<namespace>/sa/<service-account>.', ['§D5'], `
kind: AuthorizationPolicy
metadata: {name: orders-from-frontend, namespace: orders}
spec:
  rules: [{from: [{source: {principals: ["cluster.local/ns/shop/frontend"]}}]}]
`),
  r('principal-unknown-service-account', 'warning', IDA, 'A principal names a service account that no workload of its namespace uses.', ['§D5', '§E1'], `
kind: AuthorizationPolicy       # reporting runs as report-generator
metadata: {name: orders-from-reporting, namespace: orders}
spec:
  rules: [{from: [{source: {principals: ["cluster.local/ns/reporting/sa/report-gen"]}}]}]
`),
  r('principal-foreign-trust-domain', 'warning', IDA, 'A principal in a trust domain the mesh does not accept.', ['§D6', '§D7'], `
kind: AuthorizationPolicy       # mesh trustDomain acme.internal, no aliases
metadata: {name: orders-from-staging, namespace: orders}
spec:
  rules: [{from: [{source: {principals: ["staging.acme.internal/ns/shop/sa/frontend"]}}]}]
`),
  r('unknown-namespace-reference', 'warning', IDA, 'A namespaces entry names a namespace the workspace does not have.', ['§D3', '§D9'], `
kind: AuthorizationPolicy       # the namespace is called sandbox
metadata: {name: deny-sandbox-jobs, namespace: inventory}
spec:
  action: DENY
  rules: [{from: [{source: {namespaces: [sandbox-jobs]}}]}]
`),
  r('service-accounts-mixed', 'error', IDA, 'serviceAccounts combined with principals or namespaces in one source.', ['§D3'], `
kind: AuthorizationPolicy
metadata: {name: inventory-writers, namespace: inventory}
spec:
  rules: [{from: [{source: {serviceAccounts: [writer], namespaces: [inventory]}}]}]
`),
  r('inject-annotation-no-opt-in', 'warning', INJ, 'The sidecar.istio.io/inject annotation does not opt a pod in; the label does.', ['§C1', '§H7'], `
kind: Deployment                # namespace internal-tools has no injection label
metadata: {name: feature-flags, namespace: internal-tools}
spec:
  template:
    metadata:
      annotations: {sidecar.istio.io/inject: "true"}
`),
  r('certificate-expired', 'error', CRT, 'A certificate has expired.', ['§E2', '§E3', '§E4'], `
kind: ConfigMap
metadata: {name: istio-ca-root-cert, namespace: shop}
data:
  root-cert.pem: |             # notAfter in the past
    -----BEGIN CERTIFICATE-----
`),
  r('certificate-expiring', 'warning', CRT, 'A certificate expires within the warning window (30 days by default).', ['§E2'], `
kind: ConfigMap
metadata: {name: linkerd-identity-trust-roots, namespace: linkerd}
data:
  ca-bundle.crt: |             # notAfter in 18 days
    -----BEGIN CERTIFICATE-----
`),
  r('certificate-not-yet-valid', 'error', CRT, 'A certificate is not valid yet (clock skew).', ['§E2'], `
kind: Secret
metadata: {name: linkerd-identity-issuer, namespace: linkerd}
stringData:
  crt.pem: |                   # notBefore tomorrow
    -----BEGIN CERTIFICATE-----
`),
  r('ca-chain-broken', 'error', CRT, 'The CA certificate does not verify up to root-cert.pem of the same Secret.', ['§E3'], `
kind: Secret
metadata: {name: cacerts, namespace: istio-system}
data:
  ca-cert.pem: ...             # signed by a root that is not root-cert.pem
  root-cert.pem: ...
`),
  r('ca-key-mismatch', 'error', CRT, "ca-key.pem does not belong to ca-cert.pem.", ['§E3'], `
kind: Secret
metadata: {name: cacerts, namespace: istio-system}
data:
  ca-cert.pem: ...             # the new intermediate
  ca-key.pem: ...              # the old intermediate's key
`),
  r('ca-not-ca', 'error', CRT, 'The signing certificate is not a CA (basicConstraints / keyCertSign).', ['§E3'], `
kind: Secret
metadata: {name: cacerts, namespace: istio-system}
stringData:
  ca-cert.pem: |               # CA:FALSE, keyUsage digitalSignature
    -----BEGIN CERTIFICATE-----
`),
  r('root-mismatch', 'error', CRT, "A namespace's istio-ca-root-cert differs from the mesh root.", ['§E4'], `
kind: ConfigMap
metadata: {name: istio-ca-root-cert, namespace: legacy}
data:
  root-cert.pem: |             # not the root-cert.pem of istio-system/cacerts
    -----BEGIN CERTIFICATE-----
`),
  r('unreadable-certificate', 'error', CRT, 'A certificate value that is not a readable certificate.', ['§E3', '§E4'], `
kind: ConfigMap
metadata: {name: istio-ca-root-cert, namespace: payments}
data:
  root-cert.pem: |             # truncated: no END CERTIFICATE line
    -----BEGIN CERTIFICATE-----
    MIIDdzCCAl+gAwIBAgIUJ...
`),
  r('duplicate-resource', 'info', INP, 'A file holds two documents with the same identity; the later one replaces the earlier.', [], `
kind: DestinationRule
metadata: {name: web, namespace: storefront}
spec: {host: web, trafficPolicy: {tls: {}}}
---
kind: DestinationRule
metadata: {name: web, namespace: storefront}
spec: {host: web, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}
`),
  r('yaml-syntax', 'error', INP, 'A document that does not parse; the other documents of the file still count.', [], `
spec:
  mtls:
<<<<<<< HEAD
    mode: STRICT
=======
    mode: PERMISSIVE
>>>>>>> feature
`),
];

const BY_ID = new Map(RULES.map((info) => [info.id, info]));

export function ruleInfo(id: string): RuleInfo {
  const info = BY_ID.get(id);
  if (!info) throw new Error(`unknown rule id ${id}`);
  return info;
}

export function isRuleId(id: string): boolean {
  return BY_ID.has(id);
}
