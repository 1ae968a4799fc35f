// The stand-in cluster's data as the Kubernetes API serves it (realistic shapes, with the noise
// real objects carry: uids, managedFields, status).
import { randomUUID } from 'node:crypto';
import type { StandInCluster, StandInPod } from './standinCluster';

type Json = Record<string, unknown>;

const created = '2026-11-01T10:00:00Z';
const meta = (name: string, namespace?: string, extra: Json = {}): Json => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: randomUUID(),
  resourceVersion: '4711',
  creationTimestamp: created,
  managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'v1', time: created, fieldsType: 'FieldsV1', fieldsV1: {} }],
  ...extra,
});

export function namespaceObject(ns: StandInCluster['namespaces'][number]): Json {
  return {
    apiVersion: 'v1', kind: 'Namespace',
    metadata: meta(ns.name, undefined, { labels: { 'kubernetes.io/metadata.name': ns.name, ...(ns.labels ?? {}) }, ...(ns.annotations ? { annotations: ns.annotations } : {}) }),
    spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' },
  };
}

export function podObject(p: StandInPod): Json {
  const app = p.name.replace(/-[a-z0-9]+(-[a-z0-9]+)?$/, '');
  const proxy = p.sidecar === 'istio-proxy'
    ? { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.28.0', args: ['proxy', 'sidecar'], ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }] }
    : p.sidecar === 'linkerd-proxy'
      ? { name: 'linkerd-proxy', image: 'cr.l5d.io/linkerd/proxy:edge-25.1.1', ports: [{ containerPort: 4143, name: 'linkerd-proxy' }] }
      : undefined;
  const containers: Json[] = [{ name: app, image: `registry.example/${app}:1.0`, ports: [{ containerPort: 8080, name: 'http' }] }];
  const initContainers: Json[] = [];
  if (proxy && p.nativeSidecar) initContainers.push({ ...proxy, restartPolicy: 'Always' });
  else if (proxy) {
    containers.push(proxy);
    if (p.sidecar === 'istio-proxy') initContainers.push({ name: 'istio-init', image: 'docker.io/istio/proxyv2:1.28.0', args: ['istio-iptables'] });
  }
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: meta(p.name, p.namespace, {
      labels: { app, 'security.istio.io/tlsMode': 'istio' },
      ...(p.sidecar === 'istio-proxy' ? { annotations: { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' } } : {}),
      ...(p.ownerKind ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: p.ownerKind, name: `${app}-7d9f`, uid: randomUUID(), controller: true }] } : {}),
    }),
    spec: { serviceAccountName: p.serviceAccount, serviceAccount: p.serviceAccount, containers, ...(initContainers.length ? { initContainers } : {}), nodeName: 'node-1' },
    status: { phase: p.phase ?? 'Running', podIP: '10.0.0.12', conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

export function configMapObject(c: StandInCluster['configMaps'][number]): Json {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(c.name, c.namespace), data: { ...c.data } };
}

export function secretObject(s: StandInCluster['secrets'][number]): Json {
  const data = Object.fromEntries(Object.entries(s.data).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]));
  return { apiVersion: 'v1', kind: 'Secret', metadata: meta(s.name, s.namespace), type: s.type ?? 'Opaque', data };
}

export function statusObject(code: number, reason: string, message: string): Json {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

/** The API server's wording of an RBAC refusal. */
export function forbiddenMessage(verb: string, resource: string, namespace: string | undefined, name?: string, group = ''): string {
  const [plural, sub] = resource.split('/');
  const what = name ? `${plural} "${name}"` : plural;
  return `${what} is forbidden: User "dev@example.com" cannot ${verb} resource "${sub ? `${plural}/${sub}` : plural}" in API group "${group}" ${namespace ? `in the namespace "${namespace}"` : 'at the cluster scope'}`;
}
