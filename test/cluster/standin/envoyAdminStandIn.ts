// A stand-in for a pod's Envoy admin endpoint (port 15000): serves the config dump of its SDS secrets.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EnvoyBehaviour, StandInSecret } from './standinCluster';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The dump shape of §E6 (as `istioctl proxy-config secret` reads it); keys are always "[redacted]". */
export function configDumpJson(secrets: readonly StandInSecret[]): string {
  const entry = (s: StandInSecret) => ({
    name: s.name,
    version_info: '2026-11-21T23:59:00Z/1',
    last_updated: '2026-11-21T23:59:00.000Z',
    secret: s.status === 'WARMING' && !s.chainPem && !s.trustedCaPem
      ? undefined
      : {
          '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret',
          name: s.name,
          ...(s.chainPem ? { tls_certificate: { certificate_chain: { inline_bytes: b64(s.chainPem) }, private_key: { inline_bytes: b64('[redacted]') } } } : {}),
          ...(s.trustedCaPem ? { validation_context: { trusted_ca: { inline_bytes: b64(s.trustedCaPem) } } } : {}),
        },
  });
  return JSON.stringify({
    configs: [{
      '@type': 'type.googleapis.com/envoy.admin.v3.SecretsConfigDump',
      dynamic_active_secrets: secrets.filter((s) => s.status === 'ACTIVE').map(entry),
      dynamic_warming_secrets: secrets.filter((s) => s.status === 'WARMING').map(entry),
    }],
  }, null, 1);
}

export interface EnvoyStandIn {
  readonly port: number;
  /** Request lines the endpoint received ("GET /config_dump?…"). */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startEnvoyStandIn(behaviour: EnvoyBehaviour): Promise<EnvoyStandIn> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (behaviour.kind === 'hang') return;
    if (req.method !== 'GET' || !req.url?.startsWith('/config_dump')) {
      res.writeHead(404).end('invalid path');
      return;
    }
    // Envoy streams admin answers with chunked encoding.
    res.writeHead(200, { 'content-type': 'application/json' });
    const body = configDumpJson(behaviour.secrets);
    const mid = Math.floor(body.length / 2);
    res.write(body.slice(0, mid));
    setTimeout(() => res.end(body.slice(mid)), 5);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
