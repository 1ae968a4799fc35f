import type { ClusterAccess } from '../read/clusterReader';
import type { ClusterViewSettings } from '../settings/clusterViewSettings';
import type { CertificateRegistry } from './certificateRegistry';

/** The worst finding under a node, shown as its icon colour. */
export type NodeStatus = 'error' | 'warning' | 'ok';

/** What a node is, for its icon (the adapter maps these to codicons). */
export type NodeIcon = 'context' | 'mesh' | 'ca' | 'namespace' | 'pod' | 'bundle' | 'certificate' | 'error' | 'warning' | 'info' | 'more' | 'untrusted';

/** Everything the view shows for a node; no VS Code types, so the tree is testable without an editor. */
export interface NodeView {
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon: NodeIcon;
  readonly status?: NodeStatus;
  readonly collapsible: 'none' | 'collapsed' | 'expanded';
  /** For `view/item/context` menus (`viewItem == …`). */
  readonly contextValue: string;
  /** What a click does. */
  readonly action?: 'openCertificate' | 'loadMore';
}

export interface ClusterNode {
  /** Unique and stable across refreshes (the view keeps expansion state by it). */
  readonly id: string;
  readonly parent: ClusterNode | undefined;
  view(): NodeView;
  /** Reads the cluster on first call only (cached until refresh); never rejects: errors become nodes. */
  children(): Promise<readonly ClusterNode[]>;
  /** Forgets what was read, so that the next children() reads the cluster again. */
  refresh(): void;
}

/** What nodes share: cluster access, settings, the clock, and the hooks the view adapter provides. */
export interface TreeEnv {
  readonly access: ClusterAccess;
  settings(): ClusterViewSettings;
  now(): Date;
  /** The node (or, undefined, the whole tree) has something new to show. */
  changed(node?: ClusterNode): void;
  /** Runs a load with progress shown (the adapter adds a progress bar; tests just run it). */
  track<T>(title: string, work: (report: (message: string) => void) => Promise<T>): Promise<T>;
  /** The signal of the current load generation; cancel() aborts it. */
  signal(): AbortSignal;
  readonly certificates: CertificateRegistry;
}

export const CONTEXT_VALUE = {
  context: 'istioMtlsDoctor.cluster.context',
  mesh: 'istioMtlsDoctor.cluster.mesh',
  ca: 'istioMtlsDoctor.cluster.ca',
  namespace: 'istioMtlsDoctor.cluster.namespace',
  pod: 'istioMtlsDoctor.cluster.pod',
  bundle: 'istioMtlsDoctor.cluster.bundle',
  certificate: 'istioMtlsDoctor.cluster.certificate',
  message: 'istioMtlsDoctor.cluster.message',
  loadMore: 'istioMtlsDoctor.cluster.loadMore',
} as const;
