// What the stand-in cluster holds: plain data, built per test.

/** One SDS secret in a pod's Envoy config dump (§E6). */
export interface StandInSecret {
  readonly name: string;
  readonly status: 'ACTIVE' | 'WARMING';
  /** PEM of certificate_chain (with a redacted key) or trusted_ca. */
  readonly chainPem?: string;
  readonly trustedCaPem?: string;
}

/** How the pod's Envoy admin endpoint behaves. */
export type EnvoyBehaviour =
  | { readonly kind: 'dump'; readonly secrets: readonly StandInSecret[] }
  /** Accepts the connection and never answers (a wedged sidecar). */
  | { readonly kind: 'hang' };

export interface StandInPod {
  readonly namespace: string;
  readonly name: string;
  readonly serviceAccount: string;
  readonly phase?: string;
  readonly sidecar?: 'istio-proxy' | 'linkerd-proxy';
  /** The sidecar as a native sidecar (init container with restartPolicy Always). */
  readonly nativeSidecar?: boolean;
  readonly envoy?: EnvoyBehaviour;
  readonly ownerKind?: string;
}

export interface StandInObject {
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly namespace?: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** A refusal, as RBAC would give it: verb + resource (+ namespace, or everywhere). */
export interface Refusal {
  readonly verb: 'get' | 'list' | 'create';
  readonly resource: string;
  readonly namespace?: string;
}

export interface StandInCluster {
  readonly namespaces: ReadonlyArray<{ readonly name: string; readonly labels?: Readonly<Record<string, string>>; readonly annotations?: Readonly<Record<string, string>> }>;
  readonly pods: readonly StandInPod[];
  readonly configMaps: ReadonlyArray<{ readonly namespace: string; readonly name: string; readonly data: Readonly<Record<string, string>> }>;
  /** Secret values in plain text (served base64-encoded, as the API does). */
  readonly secrets: ReadonlyArray<{ readonly namespace: string; readonly name: string; readonly type?: string; readonly data: Readonly<Record<string, string>> }>;
  readonly objects?: readonly StandInObject[];
  readonly refusals?: readonly Refusal[];
  /** API groups/versions served for custom objects (others answer 404). */
  readonly servedVersions?: readonly string[];
}
