import type { ClusterLayerParams, SetClusterLayerNotification } from '../../../../server/src/lsp/clusterLayerNotification';

export type { ClusterLayerDocument, ClusterLayerParams } from '../../../../server/src/lsp/clusterLayerNotification';

/**
 * The server's `istioMtlsDoctor/setClusterLayer` method, checked against its declaration at
 * compile time. Only types are imported: the declaration's module pulls vscode-languageserver
 * (whose node entry point starts an exit timer at import) into whatever bundle imports it.
 */
export const SET_CLUSTER_LAYER_METHOD: typeof SetClusterLayerNotification.method = 'istioMtlsDoctor/setClusterLayer';

/** What the view needs of the language client (vscode-languageclient's LanguageClient fits). */
export interface ClusterLayerSender {
  sendNotification(method: string, params: ClusterLayerParams): Promise<void>;
}
