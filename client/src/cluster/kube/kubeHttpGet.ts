import * as http from 'node:http';
import * as https from 'node:https';
import { abortReason } from '../read/abortSignals';
import { KubeError, readError, statusMessage } from '../read/kubeError';
import type { KubeRead } from '../read/kubeRead';
import type { KubeConfig } from './clientNode';

/** Larger answers are refused rather than buffered (a list is paged far below this). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** `https://host:6443/prefix` + `/api/v1/…`: a server URL may carry a path prefix (Rancher, proxies). */
export function apiUrl(server: string, path: string): URL {
  return new URL(server.replace(/\/+$/, '') + path);
}

/** A network failure as a one-line message; TLS and DNS errors name their code, never the request options. */
export function unreachable(server: string, e: unknown): KubeError {
  const err = e as { code?: unknown; message?: unknown } | null;
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const message = typeof err?.message === 'string' ? err.message.split('\n')[0] : String(e);
  return new KubeError('unreachable', `cannot reach ${server}: ${code && !message.includes(code) ? `${code} ` : ''}${message}`);
}

/**
 * The one way the cluster view reads the API: a GET with the context's credentials (client-node's
 * applyToHTTPSOptions: CA, client certificate, token, exec/OIDC plugins, proxy agent). The method
 * is fixed here, so nothing the view does can write to a cluster.
 */
export async function kubeHttpGet(kc: KubeConfig, read: KubeRead, signal: AbortSignal): Promise<unknown> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeError('failed', 'the context names no cluster');
  const url = apiUrl(cluster.server, read.path);
  const options: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
  try {
    await kc.applyToHTTPSOptions(options);
  } catch (e) {
    throw new KubeError('unauthorized', `cannot get credentials for this context: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  if (signal.aborted) throw abortReason(signal);
  const lib = url.protocol === 'http:' ? http : https;
  return new Promise<unknown>((resolve, reject) => {
    const req = lib.request(url, { ...options, method: 'GET', signal }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY_BYTES) {
          req.destroy();
          reject(new KubeError('failed', `the answer to ${read.verb} ${read.resource} is larger than ${MAX_BODY_BYTES >> 20} MB`));
          return;
        }
        chunks.push(c);
      });
      res.on('error', (e) => reject(signal.aborted ? abortReason(signal) : unreachable(cluster.server, e)));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 299) {
          reject(readError(status, read, statusMessage(body)));
          return;
        }
        try {
          resolve(JSON.parse(body) as unknown);
        } catch {
          reject(new KubeError('failed', `the answer to ${read.verb} ${read.resource} is not JSON`));
        }
      });
    });
    req.on('error', (e) => reject(signal.aborted ? abortReason(signal) : unreachable(cluster.server, e)));
    req.end();
  });
}
