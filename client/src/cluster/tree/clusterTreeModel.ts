import type { ClusterAccess } from '../read/clusterReader';
import { errorText, KubeError } from '../read/kubeError';
import type { ClusterViewSettings } from '../settings/clusterViewSettings';
import { CertificateRegistry } from './certificateRegistry';
import type { ClusterNode, TreeEnv } from './clusterNode';
import { ContextNode } from './contextNode';
import { MessageNode } from './messageNode';

export interface ClusterTreeHooks {
  /** A node (or the whole tree, when undefined) changed. */
  changed(node?: ClusterNode): void;
  /** Shows progress for a load; must run and return `work`. */
  track<T>(title: string, work: (report: (message: string) => void) => Promise<T>): Promise<T>;
  /** Loads in flight went from none to some, or back. */
  loadingChanged?(loading: boolean): void;
}

/**
 * The cluster tree without VS Code: contexts → mesh → CA / namespaces → pods → bundles →
 * certificates. The adapter maps its nodes to TreeItems; tests walk it directly.
 */
export class ClusterTreeModel {
  readonly certificates = new CertificateRegistry();
  private controller = new AbortController();
  private roots: Promise<readonly ClusterNode[]> | undefined;
  private selected: string | undefined;
  private expandSelected = false;
  private inFlight = 0;
  private hasConnected = false;
  private readonly env: TreeEnv;

  constructor(
    private readonly access: ClusterAccess,
    settings: () => ClusterViewSettings,
    now: () => Date,
    private readonly hooks: ClusterTreeHooks,
  ) {
    const model = this;
    this.env = {
      access,
      settings,
      now,
      certificates: this.certificates,
      changed: (node) => hooks.changed(node),
      signal: () => model.controller.signal,
      track: (title, work) => model.track(title, work),
    };
  }

  /** The top level: kubeconfig contexts (the current one first). Reads local files only. */
  children(node?: ClusterNode): Promise<readonly ClusterNode[]> {
    if (node) return node.children();
    this.roots ??= this.readRoots();
    return this.roots;
  }

  /** Re-reads a node (or everything) from the cluster on next display. */
  refresh(node?: ClusterNode): void {
    if (!node) {
      this.roots = undefined;
      this.certificates.clear();
      this.hooks.changed(undefined);
      return;
    }
    this.certificates.forget(node.id);
    node.refresh();
    this.hooks.changed(node);
  }

  /** Aborts every read in flight; what they were reading shows "cancelled". */
  cancel(): void {
    const old = this.controller;
    this.controller = new AbortController();
    old.abort(new KubeError('cancelled', 'cancelled'));
  }

  get loading(): boolean {
    return this.inFlight > 0;
  }

  /** The context the user picked ("Switch Context…"), else the kubeconfig's current one. */
  async selectedContext(): Promise<string | undefined> {
    if (this.selected) return this.selected;
    const list = await this.access.contexts();
    return list.contexts.find((c) => c.current)?.name ?? list.contexts[0]?.name;
  }

  /** Puts a remembered context first, without expanding it (restoring a session never connects). */
  restoreSelection(name: string | undefined): void {
    this.selected = name;
  }

  /** Whether the user has had anything read from a cluster (auto-refresh only re-reads then). */
  get connected(): boolean {
    return this.hasConnected;
  }

  /** Puts a context first and expands it (the user asked for it, so it may connect). */
  selectContext(name: string): void {
    this.selected = name;
    this.expandSelected = true;
    this.refresh();
  }

  private async readRoots(): Promise<readonly ClusterNode[]> {
    try {
      const list = await this.access.contexts();
      const selected = this.selected ?? list.contexts.find((c) => c.current)?.name;
      const ordered = [...list.contexts].sort((a, b) => Number(b.name === selected) - Number(a.name === selected));
      const nodes: ClusterNode[] = ordered.map((c) => new ContextNode(this.env, c, c.name === selected, c.name === selected && this.expandSelected));
      for (const p of list.problems) nodes.push(new MessageNode(undefined, 'kubeconfig', 'error', `kubeconfig unreadable: ${p}`));
      if (!list.contexts.length) {
        nodes.push(new MessageNode(undefined, 'nokubeconfig', 'info', list.files.length ? `no contexts in ${list.files.join(', ')}` : 'no kubeconfig found (KUBECONFIG is unset and ~/.kube/config does not exist)'));
      }
      return nodes;
    } catch (e) {
      return [new MessageNode(undefined, 'kubeconfig', 'error', `kubeconfig: ${errorText(e)}`)];
    }
  }

  private async track<T>(title: string, work: (report: (message: string) => void) => Promise<T>): Promise<T> {
    this.hasConnected = true;
    if (this.inFlight++ === 0) this.hooks.loadingChanged?.(true);
    try {
      return await this.hooks.track(title, work);
    } finally {
      if (--this.inFlight === 0) this.hooks.loadingChanged?.(false);
    }
  }
}
