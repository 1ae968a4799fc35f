import WebSocket from 'ws';
import { abortReason } from '../read/abortSignals';
import { httpStatusError, statusMessage } from '../read/kubeError';
import type { KubeConfig } from './clientNode';
import { apiUrl, unreachable } from './kubeHttpGet';

/** The channel subprotocols client-node offers (exec gets v5 where served; port-forward gets v4). */
const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];
/** v5's "close stream" frame: nothing to hand to the stream handlers. */
const CLOSE_STREAM = 255;

/** What the upgrade asks for, to word a refusal ("cannot create pods/portforward in namespace shop"). */
export interface ChannelRequest {
  readonly verb: 'create';
  readonly resource: 'pods/portforward' | 'pods/exec';
  readonly namespace: string;
  readonly name: string;
}

/**
 * client-node's WebSocketInterface (PortForward and Exec do the channel framing through it), with
 * what its default handler lacks: the API server's Status on a refused upgrade (403), abort by
 * signal, and a handle on the socket to close it when the read is done.
 */
export class ChannelSocketConnector {
  readonly sockets = new Set<WebSocket>();

  constructor(
    private readonly kc: KubeConfig,
    private readonly request: ChannelRequest,
    private readonly signal: AbortSignal,
  ) {}

  async connect(path: string, textHandler: ((text: string) => boolean) | null, binaryHandler: ((stream: number, buff: Buffer) => boolean) | null): Promise<WebSocket> {
    const cluster = this.kc.getCurrentCluster();
    if (!cluster) throw new Error('the context names no cluster');
    const url = apiUrl(cluster.server, path);
    url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
    const options: WebSocket.ClientOptions = {};
    await this.kc.applyToHTTPSOptions(options);
    if (this.signal.aborted) throw abortReason(this.signal);
    return new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url, PROTOCOLS, options);
      this.sockets.add(ws);
      let opened = false;
      const onAbort = () => {
        ws.terminate();
        reject(abortReason(this.signal));
      };
      this.signal.addEventListener('abort', onAbort, { once: true });
      ws.on('close', () => {
        this.sockets.delete(ws);
        this.signal.removeEventListener('abort', onAbort);
      });
      ws.on('unexpected-response', (req, res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          if (chunks.length < 64) chunks.push(c);
        });
        res.on('end', () => {
          reject(httpStatusError(res.statusCode ?? 0, this.request, statusMessage(Buffer.concat(chunks).toString('utf8'))));
          req.destroy();
          this.sockets.delete(ws);
          this.signal.removeEventListener('abort', onAbort);
        });
        res.on('error', () => reject(httpStatusError(res.statusCode ?? 0, this.request)));
      });
      ws.on('error', (e) => {
        if (!opened) reject(this.signal.aborted ? abortReason(this.signal) : unreachable(cluster.server, e));
      });
      ws.on('open', () => {
        opened = true;
        resolve(ws);
      });
      ws.on('message', (data, isBinary) => {
        if (!isBinary) {
          const text = data.toString();
          if (textHandler && !textHandler(text)) ws.close();
          return;
        }
        const buff = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(new Uint8Array(data));
        if (buff.length < 1 || buff[0] === CLOSE_STREAM) return;
        if (binaryHandler && !binaryHandler(buff[0], buff.subarray(1))) ws.close();
      });
    });
  }

  closeAll(): void {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
  }
}
