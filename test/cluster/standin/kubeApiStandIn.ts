// A loopback stand-in for the Kubernetes API: HTTPS with a test CA, bearer-token auth, the REST
// GETs the cluster view calls, and the port-forward / exec WebSocket streams reaching stand-in
// Envoy admin endpoints. It records every request, so tests can assert that nothing but reads
// (and the one config-dump read through port-forward or exec) ever reached it.
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { forbiddenMessage, statusObject } from './apiObjects';
import { serveExec, servePortForward } from './channelStreams';
import { startEnvoyStandIn, type EnvoyStandIn } from './envoyAdminStandIn';
import { answerGet, refused } from './restRoutes';
import type { StandInCluster } from './standinCluster';
import { standInTls, type StandInTls } from './standinTls';

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly kind: 'rest' | 'portforward' | 'exec' | 'other-upgrade';
  /** exec: the command; port-forward: the ports. */
  readonly command?: readonly string[];
  readonly ports?: string;
  readonly container?: string;
  readonly status: number;
}

export interface KubeApiStandIn {
  readonly url: string;
  readonly token: string;
  readonly tls: StandInTls;
  readonly seen: SeenRequest[];
  /** Envoy admin stand-ins by `namespace/pod`. */
  readonly envoys: ReadonlyMap<string, EnvoyStandIn>;
  close(): Promise<void>;
}

const TOKEN = 'stand-in-token-3f9a';

function json(status: number, body: unknown): { status: number; text: string } {
  return { status, text: JSON.stringify(body) };
}

function refuseUpgrade(socket: Duplex, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  socket.end(`HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : status === 401 ? 'Unauthorized' : 'Not Found'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}

let sharedTls: StandInTls | undefined;

export async function startKubeApiStandIn(cluster: StandInCluster): Promise<KubeApiStandIn> {
  const tls = (sharedTls ??= standInTls());
  const seen: SeenRequest[] = [];
  const envoys = new Map<string, EnvoyStandIn>();
  for (const p of cluster.pods) if (p.envoy) envoys.set(`${p.namespace}/${p.name}`, await startEnvoyStandIn(p.envoy));

  const authorized = (headers: { authorization?: string }) => headers.authorization === `Bearer ${TOKEN}`;

  const server = https.createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://stand-in');
    let answer: { status: number; text: string };
    if (!authorized(req.headers)) answer = json(401, statusObject(401, 'Unauthorized', 'Unauthorized'));
    else if (req.method !== 'GET') answer = json(405, statusObject(405, 'MethodNotAllowed', `the stand-in refuses ${req.method}`));
    else {
      const a = answerGet(cluster, url.pathname, url.searchParams);
      answer = json(a.status, a.body);
    }
    seen.push({ method: req.method ?? '?', path: req.url ?? '', kind: 'rest', status: answer.status });
    res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(answer.text);
    req.resume();
  });

  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols, req) => {
      const exec = (req.url ?? '').includes('/exec?');
      const order = exec ? ['v5.channel.k8s.io', 'v4.channel.k8s.io'] : ['v4.channel.k8s.io', 'channel.k8s.io'];
      return order.find((p) => protocols.has(p)) ?? false;
    },
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'https://stand-in');
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(portforward|exec)$/.exec(url.pathname);
    const kind = m ? (m[3] as 'portforward' | 'exec') : 'other-upgrade';
    const record = (status: number) => seen.push({
      method: req.method ?? '?', path: req.url ?? '', kind, status,
      ...(kind === 'exec' ? { command: url.searchParams.getAll('command'), container: url.searchParams.get('container') ?? '' } : {}),
      ...(kind === 'portforward' ? { ports: url.searchParams.get('ports') ?? '' } : {}),
    });
    if (!authorized(req.headers)) {
      record(401);
      refuseUpgrade(socket, 401, statusObject(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    if (!m) {
      record(404);
      refuseUpgrade(socket, 404, statusObject(404, 'NotFound', 'not found'));
      return;
    }
    const [, namespace, pod] = m;
    const resource = `pods/${kind}`;
    if (refused(cluster, 'create', resource, '', namespace)) {
      record(403);
      refuseUpgrade(socket, 403, statusObject(403, 'Forbidden', forbiddenMessage('create', resource, namespace, pod)));
      return;
    }
    const known = cluster.pods.find((p) => p.namespace === namespace && p.name === pod);
    if (!known) {
      record(404);
      refuseUpgrade(socket, 404, statusObject(404, 'NotFound', `pods "${pod}" not found`));
      return;
    }
    record(101);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const target = envoys.get(`${namespace}/${pod}`)?.port;
      if (kind === 'portforward') servePortForward(ws, Number(url.searchParams.get('ports')), Number(url.searchParams.get('ports')) === 15000 ? target : undefined, `${namespace}/${pod}`);
      else serveExec(ws, url.searchParams.getAll('command'), target);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    token: TOKEN,
    tls,
    seen,
    envoys,
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...envoys.values()].map((e) => e.close()));
    },
  };
}
