import { NotificationType } from 'vscode-languageserver-protocol';

export interface ModelChangedParams {
  /** Increases with every analysis the server publishes. */
  readonly analysis: number;
}

/** `istioMtlsDoctor/modelChanged`: the server re-analysed the workspace; views re-request what they show. */
export namespace ModelChangedNotification {
  export const method = 'istioMtlsDoctor/modelChanged' as const;
  export const type = new NotificationType<ModelChangedParams>(method);
}
