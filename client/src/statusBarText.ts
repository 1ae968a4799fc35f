import type { ServerState } from './context';

/** What the status bar item shows; pure, so it is tested without an editor. */
export interface StatusView {
  readonly text: string;
  readonly tooltip: string;
  /** `errorBackground` / `warningBackground` theme colour, or none. */
  readonly background?: 'error' | 'warning';
  readonly command: 'problems' | 'restart' | 'output';
}

export interface StatusInputs {
  readonly server: ServerState;
  /** Indexing: the server's progress message ("120 of 2000 files"), else undefined. */
  readonly indexing?: string;
  readonly errors: number;
  readonly warnings: number;
}

export function statusView(s: StatusInputs): StatusView {
  if (s.server === 'stopped') return { text: '$(debug-disconnect) mTLS Doctor', tooltip: 'Istio mTLS Doctor: the server is stopped. Click to restart it.', background: 'warning', command: 'restart' };
  if (s.indexing !== undefined) return { text: `$(sync~spin) mTLS: indexing ${s.indexing}`.trimEnd(), tooltip: 'Istio mTLS Doctor is reading the workspace', command: 'output' };
  if (s.server === 'starting') return { text: '$(sync~spin) mTLS Doctor', tooltip: 'Istio mTLS Doctor: starting the server', command: 'output' };
  const tooltip = `Istio mTLS Doctor: ${s.errors} ${s.errors === 1 ? 'error' : 'errors'}, ${s.warnings} ${s.warnings === 1 ? 'warning' : 'warnings'} in the workspace. Click to open the Problems view.`;
  if (s.errors === 0 && s.warnings === 0) return { text: '$(shield) mTLS $(check)', tooltip, command: 'problems' };
  return { text: `$(shield) mTLS $(error) ${s.errors} $(warning) ${s.warnings}`, tooltip, command: 'problems', ...(s.errors ? { background: 'error' as const } : {}) };
}
