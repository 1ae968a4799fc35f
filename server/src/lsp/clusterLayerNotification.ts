import { NotificationType } from 'vscode-languageserver';

/** One object read from a cluster, as YAML, with a stable name (`<namespace>/<kind>/<name>.yaml`). */
export interface ClusterLayerDocument {
  readonly name: string;
  readonly text: string;
}

export interface ClusterLayerParams {
  /** The kubeconfig context the objects come from; null clears the layer. */
  readonly context: string | null;
  readonly documents: readonly ClusterLayerDocument[];
}

/**
 * Client -> server: replace the read-only layer of live cluster objects under the workspace
 * files. Workspace files win over cluster objects with the same kind/namespace/name.
 */
export namespace SetClusterLayerNotification {
  export const method = 'istioMtlsDoctor/setClusterLayer';
  export const type = new NotificationType<ClusterLayerParams>(method);
}
