import type { KubeRead } from './kubeRead';
import { scopeOf } from './kubeRead';

export type KubeErrorKind = 'forbidden' | 'unauthorized' | 'not-found' | 'unreachable' | 'timeout' | 'cancelled' | 'failed';

/**
 * A failed cluster call, with a message fit for a tree node. `detail` holds the API server's own
 * words (a Status message) for the tooltip. Neither ever holds response bodies of secrets.
 */
export class KubeError extends Error {
  constructor(
    readonly kind: KubeErrorKind,
    message: string,
    readonly detail?: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'KubeError';
  }
}

/** The API server's Status `message`, if the body is a Status (never anything else of the body). */
export function statusMessage(body: string): string | undefined {
  try {
    const json = JSON.parse(body) as unknown;
    if (json !== null && typeof json === 'object' && (json as Record<string, unknown>).kind === 'Status') {
      const m = (json as Record<string, unknown>).message;
      return typeof m === 'string' ? m.slice(0, 500) : undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** The error for a non-2xx answer to `verb resource` (a KubeRead, or a port-forward/exec "create"). */
export function httpStatusError(status: number, what: { verb: string; resource: string; namespace?: string; name?: string }, detail?: string): KubeError {
  const scope = scopeOf(what);
  switch (status) {
    case 401:
      return new KubeError('unauthorized', 'unauthorized: the cluster rejected the credentials of this context (expired token?)', detail, status);
    case 403:
      return new KubeError('forbidden', `forbidden: cannot ${what.verb} ${what.resource} ${scope}`, detail, status);
    case 404:
      return new KubeError('not-found', `not found: ${what.resource}${what.name ? ` ${what.name}` : ''} ${scope}`, detail, status);
    default:
      return new KubeError('failed', `HTTP ${status} on ${what.verb} ${what.resource} ${scope}${detail ? `: ${detail}` : ''}`, detail, status);
  }
}

export function readError(status: number, read: KubeRead, detail?: string): KubeError {
  return httpStatusError(status, read, detail);
}

/** Any thrown value as a one-line message (KubeError messages as they are). */
export function errorText(e: unknown): string {
  if (e instanceof KubeError) return e.message;
  if (e instanceof Error) return e.message.split('\n')[0];
  return String(e);
}

export function isNotFound(e: unknown): boolean {
  return e instanceof KubeError && e.kind === 'not-found';
}
