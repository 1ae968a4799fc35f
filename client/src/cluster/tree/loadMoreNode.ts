import { CONTEXT_VALUE, type ClusterNode, type NodeView } from './clusterNode';

/** "Load more pods…": a click reads the namespace's next page of pods. */
export class LoadMoreNode implements ClusterNode {
  readonly id: string;

  constructor(
    readonly parent: ClusterNode & { loadMore(): Promise<void> },
    private readonly shown: number,
  ) {
    this.id = `${parent.id}/more`;
  }

  view(): NodeView {
    return {
      label: 'Load more pods…',
      description: `${this.shown} pods read so far`,
      icon: 'more',
      collapsible: 'none',
      contextValue: CONTEXT_VALUE.loadMore,
      action: 'loadMore',
    };
  }

  loadMore(): Promise<void> {
    return this.parent.loadMore();
  }

  children(): Promise<readonly ClusterNode[]> {
    return Promise.resolve([]);
  }

  refresh(): void {}
}
