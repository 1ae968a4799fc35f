// The stand-in's REST paths: GET of namespaces, pods, configmaps, secrets, services, workloads and
// the Istio CRDs, with limit/continue paging and RBAC-style refusals.
import { configMapObject, forbiddenMessage, namespaceObject, podObject, secretObject, statusObject } from './apiObjects';
import type { StandInCluster } from './standinCluster';

type Json = Record<string, unknown>;

export interface RestAnswer {
  readonly status: number;
  readonly body: Json;
}

interface Route {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly namespace?: string;
  readonly name?: string;
}

export const DEFAULT_SERVED = ['security.istio.io/v1', 'security.istio.io/v1beta1', 'networking.istio.io/v1', 'networking.istio.io/v1beta1', 'networking.istio.io/v1alpha3'];
const BUILTIN = new Set(['/v1', 'apps/v1', 'batch/v1']);

export function parseRoute(pathname: string): Route | undefined {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts[1]) {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts[1] && parts[2]) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else return undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    return { group, version, namespace: rest[1], plural: rest[2], ...(rest[3] ? { name: rest[3] } : {}) };
  }
  if (rest.length === 1 || rest.length === 2) return { group, version, plural: rest[0], ...(rest[1] ? { name: rest[1] } : {}) };
  return undefined;
}

function objectsOf(cluster: StandInCluster, r: Route): Json[] | undefined {
  if (!BUILTIN.has(`${r.group}/${r.version}`) && !(cluster.servedVersions ?? DEFAULT_SERVED).includes(`${r.group}/${r.version}`)) return undefined;
  const inNs = <T extends { namespace?: string }>(xs: readonly T[]) => xs.filter((x) => r.namespace === undefined || x.namespace === r.namespace);
  if (r.group === '' && r.plural === 'namespaces') return cluster.namespaces.map(namespaceObject);
  if (r.group === '' && r.plural === 'pods') return inNs(cluster.pods).map(podObject);
  if (r.group === '' && r.plural === 'configmaps') return inNs(cluster.configMaps).map(configMapObject);
  if (r.group === '' && r.plural === 'secrets') return inNs(cluster.secrets).map(secretObject);
  const objects = (cluster.objects ?? []).filter((o) => o.group === r.group && o.plural === r.plural && (r.namespace === undefined || o.namespace === r.namespace));
  const knownPlural = ['services', 'deployments', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'peerauthentications', 'authorizationpolicies', 'destinationrules', 'serviceentries'];
  if (!objects.length && !knownPlural.includes(r.plural)) return undefined;
  return objects.map((o) => ({ ...o.body, apiVersion: r.group ? `${r.group}/${r.version}` : r.version }));
}

const nameOf = (o: Json) => ((o.metadata as Json | undefined)?.name as string | undefined) ?? '';

export function refused(cluster: StandInCluster, verb: string, resource: string, group: string, namespace: string | undefined): boolean {
  return (cluster.refusals ?? []).some((r) => r.verb === verb && (r.resource === resource || r.resource === `${resource}.${group}`) && (r.namespace === undefined || r.namespace === namespace));
}

/** Answers a GET. */
export function answerGet(cluster: StandInCluster, pathname: string, query: URLSearchParams): RestAnswer {
  const r = parseRoute(pathname);
  if (!r) return { status: 404, body: statusObject(404, 'NotFound', 'the server could not find the requested resource') };
  const route = r;
  const verb = route.name ? 'get' : 'list';
  if (refused(cluster, verb, route.plural, route.group, route.namespace)) {
    return { status: 403, body: statusObject(403, 'Forbidden', forbiddenMessage(verb, route.plural, route.namespace, route.name, route.group)) };
  }
  const objects = objectsOf(cluster, route);
  if (!objects) return { status: 404, body: statusObject(404, 'NotFound', 'the server could not find the requested resource') };
  if (route.name) {
    const found = objects.find((o) => nameOf(o) === route.name);
    if (!found) return { status: 404, body: statusObject(404, 'NotFound', `${route.plural} "${route.name}" not found`) };
    return { status: 200, body: found };
  }
  const limit = Number(query.get('limit') ?? '0');
  const start = query.get('continue') ? Number(Buffer.from(query.get('continue') ?? '', 'base64').toString('utf8')) : 0;
  const sorted = [...objects].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  const page = limit > 0 ? sorted.slice(start, start + limit) : sorted.slice(start);
  const next = limit > 0 && start + limit < sorted.length ? Buffer.from(String(start + limit), 'utf8').toString('base64') : undefined;
  const kind = `${(page[0]?.kind as string | undefined) ?? route.plural}List`;
  return {
    status: 200,
    body: {
      apiVersion: route.group ? `${route.group}/${route.version}` : route.version,
      kind,
      metadata: { resourceVersion: '4711', ...(next ? { continue: next, remainingItemCount: sorted.length - start - page.length } : {}) },
      // List items carry neither apiVersion nor kind, as in the real API.
      items: page.map((o) => {
        const item = { ...o };
        delete item.apiVersion;
        delete item.kind;
        return item;
      }),
    },
  };
}
