/** A workload SPIFFE ID as Istio issues it (§E1): `spiffe://<td>/ns/<namespace>/sa/<serviceAccount>`. */
export interface SpiffeId {
  readonly uri: string;
  readonly trustDomain: string;
  /** Set when the path has the Istio `ns/<ns>/sa/<sa>` shape. */
  readonly namespace?: string;
  readonly serviceAccount?: string;
}

/** Reads a `spiffe://` URI; undefined for any other URI. */
export function parseSpiffeId(uri: string): SpiffeId | undefined {
  if (!uri.startsWith('spiffe://')) return undefined;
  const rest = uri.slice('spiffe://'.length);
  const slash = rest.indexOf('/');
  const trustDomain = slash < 0 ? rest : rest.slice(0, slash);
  if (!trustDomain) return undefined;
  const parts = slash < 0 ? [] : rest.slice(slash + 1).split('/');
  if (parts.length === 4 && parts[0] === 'ns' && parts[2] === 'sa' && parts[1] && parts[3]) {
    return { uri, trustDomain, namespace: parts[1], serviceAccount: parts[3] };
  }
  return { uri, trustDomain };
}

/** The SPIFFE ID Istio gives a pod (§E1: `@` in the trust domain becomes `.`). */
export function expectedSpiffeId(trustDomain: string, namespace: string, serviceAccount: string): string {
  return `spiffe://${trustDomain.replace(/@/g, '.')}/ns/${namespace}/sa/${serviceAccount}`;
}

/** The identity a Linkerd proxy presents (§E8), a DNS-style name rather than a SPIFFE URI. */
export function linkerdIdentity(serviceAccount: string, namespace: string, controlPlaneNamespace: string, trustDomain: string): string {
  return `${serviceAccount}.${namespace}.serviceaccount.identity.${controlPlaneNamespace}.${trustDomain}`;
}
