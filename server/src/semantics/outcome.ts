import type { Injection } from './injection';
import type { ServerMode } from './serverMode';
import type { Wire } from './clientTls';

/** What the server side does with a port (§A9, §A11). */
export type ServerSide = { readonly sidecar: 'none' } | { readonly sidecar: 'unknown' } | { readonly sidecar: 'yes'; readonly mode: ServerMode };

export type Verdict = 'ok' | 'fails' | 'unknown';

export interface Outcome {
  readonly verdict: Verdict;
  /** The cell of the §C matrix, e.g. "C2". */
  readonly cell: string;
  readonly explanation: string;
}

export function serverSide(injected: Injection, mode: ServerMode): ServerSide {
  if (injected === 'no') return { sidecar: 'none' };
  if (injected === 'unknown') return { sidecar: 'unknown' };
  return { sidecar: 'yes', mode };
}

/** §C: the outcome matrix. `httpPort`: the Service port declares an HTTP-family protocol. */
export function outcomeOf(wire: Wire, server: ServerSide, httpPort: boolean): Outcome {
  if (wire === 'UNKNOWN' || server.sidecar === 'unknown' || (server.sidecar === 'yes' && server.mode === 'UNKNOWN')) {
    return { verdict: 'unknown', cell: '', explanation: 'not enough is known to decide' };
  }
  if (server.sidecar === 'none') {
    if (wire === 'MTLS') return { verdict: 'fails', cell: 'C4', explanation: 'Istio mTLS reaches an app without a sidecar: 503 UF,URX (TLS error)' };
    return { verdict: 'ok', cell: 'no sidecar', explanation: wire === 'PLAINTEXT' ? 'plaintext reaches the app' : 'TLS reaches the app, which must terminate it' };
  }
  switch (server.mode) {
    case 'STRICT':
      if (wire === 'PLAINTEXT') return { verdict: 'fails', cell: 'C2', explanation: 'the STRICT sidecar has no plaintext filter chain: the connection is reset' };
      if (wire === 'USER_TLS') return { verdict: 'fails', cell: 'C6', explanation: 'the STRICT sidecar requires an Istio client certificate: the handshake fails' };
      return { verdict: 'ok', cell: 'mTLS', explanation: 'Istio mTLS to a STRICT sidecar' };
    case 'PERMISSIVE':
      if (wire === 'USER_TLS' && httpPort) return { verdict: 'fails', cell: 'C6', explanation: 'non-Istio TLS matches no filter chain on a PERMISSIVE HTTP port' };
      return { verdict: 'ok', cell: wire === 'MTLS' ? 'mTLS' : 'PERMISSIVE', explanation: wire === 'MTLS' ? 'Istio mTLS to a PERMISSIVE sidecar' : 'a PERMISSIVE sidecar accepts it without a peer identity' };
    case 'DISABLE':
      if (wire === 'MTLS') return { verdict: 'fails', cell: 'C5', explanation: 'the DISABLE sidecar reads the ClientHello as plaintext: 503 UF,URX' };
      if (wire === 'USER_TLS' && httpPort) return { verdict: 'fails', cell: 'C5', explanation: 'TLS bytes on a DISABLE HTTP port: 400 DPE' };
      return { verdict: 'ok', cell: 'DISABLE', explanation: 'a DISABLE sidecar accepts plaintext' };
    default:
      return { verdict: 'unknown', cell: '', explanation: 'not enough is known to decide' };
  }
}
