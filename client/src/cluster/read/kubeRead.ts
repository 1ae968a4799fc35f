/**
 * One read of the Kubernetes API, described well enough to explain a refusal in the user's
 * terms ("forbidden: cannot list pods in namespace shop"). Every read is a GET.
 */
export interface KubeRead {
  readonly verb: 'get' | 'list';
  /** `pods`, `configmaps`, `peerauthentications.security.istio.io`, … */
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
  /** The API path with its query, e.g. `/api/v1/namespaces/shop/pods?limit=50`. */
  readonly path: string;
}

const enc = encodeURIComponent;

export function getNamespaced(resource: string, namespace: string, name: string): KubeRead {
  return { verb: 'get', resource, namespace, name, path: `/api/v1/namespaces/${enc(namespace)}/${resource}/${enc(name)}` };
}

export function listNamespaced(resource: string, namespace: string, query: Readonly<Record<string, string | number | undefined>> = {}): KubeRead {
  return { verb: 'list', resource, namespace, path: `/api/v1/namespaces/${enc(namespace)}/${resource}${queryString(query)}` };
}

export function listNamespaces(query: Readonly<Record<string, string | number | undefined>> = {}): KubeRead {
  return { verb: 'list', resource: 'namespaces', path: `/api/v1/namespaces${queryString(query)}` };
}

/** A cluster-wide list of any group/version/plural (core group: ''). */
export function listAll(group: string, version: string, plural: string, query: Readonly<Record<string, string | number | undefined>> = {}): KubeRead {
  const base = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  return { verb: 'list', resource: group ? `${plural}.${group}` : plural, path: `${base}/${plural}${queryString(query)}` };
}

/** A list of any group/version/plural in one namespace. */
export function listIn(group: string, version: string, plural: string, namespace: string, query: Readonly<Record<string, string | number | undefined>> = {}): KubeRead {
  const base = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  return { verb: 'list', resource: group ? `${plural}.${group}` : plural, namespace, path: `${base}/namespaces/${enc(namespace)}/${plural}${queryString(query)}` };
}

export function queryString(query: Readonly<Record<string, string | number | undefined>>): string {
  const parts = Object.entries(query)
    .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${enc(k)}=${enc(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** "in namespace shop" / "at cluster scope". */
export function scopeOf(read: Pick<KubeRead, 'namespace'>): string {
  return read.namespace ? `in namespace ${read.namespace}` : 'at cluster scope';
}
