import { RequestType } from 'vscode-languageserver-protocol';
import type { ResourceLocation } from './location';

/** §A mode a sidecar enforces on a port, or `NONE` when no sidecar receives the traffic. */
export type InboundMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE' | 'UNKNOWN' | 'NONE';

export type SidecarState = 'injected' | 'not-injected' | 'unknown';

export interface InboundPort {
  /** Target (container) port; undefined: every port without a port-level entry. */
  readonly port?: number;
  readonly mode: InboundMode;
  readonly sidecar: SidecarState;
  /** `port 8080 entry of shop/reviews-strict`, `namespace shop/default`, `built-in default`. */
  readonly decidedBy: string;
  /** The PeerAuthentication `mode` that decides the port; undefined for the built-in PERMISSIVE. */
  readonly policy?: ResourceLocation;
  /** Client namespaces whose connections to this port fail (§C), with why. */
  readonly failingClients: readonly { readonly namespace: string; readonly reason: string }[];
}

export interface MeshWorkload {
  readonly name: string;
  readonly kind: string;
  readonly namespace: string;
  readonly sidecar: SidecarState;
  /** Why the workload has (or lacks) a sidecar, §C1. */
  readonly sidecarReason: string;
  readonly location: ResourceLocation;
  readonly ports: readonly InboundPort[];
}

export interface MeshNamespace {
  readonly name: string;
  /** Namespace-level mode (§B10 nsMode) and the policy that sets it. */
  readonly mode: InboundMode;
  readonly decidedBy: string;
  readonly policy?: ResourceLocation;
  /** The Namespace object, when the workspace has it. */
  readonly location?: ResourceLocation;
  readonly workloads: readonly MeshWorkload[];
}

export interface WorkspaceMesh {
  readonly rootNamespace: string;
  readonly namespaces: readonly MeshNamespace[];
}

/** `istioMtlsDoctor/workspaceMesh`: namespaces → workloads → inbound ports with their effective mode. */
export namespace WorkspaceMeshRequest {
  export const method = 'istioMtlsDoctor/workspaceMesh' as const;
  export const type = new RequestType<Record<string, never>, WorkspaceMesh, void>(method);
}
