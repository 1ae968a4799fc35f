import type { LiveFinding } from '../analysis/liveFinding';
import { CONTEXT_VALUE, type ClusterNode, type NodeView } from './clusterNode';

/** A line of text in the tree: an error where it happened, a finding, a note. */
export class MessageNode implements ClusterNode {
  readonly id: string;

  constructor(
    readonly parent: ClusterNode | undefined,
    key: string,
    private readonly kind: 'error' | 'warning' | 'info',
    private readonly text: string,
    private readonly detail?: string,
    /** Shown after the label, dimmed (a finding's explanation). */
    private readonly description?: string,
  ) {
    this.id = `${parent?.id ?? ''}/msg:${key}:${text}`;
  }

  /** A finding: its short form as the label, the full sentence after it and in the tooltip. */
  static finding(parent: ClusterNode, f: LiveFinding): MessageNode {
    return new MessageNode(parent, f.code, f.severity, f.short, undefined, f.message);
  }

  view(): NodeView {
    const full = [this.text, this.description, this.detail].filter(Boolean).join('\n\n');
    return {
      label: this.text,
      ...(this.description ? { description: this.description } : {}),
      tooltip: full,
      icon: this.kind,
      ...(this.kind === 'info' ? {} : { status: this.kind }),
      collapsible: 'none',
      contextValue: CONTEXT_VALUE.message,
    };
  }

  children(): Promise<readonly ClusterNode[]> {
    return Promise.resolve([]);
  }

  refresh(): void {}
}
