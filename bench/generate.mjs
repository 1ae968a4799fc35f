// A seeded generator of realistic synthetic meshes for the benchmarks:
//   node bench/generate.mjs <documents> <folder> [seed]
// Namespaces with injection labels, ServiceAccounts, Deployments (pod labels, env URLs to other
// services), Services (named and numeric targetPorts), PeerAuthentications at mesh, namespace,
// workload and port level, DestinationRules (exact, wildcard, port-level, subsets),
// VirtualServices, AuthorizationPolicies with principals, a mesh ConfigMap; some multi-document
// files and some one resource per file; a few deliberate conflicts.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Returns { files: Map<relativePath, text>, documents }. */
export function generateMesh(targetDocuments, seed = 42) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const files = new Map();
  const namespaceCount = Math.max(4, Math.round(targetDocuments / 60));
  const namespaces = Array.from({ length: namespaceCount }, (_, i) => `team-${String(i).padStart(3, '0')}`);
  const apps = []; // { ns, app }
  let documents = 0;
  const add = (path, docs) => {
    files.set(path, docs.join('---\n'));
    documents += docs.length;
  };
  add('platform/istio-system.yaml', [
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: istio-system\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n  namespace: istio-system\ndata:\n  mesh: |\n    rootNamespace: istio-system\n    trustDomain: cluster.local\n    enableAutoMtls: true\n',
    'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: STRICT\n',
    'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: mesh-default\n  namespace: istio-system\nspec:\n  host: "*.local"\n  trafficPolicy:\n    connectionPool:\n      tcp: {maxConnections: 1000}\n',
  ]);
  let n = 0;
  while (documents < targetDocuments) {
    const ns = namespaces[n % namespaceCount];
    const i = n++;
    if (i < namespaceCount) {
      const injected = r() < 0.85;
      add(`namespaces/${ns}.yaml`, [
        `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels:\n    ${injected ? 'istio-injection: enabled' : 'team: legacy'}\n`,
        `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: ${ns}\nspec:\n  mtls:\n    mode: ${pick(['STRICT', 'STRICT', 'PERMISSIVE', 'UNSET'])}\n`,
      ]);
      continue;
    }
    const app = `svc-${i}`;
    apps.push({ ns, app });
    const other = apps[Math.floor(r() * apps.length)];
    const named = r() < 0.6;
    const docs = [
      `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${app}\n  namespace: ${ns}\n`,
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n        version: v1\n        tier: ${pick(['web', 'api', 'data'])}\n    spec:\n      serviceAccountName: ${app}\n      containers:\n      - name: main\n        image: registry.example.com/${ns}/${app}:1.${i % 10}\n        env:\n        - name: UPSTREAM_URL\n          value: http://${other.app}.${other.ns}.svc.cluster.local:80\n        ports:\n        - name: http\n          containerPort: 8080\n        - name: metrics\n          containerPort: 9090\n`,
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nspec:\n  selector:\n    app: ${app}\n  ports:\n  - name: http\n    port: 80\n    targetPort: ${named ? 'http' : 8080}\n  - name: http-metrics\n    port: 9090\n    targetPort: ${named ? 'metrics' : 9090}\n`,
    ];
    const roll = r();
    if (roll < 0.25) {
      docs.push(`apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nspec:\n  host: ${app}\n  trafficPolicy:\n    tls:\n      mode: ${pick(['ISTIO_MUTUAL', 'ISTIO_MUTUAL', 'ISTIO_MUTUAL', 'DISABLE'])}\n    portLevelSettings:\n    - port:\n        number: 9090\n      tls:\n        mode: ISTIO_MUTUAL\n  subsets:\n  - name: v1\n    labels:\n      version: v1\n`);
      if (r() < 0.5) docs.push(`apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nspec:\n  hosts:\n  - ${app}\n  http:\n  - route:\n    - destination:\n        host: ${app}\n        subset: v1\n`);
    } else if (roll < 0.3) {
      docs.push(`apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: wildcard-${i}\n  namespace: ${ns}\nspec:\n  host: "*.${other.ns}.svc.cluster.local"\n  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n`);
    }
    if (r() < 0.15) docs.push(`apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: ${app}-metrics\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels:\n      app: ${app}\n  mtls:\n    mode: STRICT\n  portLevelMtls:\n    "9090":\n      mode: PERMISSIVE\n`);
    if (r() < 0.3) docs.push(`apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels:\n      app: ${app}\n  action: ALLOW\n  rules:\n  - from:\n    - source:\n        principals: ["cluster.local/ns/${other.ns}/sa/${other.app}"]\n`);
    // Some files hold one resource each, most hold an app's documents together.
    if (r() < 0.3) docs.forEach((d, k) => add(`apps/${ns}/${app}-${k}.yaml`, [d]));
    else add(`apps/${ns}/${app}.yaml`, docs);
  }
  return { files, documents };
}

export function writeMesh(folder, targetDocuments, seed = 42) {
  rmSync(folder, { recursive: true, force: true });
  const { files, documents } = generateMesh(targetDocuments, seed);
  for (const [path, text] of files) {
    const full = join(folder, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, text);
  }
  return { files: files.size, documents };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [count, folder, seed] = process.argv.slice(2);
  if (!count || !folder) {
    console.error('usage: node bench/generate.mjs <documents> <folder> [seed]');
    process.exit(2);
  }
  console.log(writeMesh(folder, Number(count), Number(seed ?? 42)));
}
