/** `istioMtlsDoctor.cluster.*`: how the cluster view reads and judges. */
export interface ClusterViewSettings {
  /** CA and root certificates: warn when fewer days than this are left. */
  readonly caExpiryWarningDays: number;
  /** Re-read what is loaded every this many seconds; 0 turns auto-refresh off. */
  readonly autoRefreshSeconds: number;
  /** Give up on one pod's config dump after this many seconds. */
  readonly podTimeoutSeconds: number;
  /** Pods read per request when a namespace is expanded ("Load more" reads the next page). */
  readonly podsPageSize: number;
  /** Where istiod, the `istio` ConfigMap and the CA secrets live. */
  readonly istioNamespace: string;
  /** Where the Linkerd control plane (trust anchors, issuer) lives. */
  readonly linkerdNamespace: string;
}

export const CLUSTER_SETTINGS_SECTION = 'istioMtlsDoctor.cluster';

export const DEFAULT_CLUSTER_SETTINGS: ClusterViewSettings = {
  caExpiryWarningDays: 30,
  autoRefreshSeconds: 0,
  podTimeoutSeconds: 10,
  podsPageSize: 50,
  istioNamespace: 'istio-system',
  linkerdNamespace: 'linkerd',
};

/** Validates raw settings; anything malformed falls back to the default. */
export function readClusterViewSettings(raw: Readonly<Record<string, unknown>>): ClusterViewSettings {
  const num = (v: unknown, d: number, min: number, max: number) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : d;
  const str = (v: unknown, d: string) => (typeof v === 'string' && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v.trim()) ? v.trim() : d);
  const d = DEFAULT_CLUSTER_SETTINGS;
  return {
    caExpiryWarningDays: num(raw.caExpiryWarningDays, d.caExpiryWarningDays, 0, 3650),
    autoRefreshSeconds: num(raw.autoRefreshSeconds, d.autoRefreshSeconds, 0, 86_400),
    podTimeoutSeconds: num(raw.podTimeoutSeconds, d.podTimeoutSeconds, 0.1, 600),
    podsPageSize: Math.floor(num(raw.podsPageSize, d.podsPageSize, 1, 1000)),
    istioNamespace: str(raw.istioNamespace, d.istioNamespace),
    linkerdNamespace: str(raw.linkerdNamespace, d.linkerdNamespace),
  };
}
