import type { KubeRead } from './kubeRead';

/** A pod whose sidecar is asked for its config dump. */
export interface PodRef {
  readonly namespace: string;
  readonly name: string;
  /** The sidecar container (`istio-proxy`), for the exec fallback. */
  readonly container: string;
}

export interface EnvoyDumpResult {
  readonly body: string;
  readonly via: 'port-forward' | 'exec';
  /** What happened on the way ("forbidden: cannot create pods/portforward in namespace shop"). */
  readonly notes: readonly string[];
}

/**
 * Read-only access to one kubeconfig context: GETs, and the one Envoy admin read (§E6).
 * Failures are thrown as KubeError.
 */
export interface ClusterReader {
  readonly context: string;
  /** The API server URL (shown on the context node). */
  readonly server: string;
  /** The context's namespace, if it sets one (used when namespaces cannot be listed). */
  readonly defaultNamespace?: string;
  get(read: KubeRead, signal: AbortSignal): Promise<unknown>;
  /** `GET /config_dump?mask=dynamic_active_secrets,dynamic_warming_secrets` on the pod's Envoy admin port. */
  envoyConfigDump(pod: PodRef, signal: AbortSignal, timeoutMs: number): Promise<EnvoyDumpResult>;
}

export interface KubeContextInfo {
  readonly name: string;
  readonly cluster: string;
  readonly server: string;
  readonly namespace?: string;
  readonly current: boolean;
}

export interface KubeContextList {
  /** Current context first, then by name. */
  readonly contexts: readonly KubeContextInfo[];
  /** The kubeconfig files read. */
  readonly files: readonly string[];
  /** Files that could not be read, and why. */
  readonly problems: readonly string[];
}

/** Where the view gets its contexts and readers; the kube implementation and test fakes provide it. */
export interface ClusterAccess {
  contexts(): Promise<KubeContextList>;
  reader(context: string): Promise<ClusterReader>;
}

/** The Envoy admin request `istioctl proxy-config secret` makes (§E6). */
export const CONFIG_DUMP_PATH = '/config_dump?mask=dynamic_active_secrets,dynamic_warming_secrets';
export const ENVOY_ADMIN_PORT = 15000;
