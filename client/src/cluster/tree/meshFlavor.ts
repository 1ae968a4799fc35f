import type { LiveMeshSettings } from '../analysis/meshSettings';

/** Which mesh a namespace node belongs to: it decides which pods are shown and how they are read. */
export type MeshFlavor =
  | { readonly kind: 'istio'; readonly settings: LiveMeshSettings }
  | { readonly kind: 'linkerd'; readonly controlPlaneNamespace: string; readonly trustDomain: string };
