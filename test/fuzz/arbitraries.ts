// fast-check arbitraries for Istio and Kubernetes documents: realistic values drawn from small
// pools (so that resources meet each other: selectors match, hosts resolve, policies overlap),
// mixed with hostile values (wrong types, odd strings, prototype keys) at any field.
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export const NAMESPACES = ['shop', 'web', 'legacy', 'istio-system', 'default', 'finance'] as const;
export const APPS = ['reviews', 'ratings', 'web', 'db', 'ledger'] as const;

/** Strings that have broken parsers, maps and printers before. */
export const HOSTILE_STRINGS: readonly string[] = [
  '', ' ', '*', '**', '.', '..', '-', '~', '/', '//', 'a'.repeat(300), '{{ .Values.name }}', '{{', '}}',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf',
  '😀', 'ünïcødé', 'a\u0000b', 'line\nbreak', 'tab\there', '\u202Ertl', '\u200Bzero-width', 'spiffe://', 'spiffe://cluster.local/ns//sa/',
  'cluster.local/ns/*/sa/*', '0', '-1', '1e3', '65536', '0x1F', '0o17', 'true', 'false', 'null', 'yes', 'no', 'on', 'off', '.inf', '.nan',
  '  padded  ', '"quoted"', "'single'", '#hash', ': colon', '- dash', '[flow]', '{map}', '&anchor', '*alias', '!tag', '%percent', '@at', '`tick`', '|', '>',
  '<<', '=', '\\', 'C:\\Windows', '../../etc/passwd', 'file:///etc/passwd', 'http://169.254.169.254/', '$(rm -rf /)', '${HOME}',
];

/** Values of the wrong type (and edge values of the right one) for any field. */
export const wrongValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 65536, 1e308, -0, 2 ** 53, '', [], {}, ['x'], [1, 2], { k: 'v' }, { k: { j: 1 } }, [[[]]], [null], { '': '' }),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.integer(),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

/** Mostly the given arbitrary; sometimes a wrong value. */
export function maybeWrong<T extends Json>(arb: fc.Arbitrary<T>, wrongWeight = 1): fc.Arbitrary<Json> {
  return fc.oneof({ arbitrary: arb as fc.Arbitrary<Json>, weight: 12 }, { arbitrary: wrongValue, weight: wrongWeight });
}

function pick<T extends Json>(realistic: readonly T[], extra: fc.Arbitrary<Json> = wrongValue): fc.Arbitrary<Json> {
  return fc.oneof({ arbitrary: fc.constantFrom(...realistic) as fc.Arbitrary<Json>, weight: 12 }, { arbitrary: extra, weight: 1 });
}

const dnsLabel = fc.stringMatching(/^[a-z]([a-z0-9-]{0,8}[a-z0-9])?$/);
export const namespaceName = pick([...NAMESPACES], fc.oneof(dnsLabel, wrongValue));
export const appName = pick([...APPS], fc.oneof(dnsLabel, wrongValue));
const port = pick([80, 443, 8080, 9080, 9000, 15021, 5432, '80', '8080', 'http'], fc.oneof(fc.integer({ min: -5, max: 70000 }), wrongValue));
const portName = pick(['http', 'grpc', 'tcp', 'https', 'tls', 'http-admin', 'tcp-db', 'mongo'], wrongValue);

const labelKey = pick(['app', 'version', 'tier', 'istio-injection', 'istio.io/rev', 'security.istio.io/tlsMode'], fc.constantFrom('__proto__', 'constructor', 'toString', '', 'a/b/c'));
const labelValue = pick(['reviews', 'ratings', 'web', 'db', 'ledger', 'v1', 'v2', 'enabled', 'disabled', 'istio'], wrongValue);
export const labels: fc.Arbitrary<Json> = maybeWrong(fc.dictionary(labelKey.map(String), labelValue, { maxKeys: 3 }));
const appLabels: fc.Arbitrary<Json> = fc.oneof(
  { arbitrary: appName.map((a) => ({ app: a }) as Json), weight: 6 },
  { arbitrary: labels, weight: 2 },
);

export const host: fc.Arbitrary<Json> = pick(
  ['reviews', 'ratings', 'reviews.shop', 'reviews.shop.svc.cluster.local', 'ledger.finance.svc.cluster.local', '*.shop.svc.cluster.local', '*.local', '*', 'api.example.com', 'db.legacy.svc.cluster.local'],
  fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), wrongValue),
);

const peerMode = pick(['STRICT', 'PERMISSIVE', 'DISABLE', 'UNSET', 'strict', 'MUTUAL']);
const tlsMode = pick(['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL', 'istio_mutual', 'STRICT']);
const principal = pick(['cluster.local/ns/shop/sa/web', 'spiffe://cluster.local/ns/shop/sa/reviews', 'cluster.local/ns/*/sa/web', '*', 'td.example/ns/web/sa/web', 'cluster.local/ns/shop/sa/'], fc.constantFrom(...HOSTILE_STRINGS));
const strings = (arb: fc.Arbitrary<Json>) => maybeWrong(fc.array(arb, { maxLength: 3 }));

function metadata(kindScoped: boolean): fc.Arbitrary<Json> {
  const base = {
    name: maybeWrong(fc.oneof(appName, fc.constantFrom('default', 'istio', 'cacerts', 'mesh')) as fc.Arbitrary<Json>, 1),
    namespace: namespaceName,
    labels,
    annotations: maybeWrong(fc.dictionary(fc.constantFrom('sidecar.istio.io/inject', 'istio-mtls-doctor.io/ignore', 'networking.istio.io/exportTo', 'x'), fc.constantFrom('true', 'false', '*', 'plaintext-to-strict', 'x') as fc.Arbitrary<Json>, { maxKeys: 2 })),
    creationTimestamp: pick(['2024-01-01T00:00:00Z', '2023-06-01T00:00:00Z', 'yesterday']),
  };
  return maybeWrong(fc.record(base, { requiredKeys: kindScoped ? ['name'] : ['name', 'namespace'] }) as fc.Arbitrary<Json>, 1);
}

const apiVersion = (valid: readonly string[]) => pick(valid, fc.constantFrom<Json>('v0', '', 'security.istio.io/v9', 7, null));

function doc(kind: string, versions: readonly string[], spec: fc.Arbitrary<Json> | undefined, clusterScoped = false, extra: Record<string, fc.Arbitrary<Json>> = {}): fc.Arbitrary<JsonObject> {
  return fc.record(
    { apiVersion: apiVersion(versions), kind: fc.constant(kind) as fc.Arbitrary<Json>, metadata: metadata(clusterScoped), ...(spec ? { spec } : {}), ...extra },
    { requiredKeys: spec ? ['apiVersion', 'kind', 'metadata', 'spec'] : ['apiVersion', 'kind', 'metadata'] },
  ) as fc.Arbitrary<JsonObject>;
}

export const namespaceDoc = fc.record({
  apiVersion: fc.constant('v1') as fc.Arbitrary<Json>,
  kind: fc.constant('Namespace') as fc.Arbitrary<Json>,
  metadata: fc.record({
    name: namespaceName,
    labels: maybeWrong(fc.dictionary(fc.constantFrom('istio-injection', 'istio.io/rev', 'team'), fc.constantFrom('enabled', 'disabled', 'default', 'canary', '') as fc.Arbitrary<Json>, { maxKeys: 2 })),
  }, { requiredKeys: ['name'] }) as fc.Arbitrary<Json>,
}) as fc.Arbitrary<JsonObject>;

const containerPort = maybeWrong(fc.record({ containerPort: port, name: portName, protocol: pick(['TCP', 'UDP']) }, { requiredKeys: ['containerPort'] }) as fc.Arbitrary<Json>);
const container = maybeWrong(fc.record({
  name: appName,
  image: fc.constant('example/app:1') as fc.Arbitrary<Json>,
  ports: maybeWrong(fc.array(containerPort, { maxLength: 3 })),
  env: maybeWrong(fc.array(fc.record({ name: fc.constant('UPSTREAM') as fc.Arbitrary<Json>, value: pick(['http://reviews.shop:9080', 'ratings:9080', 'https://api.example.com']) }) as fc.Arbitrary<Json>, { maxLength: 2 })),
  args: strings(pick(['--upstream=reviews', '--port=9080'])),
}, { requiredKeys: ['name'] }) as fc.Arbitrary<Json>);

const podTemplate = fc.record({
  metadata: maybeWrong(fc.record({
    labels: appLabels,
    annotations: maybeWrong(fc.dictionary(
      fc.constantFrom('sidecar.istio.io/inject', 'traffic.sidecar.istio.io/includeInboundPorts', 'traffic.sidecar.istio.io/excludeInboundPorts', 'proxy.istio.io/config'),
      fc.constantFrom('true', 'false', '*', '9080', '8080,9000', '', 'x') as fc.Arbitrary<Json>, { maxKeys: 2 })),
  }, { requiredKeys: ['labels'] }) as fc.Arbitrary<Json>),
  spec: maybeWrong(fc.record({
    serviceAccountName: appName,
    hostNetwork: pick([true, false]),
    containers: maybeWrong(fc.array(container, { minLength: 1, maxLength: 2 })),
  }, { requiredKeys: ['containers'] }) as fc.Arbitrary<Json>),
}) as fc.Arbitrary<Json>;

const workloadKinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'] as const;
export const deploymentDoc = fc.constantFrom(...workloadKinds).chain((kind) =>
  doc(kind, ['apps/v1'], maybeWrong(fc.record({ selector: maybeWrong(fc.record({ matchLabels: appLabels }) as fc.Arbitrary<Json>), replicas: pick([1, 3, 0]), template: maybeWrong(podTemplate) }, { requiredKeys: ['template'] }) as fc.Arbitrary<Json>)));

const servicePort = maybeWrong(fc.record({ name: portName, port, targetPort: port, protocol: pick(['TCP', 'UDP', 'SCTP']), appProtocol: pick(['http', 'https', 'tcp', 'grpc', 'kubernetes.io/h2c']) }, { requiredKeys: ['port'] }) as fc.Arbitrary<Json>);
export const serviceDoc = doc('Service', ['v1'], maybeWrong(fc.record({
  selector: appLabels,
  ports: maybeWrong(fc.array(servicePort, { minLength: 1, maxLength: 3 })),
  type: pick(['ClusterIP', 'NodePort', 'ExternalName', 'LoadBalancer']),
  clusterIP: pick(['None', '10.0.0.1']),
  externalName: host,
}, { requiredKeys: ['ports'] }) as fc.Arbitrary<Json>));

const selector = maybeWrong(fc.record({ matchLabels: appLabels }) as fc.Arbitrary<Json>);
const ISTIO_SECURITY = ['security.istio.io/v1', 'security.istio.io/v1beta1'];
const ISTIO_NETWORKING = ['networking.istio.io/v1', 'networking.istio.io/v1beta1', 'networking.istio.io/v1alpha3'];

export const peerAuthenticationDoc = doc('PeerAuthentication', ISTIO_SECURITY, maybeWrong(fc.record({
  selector,
  mtls: maybeWrong(fc.record({ mode: peerMode }) as fc.Arbitrary<Json>),
  portLevelMtls: maybeWrong(fc.dictionary(fc.oneof(port.map(String), fc.constantFrom('http', '0', '99999')), maybeWrong(fc.record({ mode: peerMode }) as fc.Arbitrary<Json>), { maxKeys: 2 })),
}, { requiredKeys: [] }) as fc.Arbitrary<Json>));

const tls = maybeWrong(fc.record({
  mode: tlsMode,
  sni: host,
  credentialName: pick(['client-cert', '']),
  clientCertificate: pick(['/etc/certs/cert.pem']),
  privateKey: pick(['/etc/certs/key.pem']),
  caCertificates: pick(['/etc/certs/ca.pem']),
  subjectAltNames: strings(principal),
  insecureSkipVerify: pick([true, false, 'true']),
}, { requiredKeys: [] }) as fc.Arbitrary<Json>);
const portSelector = maybeWrong(fc.record({ number: port }) as fc.Arbitrary<Json>);
const trafficPolicy = maybeWrong(fc.record({
  tls,
  portLevelSettings: maybeWrong(fc.array(maybeWrong(fc.record({ port: portSelector, tls }, { requiredKeys: [] }) as fc.Arbitrary<Json>), { maxLength: 2 })),
  loadBalancer: fc.constant({ simple: 'ROUND_ROBIN' }) as fc.Arbitrary<Json>,
}, { requiredKeys: [] }) as fc.Arbitrary<Json>);
export const destinationRuleDoc = doc('DestinationRule', ISTIO_NETWORKING, maybeWrong(fc.record({
  host,
  exportTo: strings(pick(['*', '.', 'shop', '~'])),
  workloadSelector: selector,
  trafficPolicy,
  subsets: maybeWrong(fc.array(maybeWrong(fc.record({ name: pick(['v1', 'v2']), labels, trafficPolicy }, { requiredKeys: ['name'] }) as fc.Arbitrary<Json>), { maxLength: 2 })),
}, { requiredKeys: ['host'] }) as fc.Arbitrary<Json>));

const source = maybeWrong(fc.record({
  principals: strings(principal),
  notPrincipals: strings(principal),
  namespaces: strings(namespaceName),
  notNamespaces: strings(namespaceName),
  requestPrincipals: strings(pick(['*', 'issuer/subject'])),
  ipBlocks: strings(pick(['10.0.0.0/8', '1.2.3.4'])),
}, { requiredKeys: [] }) as fc.Arbitrary<Json>);
const operation = maybeWrong(fc.record({ ports: strings(port.map((p) => (typeof p === 'number' ? String(p) : p))), notPorts: strings(port), methods: strings(pick(['GET', 'POST'])), paths: strings(pick(['/health', '/*'])), hosts: strings(host) }, { requiredKeys: [] }) as fc.Arbitrary<Json>);
const authzRule = maybeWrong(fc.record({
  from: maybeWrong(fc.array(maybeWrong(fc.record({ source }) as fc.Arbitrary<Json>), { maxLength: 2 })),
  to: maybeWrong(fc.array(maybeWrong(fc.record({ operation }) as fc.Arbitrary<Json>), { maxLength: 2 })),
  when: maybeWrong(fc.array(maybeWrong(fc.record({ key: pick(['source.namespace', 'source.principal', 'connection.sni', 'request.auth.claims[iss]', 'source.ip']), values: strings(pick(['shop', 'cluster.local/ns/shop/sa/web'])), notValues: strings(pick(['x'])) }, { requiredKeys: ['key'] }) as fc.Arbitrary<Json>), { maxLength: 2 })),
}, { requiredKeys: [] }) as fc.Arbitrary<Json>);
export const authorizationPolicyDoc = doc('AuthorizationPolicy', ISTIO_SECURITY, maybeWrong(fc.record({
  selector,
  action: pick(['ALLOW', 'DENY', 'AUDIT', 'CUSTOM', 'allow']),
  rules: maybeWrong(fc.array(authzRule, { maxLength: 2 })),
}, { requiredKeys: [] }) as fc.Arbitrary<Json>));

const destination = maybeWrong(fc.record({ host, subset: pick(['v1', 'v2', 'v3']), port: portSelector }, { requiredKeys: ['host'] }) as fc.Arbitrary<Json>);
const route = maybeWrong(fc.array(maybeWrong(fc.record({ destination, weight: pick([100, 50, 0]) }, { requiredKeys: ['destination'] }) as fc.Arbitrary<Json>), { minLength: 1, maxLength: 2 }));
export const virtualServiceDoc = doc('VirtualService', ISTIO_NETWORKING, maybeWrong(fc.record({
  hosts: strings(host),
  gateways: strings(pick(['mesh', 'istio-system/gateway'])),
  http: maybeWrong(fc.array(maybeWrong(fc.record({ route, mirror: destination }, { requiredKeys: ['route'] }) as fc.Arbitrary<Json>), { maxLength: 2 })),
  tcp: maybeWrong(fc.array(maybeWrong(fc.record({ route }) as fc.Arbitrary<Json>), { maxLength: 1 })),
  tls: maybeWrong(fc.array(maybeWrong(fc.record({ match: fc.constant([{ sniHosts: ['reviews'] }]) as fc.Arbitrary<Json>, route }) as fc.Arbitrary<Json>), { maxLength: 1 })),
}, { requiredKeys: [] }) as fc.Arbitrary<Json>));

export const serviceEntryDoc = doc('ServiceEntry', ISTIO_NETWORKING, maybeWrong(fc.record({
  hosts: strings(host),
  addresses: strings(pick(['10.1.0.0/16', '1.2.3.4'])),
  ports: maybeWrong(fc.array(maybeWrong(fc.record({ number: port, name: portName, protocol: pick(['HTTP', 'HTTPS', 'TLS', 'TCP', 'GRPC']), targetPort: port }, { requiredKeys: ['number'] }) as fc.Arbitrary<Json>), { maxLength: 2 })),
  location: pick(['MESH_EXTERNAL', 'MESH_INTERNAL']),
  resolution: pick(['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN']),
  endpoints: maybeWrong(fc.array(maybeWrong(fc.record({ address: pick(['1.2.3.4', 'db.example.com']), labels, ports: maybeWrong(fc.dictionary(portName.map(String), port)) }, { requiredKeys: [] }) as fc.Arbitrary<Json>), { maxLength: 2 })),
  workloadSelector: maybeWrong(fc.record({ labels: appLabels }) as fc.Arbitrary<Json>),
  exportTo: strings(pick(['*', '.'])),
}, { requiredKeys: [] }) as fc.Arbitrary<Json>));

/** The mesh config, as a ConfigMap `istio` (its `mesh` key is YAML in a string). */
export const meshConfigDoc = fc.record({
  enableAutoMtls: pick([true, false, 'false']),
  rootNamespace: pick(['istio-system', 'istio-config']),
  trustDomain: pick(['cluster.local', 'td.example']),
  trustDomainAliases: strings(pick(['cluster.local', 'old.example'])),
}, { requiredKeys: [] }).map((mesh): JsonObject => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio', namespace: 'istio-system' },
  data: { mesh: Object.entries(mesh).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n') },
}));

export const legacyPolicyDoc = doc('Policy', ['authentication.istio.io/v1alpha1'], maybeWrong(fc.record({
  peers: maybeWrong(fc.array(fc.constantFrom<Json>({ mtls: { mode: 'PERMISSIVE' } }, { mtls: {} }, { mtls: null }, 'x'), { maxLength: 2 })),
  targets: maybeWrong(fc.array(fc.record({ name: appName }) as fc.Arbitrary<Json>, { maxLength: 1 })),
}, { requiredKeys: [] }) as fc.Arbitrary<Json>));

export const serviceAccountDoc = doc('ServiceAccount', ['v1'], undefined);

/** Any one document; mostly Istio kinds, sometimes an arbitrary JSON value. */
export const anyDoc: fc.Arbitrary<Json> = fc.oneof(
  { arbitrary: namespaceDoc, weight: 2 },
  { arbitrary: deploymentDoc, weight: 3 },
  { arbitrary: serviceDoc, weight: 3 },
  { arbitrary: peerAuthenticationDoc, weight: 3 },
  { arbitrary: destinationRuleDoc, weight: 4 },
  { arbitrary: authorizationPolicyDoc, weight: 2 },
  { arbitrary: virtualServiceDoc, weight: 2 },
  { arbitrary: serviceEntryDoc, weight: 2 },
  { arbitrary: meshConfigDoc, weight: 1 },
  { arbitrary: legacyPolicyDoc, weight: 1 },
  { arbitrary: serviceAccountDoc, weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>, weight: 1 },
  { arbitrary: wrongValue, weight: 1 },
);

/** A `kind: List` wrapping documents (the engine reads its items). */
export const listDoc: fc.Arbitrary<Json> = fc.array(anyDoc, { maxLength: 3 }).map((items) => ({ apiVersion: 'v1', kind: 'List', items }));

/** A workspace as values: files of documents, every file named `fN.yaml` (or in folders). */
export interface GeneratedWorkspace {
  readonly files: ReadonlyArray<{ readonly path: string; readonly docs: readonly Json[] }>;
}

const FOLDERS = ['', '', '', 'base/', 'overlays/prod/', 'overlays/dev/', 'mesh/'];
export const workspace: fc.Arbitrary<GeneratedWorkspace> = fc
  .array(fc.tuple(fc.constantFrom(...FOLDERS), fc.array(fc.oneof({ arbitrary: anyDoc, weight: 9 }, { arbitrary: listDoc, weight: 1 }), { minLength: 1, maxLength: 5 })), { minLength: 1, maxLength: 4 })
  .map((files) => ({ files: files.map(([folder, docs], i) => ({ path: `${folder}f${i}.yaml`, docs })) }));
