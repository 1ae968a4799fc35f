import { asList, asMap } from '../read/liveObjects';

/** A kind read for "Import live policies": what the engine needs to answer "what if I apply this file here". */
export interface LiveKind {
  readonly kind: string;
  /** '' for the core group. */
  readonly group: string;
  /** Tried in order; a 404 moves to the next (older Istio versions serve fewer, §F1, §F2). */
  readonly versions: readonly string[];
  readonly plural: string;
  /** Leave out objects another imported object already describes (pods of a Deployment). */
  readonly keep?: (object: Readonly<Record<string, unknown>>) => boolean;
}

const owners = (o: Readonly<Record<string, unknown>>) => asList(asMap(o.metadata)?.ownerReferences).map((r) => asMap(r)?.kind);

export const LIVE_KINDS: readonly LiveKind[] = [
  { kind: 'Namespace', group: '', versions: ['v1'], plural: 'namespaces' },
  { kind: 'Service', group: '', versions: ['v1'], plural: 'services' },
  { kind: 'Deployment', group: 'apps', versions: ['v1'], plural: 'deployments' },
  { kind: 'StatefulSet', group: 'apps', versions: ['v1'], plural: 'statefulsets' },
  { kind: 'DaemonSet', group: 'apps', versions: ['v1'], plural: 'daemonsets' },
  { kind: 'CronJob', group: 'batch', versions: ['v1'], plural: 'cronjobs' },
  { kind: 'Job', group: 'batch', versions: ['v1'], plural: 'jobs', keep: (o) => !owners(o).includes('CronJob') },
  { kind: 'Pod', group: '', versions: ['v1'], plural: 'pods', keep: (o) => owners(o).length === 0 },
  { kind: 'PeerAuthentication', group: 'security.istio.io', versions: ['v1', 'v1beta1'], plural: 'peerauthentications' },
  { kind: 'AuthorizationPolicy', group: 'security.istio.io', versions: ['v1', 'v1beta1'], plural: 'authorizationpolicies' },
  { kind: 'DestinationRule', group: 'networking.istio.io', versions: ['v1', 'v1beta1', 'v1alpha3'], plural: 'destinationrules' },
  { kind: 'ServiceEntry', group: 'networking.istio.io', versions: ['v1', 'v1beta1', 'v1alpha3'], plural: 'serviceentries' },
];

/** Metadata that says nothing about behaviour (and, for last-applied-configuration, repeats the object). */
const DROPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** The object as a manifest: apiVersion, kind, identifying metadata, spec (data for the mesh ConfigMap). No status. */
export function manifestOf(kind: string, apiVersion: string, object: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const meta = asMap(object.metadata) ?? {};
  const annotations = Object.fromEntries(Object.entries(asMap(meta.annotations) ?? {}).filter(([k]) => !DROPPED_ANNOTATIONS.has(k)));
  const metadata: Record<string, unknown> = { name: meta.name };
  if (typeof meta.namespace === 'string') metadata.namespace = meta.namespace;
  if (asMap(meta.labels)) metadata.labels = meta.labels;
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  const out: Record<string, unknown> = { apiVersion, kind, metadata };
  if (object.spec !== undefined) out.spec = object.spec;
  if (kind === 'ConfigMap' && object.data !== undefined) out.data = object.data;
  return out;
}
