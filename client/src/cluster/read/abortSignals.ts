import { KubeError } from './kubeError';

/** The reason a signal was aborted, as a KubeError (cancellation when the reason is anything else). */
export function abortReason(signal: AbortSignal): KubeError {
  return signal.reason instanceof KubeError ? signal.reason : new KubeError('cancelled', 'cancelled');
}

export interface TimedSignal {
  readonly signal: AbortSignal;
  dispose(): void;
}

/** A signal that aborts with `parent`, or after `ms` with a timeout KubeError naming `what`. */
export function withTimeout(parent: AbortSignal, ms: number, what: string): TimedSignal {
  const controller = new AbortController();
  const onParent = () => controller.abort(parent.reason);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', onParent, { once: true });
  const seconds = ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms)} ms`;
  const timer = setTimeout(() => controller.abort(new KubeError('timeout', `timed out after ${seconds} ${what}`)), ms);
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      parent.removeEventListener('abort', onParent);
    },
  };
}

/** Runs `fn` on every item with at most `limit` at a time, keeping the order of results. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
