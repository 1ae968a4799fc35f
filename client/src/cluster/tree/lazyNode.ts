import { errorText, KubeError } from '../read/kubeError';
import type { ClusterNode, NodeView, TreeEnv } from './clusterNode';
import { MessageNode } from './messageNode';

/** A node whose children come from the cluster: read once, cached, re-read after refresh(). */
export abstract class LazyNode implements ClusterNode {
  private loaded: readonly ClusterNode[] | undefined;
  private pending: Promise<readonly ClusterNode[]> | undefined;
  private generation = 0;

  constructor(
    protected readonly env: TreeEnv,
    readonly id: string,
    readonly parent: ClusterNode | undefined,
  ) {}

  abstract view(): NodeView;

  /** Reads the children; may throw (the error becomes a node in the tree, where it happened). */
  protected abstract load(signal: AbortSignal): Promise<ClusterNode[]>;

  /** Called once the children are in place (e.g. to update the node's own summary). */
  protected afterLoad(): void {}

  get isLoaded(): boolean {
    return this.loaded !== undefined;
  }

  get isLoading(): boolean {
    return this.pending !== undefined;
  }

  children(): Promise<readonly ClusterNode[]> {
    if (this.loaded) return Promise.resolve(this.loaded);
    if (this.pending) return this.pending;
    const generation = this.generation;
    const pending = this.load(this.env.signal())
      .catch((e: unknown): ClusterNode[] => [errorNode(this, e)])
      .then((children) => {
        if (generation !== this.generation) return children;
        this.loaded = children;
        this.pending = undefined;
        this.afterLoad();
        return children;
      });
    this.pending = pending;
    return pending;
  }

  refresh(): void {
    this.generation++;
    this.loaded = undefined;
    this.pending = undefined;
  }

  /** Replaces the cached children (paging appends to them). */
  protected setChildren(children: readonly ClusterNode[]): void {
    this.loaded = children;
  }
}

/** An error where it happened: "forbidden: cannot list pods in namespace shop". */
export function errorNode(parent: ClusterNode, e: unknown, what?: string): MessageNode {
  const cancelled = e instanceof KubeError && e.kind === 'cancelled';
  const text = cancelled ? 'cancelled: refresh to read again' : `${what ? `${what}: ` : ''}${errorText(e)}`;
  const detail = e instanceof KubeError ? e.detail : undefined;
  return new MessageNode(parent, 'error', cancelled ? 'warning' : 'error', text, detail);
}
