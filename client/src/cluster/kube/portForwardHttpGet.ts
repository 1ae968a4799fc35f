import * as http from 'node:http';
import type { Socket } from 'node:net';
import { Duplex, PassThrough, Writable } from 'node:stream';
import { abortReason } from '../read/abortSignals';
import { KubeError } from '../read/kubeError';
import type { PodRef } from '../read/clusterReader';
import type { ClientNode, KubeConfig } from './clientNode';
import { ChannelSocketConnector } from './channelSocketConnector';

const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Collects what a stream receives, as text (port-forward's error channel, exec's stderr). */
export function textSink(limit = 16 * 1024): { stream: Writable; text(): string } {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    stream: new Writable({
      write(chunk: Buffer, _enc, cb) {
        if (size < limit) chunks.push(chunk);
        size += chunk.length;
        cb();
      },
    }),
    text: () => Buffer.concat(chunks).toString('utf8').trim(),
  };
}

/**
 * `GET path` on a pod's port through the API server's port-forward (client-node's PortForward
 * speaks the channel protocol; Node's HTTP client speaks HTTP over the forwarded stream), as
 * `istioctl proxy-config secret` does (§E6).
 */
export async function portForwardHttpGet(k8s: ClientNode, kc: KubeConfig, pod: PodRef, port: number, path: string, signal: AbortSignal): Promise<string> {
  const connector = new ChannelSocketConnector(kc, { verb: 'create', resource: 'pods/portforward', namespace: pod.namespace, name: pod.name }, signal);
  const input = new PassThrough();
  const output = new PassThrough();
  const errors = textSink();
  const forward = new k8s.PortForward(kc, true, connector);
  const opened = await forward.portForward(pod.namespace, pod.name, [port], output, errors.stream, input);
  const ws = typeof opened === 'function' ? opened() : opened;
  if (!ws) throw new KubeError('failed', 'port-forward did not open');

  // The forwarded TCP stream as a socket for Node's HTTP client.
  const connection = new Duplex({
    read() {},
    write(chunk: Buffer, _enc, cb) {
      input.write(chunk, cb);
    },
    final(cb) {
      cb();
    },
    destroy(err, cb) {
      connector.closeAll();
      cb(err);
    },
  });
  output.on('data', (d: Buffer) => connection.push(d));
  ws.on('close', () => connection.push(null));

  try {
    return await new Promise<string>((resolve, reject) => {
      const req = http.request({
        // A stream stands in for the TCP socket: Node's HTTP client only reads and writes it.
        createConnection: () => connection as unknown as Socket,
        method: 'GET',
        path,
        headers: { Host: `localhost:${port}`, Accept: 'application/json', Connection: 'close' },
        signal,
      }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_BODY_BYTES) chunks.push(c);
        });
        res.on('end', () => {
          if (size > MAX_BODY_BYTES) reject(new KubeError('failed', `the config dump is larger than ${MAX_BODY_BYTES >> 20} MB`));
          else if (res.statusCode !== 200) reject(new KubeError('failed', `Envoy admin answered HTTP ${res.statusCode ?? 0} to GET ${path.split('?')[0]}`));
          else resolve(Buffer.concat(chunks).toString('utf8'));
        });
        res.on('error', (e) => reject(failure(e)));
      });
      const failure = (e: unknown): KubeError => {
        if (signal.aborted) return abortReason(signal);
        const kubelet = errors.text();
        if (kubelet) return new KubeError('failed', `port-forward to port ${port} failed: ${kubelet.split('\n')[0]}`);
        return new KubeError('failed', `port-forward to port ${port} failed: ${e instanceof Error ? e.message : String(e)} (is the Envoy admin port ${port} listening in the pod?)`);
      };
      req.on('error', (e) => reject(failure(e)));
      req.end();
    });
  } finally {
    connection.destroy();
    input.end();
  }
}
