import { asMap, asString, asStringMap, type JsonMap, type Path } from './read';

/** Kinds that live outside namespaces: their effective namespace is "". */
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'StorageClass', 'PriorityClass', 'IngressClass', 'RuntimeClass', 'CSIDriver', 'CSINode', 'VolumeAttachment',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'APIService', 'PodSecurityPolicy', 'ComponentStatus',
  'CertificateSigningRequest', 'FlowSchema', 'PriorityLevelConfiguration', 'MeshPolicy', 'ClusterIssuer',
  'GatewayClass', 'ClusterSPIFFEID', 'ClusterFederatedTrustDomain', 'ClusterStaticEntry',
]);

export const DEFAULT_NAMESPACE = 'default';

/** Where a resource's document came from. */
export interface SourceRef {
  file: string;
  docIndex: number;
  /** Path of the resource inside its document ([] unless it is an item of a v1 List). */
  basePath: Path;
}

/** A Kubernetes object read from a document: identity, metadata and its body, taken as written. */
export interface Resource {
  /** Unique within one analysis: file, document, item. */
  readonly id: string;
  readonly source: SourceRef;
  readonly apiVersion: string;
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** The effective namespace: metadata.namespace, else `default`; "" for cluster-scoped kinds. */
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly creationTimestamp?: string;
  readonly body: JsonMap;
}

export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** (API group, kind, namespace, name): objects with the same identity are one object. */
export function identityOf(r: Pick<Resource, 'group' | 'kind' | 'namespace' | 'name'>): string {
  return `${r.group}|${r.kind}|${r.namespace}|${r.name}`;
}

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind);
}

/** Reads a resource from a document value, or undefined when it has no kind and metadata.name. */
export function readResource(value: unknown, source: SourceRef): Resource | undefined {
  const body = asMap(value);
  if (!body) return undefined;
  const kind = typeof body.kind === 'string' ? body.kind.trim() : '';
  const metadata = asMap(body.metadata);
  const name = asString(metadata?.name)?.trim() ?? '';
  if (!kind || !name) return undefined;
  const apiVersion = asString(body.apiVersion)?.trim() ?? '';
  const clusterScoped = isClusterScoped(kind);
  const declaredNamespace = asString(metadata?.namespace)?.trim();
  const namespace = clusterScoped ? '' : declaredNamespace || DEFAULT_NAMESPACE;
  const created = asString(metadata?.creationTimestamp);
  const idSuffix = source.basePath.length ? `/${source.basePath.join('/')}` : '';
  return {
    id: `${source.file}#${source.docIndex}${idSuffix}`,
    source,
    apiVersion,
    group: apiGroupOf(apiVersion),
    kind,
    name,
    namespace,
    labels: asStringMap(metadata?.labels),
    annotations: asStringMap(metadata?.annotations),
    ...(created ? { creationTimestamp: created } : {}),
    body,
  };
}

/** The resources of one document: the document itself, or the items of a `kind: List`. */
export function readResources(value: unknown, file: string, docIndex: number): Resource[] {
  const body = asMap(value);
  if (body && body.kind === 'List' && Array.isArray(body.items)) {
    const out: Resource[] = [];
    body.items.forEach((item, i) => {
      const r = readResource(item, { file, docIndex, basePath: ['items', i] });
      if (r) out.push(r);
    });
    return out;
  }
  const r = readResource(value, { file, docIndex, basePath: [] });
  return r ? [r] : [];
}
