// The port-forward and exec WebSocket streams as the kubelet serves them through the API server:
// binary frames whose first byte is the channel. Port-forward (v4.channel.k8s.io): channel 0 data,
// 1 errors, each opened with the port as 2 little-endian bytes. Exec (v5/v4.channel.k8s.io):
// 1 stdout, 2 stderr, 3 the final Status.
import * as http from 'node:http';
import * as net from 'node:net';
import type WebSocket from 'ws';

export const CONFIG_DUMP_REQUEST = 'config_dump?mask=dynamic_active_secrets,dynamic_warming_secrets';

const frame = (channel: number, data: Buffer | string) => Buffer.concat([Buffer.from([channel]), Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8')]);

/** Forwards the socket's channel 0 to a TCP port (the pod's Envoy admin stand-in, or nothing). */
export function servePortForward(ws: WebSocket, port: number, target: number | undefined, podLabel: string): void {
  const portBytes = Buffer.from([port & 0xff, port >> 8]);
  ws.send(frame(0, portBytes));
  ws.send(frame(1, portBytes));
  if (target === undefined) {
    ws.send(frame(1, `error forwarding port ${port} to pod ${podLabel}: failed to connect to localhost:${port} inside namespace: connection refused`));
    ws.close();
    return;
  }
  const tcp = net.connect(target, '127.0.0.1');
  tcp.on('data', (d: Buffer) => ws.send(frame(0, d)));
  tcp.on('close', () => ws.close());
  tcp.on('error', (e) => {
    ws.send(frame(1, `error forwarding port ${port} to pod ${podLabel}: ${e.message}`));
    ws.close();
  });
  ws.on('message', (data: Buffer) => {
    if (data[0] === 0 && data.length > 1) tcp.write(data.subarray(1));
  });
  ws.on('close', () => tcp.destroy());
}

function sendStatus(ws: WebSocket, ok: boolean, message?: string): void {
  const status = ok
    ? { metadata: {}, status: 'Success' }
    : { metadata: {}, status: 'Failure', message, reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '1' }] } };
  ws.send(frame(3, JSON.stringify(status)));
  ws.close();
}

/** `pilot-agent request GET config_dump?…` in the sidecar: the one command the view may run. */
export function serveExec(ws: WebSocket, command: readonly string[], target: number | undefined): void {
  const ok = command.length === 4 && command[0] === 'pilot-agent' && command[1] === 'request' && command[2] === 'GET' && command[3] === CONFIG_DUMP_REQUEST;
  if (!ok) {
    ws.send(frame(2, `stand-in: unexpected command ${JSON.stringify(command)}\n`));
    sendStatus(ws, false, 'command terminated with non-zero exit code: error executing command, exit code 1');
    return;
  }
  if (target === undefined) {
    ws.send(frame(2, 'Error: Get "http://localhost:15000/config_dump": dial tcp 127.0.0.1:15000: connect: connection refused\n'));
    sendStatus(ws, false, 'command terminated with non-zero exit code: exit code 1');
    return;
  }
  const req = http.get({ host: '127.0.0.1', port: target, path: `/${command[3]}` }, (res) => {
    res.on('data', (d: Buffer) => {
      for (let i = 0; i < d.length; i += 16_384) ws.send(frame(1, d.subarray(i, i + 16_384)));
    });
    res.on('end', () => sendStatus(ws, true));
  });
  req.on('error', (e) => sendStatus(ws, false, e.message));
  ws.on('close', () => req.destroy());
}
