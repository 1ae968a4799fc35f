// The inputs of the fuzz run: generated workspaces (documents from arbitraries.ts rendered in
// random legitimate styles, sometimes mutated afterwards) and mutations of real manifests
// (the repository's samples, kustomize and Helm layouts, certificate Secrets).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { workspace } from './arbitraries';
import { renderStyle, renderYaml } from './render';
import { mutation, applyMutations, type Mutation } from './mutations';
import type { Files } from './engineRun';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../support/fixtures';
import { docs } from '../support/workspace';

export interface CorpusEntry {
  readonly name: string;
  readonly files: Files;
}

const APP = docs(
  '# The shop namespace\n' + namespace('shop', { 'istio-injection': 'enabled' }),
  deployment('shop', 'web'),
  deployment('shop', 'reviews', { ports: [{ name: 'http', containerPort: 9080 }, { name: 'admin', containerPort: 9000 }] }),
  service('shop', 'reviews', [{ name: 'http', port: 80, targetPort: 9080 }, { name: 'http-admin', port: 9000, targetPort: 'admin' }]),
  peerAuthentication('shop', 'default', 'STRICT'),
  peerAuthentication('shop', 'reviews-admin', 'STRICT', { selector: { app: 'reviews' }, portLevel: { '9000': 'PERMISSIVE' } }),
);
const DR = destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      mode: DISABLE # on purpose\n    portLevelSettings:\n    - port: {number: 80}\n      tls: {}\n  subsets:\n  - name: v1\n    labels: {version: v1}\n');
const AUTHZ = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-web
  namespace: shop
spec:
  selector:
    matchLabels: {app: reviews}
  action: ALLOW
  rules:
  - from:
    - source:
        principals: ["spiffe://cluster.local/ns/shop/sa/web", "cluster.local/ns/legacy/sa/*"]
        namespaces: [legacy]
    to:
    - operation:
        ports: ["9080"]
    when:
    - key: source.namespace
      values: [shop]
`;
const VS_SE = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: shop}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1, port: {number: 80}}
    mirror: {host: api.example.com}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: external, namespace: shop}
spec:
  hosts: [api.example.com]
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
  - {number: 443, name: tls, protocol: TLS}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: external, namespace: shop}
spec:
  host: api.example.com
  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL}
`;
const MESH = `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio
  namespace: istio-system
data:
  mesh: |-
    enableAutoMtls: false
    trustDomain: td.example
    trustDomainAliases: [cluster.local]
---
apiVersion: authentication.istio.io/v1alpha1
kind: Policy
metadata: {name: default, namespace: legacy}
spec:
  peers:
  - mtls: {mode: PERMISSIVE}
`;
const KUSTOMIZE: Files = {
  'base/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- app.yaml\n- dr.yaml\n',
  'base/app.yaml': APP,
  'base/dr.yaml': DR,
  'overlays/prod/kustomization.yaml': 'resources:\n- ../../base\npatches:\n- path: dr-patch.yaml\n',
  'overlays/prod/dr-patch.yaml': 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\nspec:\n  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n',
  'overlays/dev/kustomization.yaml': 'resources:\n- ../../base\npatchesStrategicMerge:\n- ns.yaml\n',
  'overlays/dev/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio-injection: null\n',
};
const HELM: Files = {
  'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\n',
  'chart/templates/dr.yaml': 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: {{ .Values.name }}\n  namespace: {{ .Release.Namespace }}\nspec:\n  host: {{ .Values.host }}\n',
  'rendered/dr.yaml': DR,
  'rendered/app.yaml': APP,
};

/** A Secret holding CA material (certificates only: key material has its own security tests). */
function caSecret(certPem: string): string {
  const b64 = Buffer.from(certPem).toString('base64');
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: cacerts\n  namespace: istio-system\ntype: Opaque\ndata:\n  ca-cert.pem: ${b64}\n  root-cert.pem: ${b64}\n  cert-chain.pem: ${b64}\n`;
}

/** The corpus: repository samples and hand-written layouts. `certificatePem` adds certificate files. */
export function loadCorpus(root = process.cwd(), certificatePem?: string): CorpusEntry[] {
  const samplesDir = join(root, 'samples', 'mesh');
  let samples: Files = {};
  try {
    samples = Object.fromEntries(readdirSync(samplesDir).filter((f) => f.endsWith('.yaml')).sort().map((f) => [`mesh/${f}`, readFileSync(join(samplesDir, f), 'utf8')]));
  } catch {
    samples = {};
  }
  const list: CorpusEntry[] = [
    { name: 'shop', files: { 'app.yaml': APP, 'dr.yaml': DR, 'authz.yaml': AUTHZ, 'routes.yaml': VS_SE, 'mesh.yaml': MESH } },
    { name: 'kustomize', files: KUSTOMIZE },
    { name: 'helm', files: HELM },
  ];
  if (Object.keys(samples).length) list.push({ name: 'samples/mesh', files: samples });
  if (certificatePem) list.push({ name: 'certificates', files: { 'app.yaml': APP, 'cacerts.yaml': caSecret(certificatePem), 'certs/root-cert.pem': certificatePem } });
  return list;
}

export interface FuzzInput {
  readonly kind: 'generated' | 'mutated';
  readonly files: Files;
  /** How it was made (for the report). */
  readonly recipe: string;
}

function mutateOneFile(files: Files, fileChoice: number, ms: readonly Mutation[]): { files: Files; path: string } {
  const paths = Object.keys(files).sort();
  const path = paths[fileChoice % paths.length];
  return { files: { ...files, [path]: applyMutations(files[path], ms) }, path };
}

export function fuzzInputs(corpus: readonly CorpusEntry[]): fc.Arbitrary<FuzzInput> {
  const generated = fc
    .tuple(workspace, fc.array(renderStyle, { minLength: 4, maxLength: 4 }), fc.nat(), fc.array(mutation, { maxLength: 2 }))
    .map(([ws, styles, fileChoice, ms]): FuzzInput => {
      const files: Files = Object.fromEntries(ws.files.map((f, i) => [f.path, renderYaml(f.docs, styles[i % styles.length])]));
      const mutated = ms.length ? mutateOneFile(files, fileChoice, ms) : { files, path: '' };
      return { kind: 'generated', files: mutated.files, recipe: ms.length ? `generated, then ${JSON.stringify(ms)} on ${mutated.path}` : 'generated' };
    });
  if (corpus.length === 0) return generated;
  const mutated = fc
    .tuple(fc.nat({ max: corpus.length - 1 }), fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 6 }))
    .map(([c, fileChoice, ms]): FuzzInput => {
      const entry = corpus[c];
      const { files, path } = mutateOneFile(entry.files, fileChoice, ms);
      return { kind: 'mutated', files, recipe: `${entry.name}: ${JSON.stringify(ms)} on ${path}` };
    });
  return fc.oneof({ arbitrary: generated, weight: 1 }, { arbitrary: mutated, weight: 1 });
}

/** The input number `index` of a run with `seed`: the same pair always gives the same input. */
export function fuzzInputAt(arb: fc.Arbitrary<FuzzInput>, seed: number, index: number): FuzzInput {
  return fc.sample(arb, { seed: (seed + index * 7919) | 0, numRuns: 1 })[0];
}
