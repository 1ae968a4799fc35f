// A kubeconfig (in a temp folder) pointing at the stand-in, as a user's would.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { KubeApiStandIn } from './kubeApiStandIn';

export interface ExtraContext {
  readonly name: string;
  readonly server: string;
  readonly namespace?: string;
}

/** Writes a kubeconfig whose current context is `stand-in`; returns its path. */
export function writeKubeconfig(api: KubeApiStandIn, options: { current?: string; namespace?: string; extra?: readonly ExtraContext[]; dir?: string } = {}): string {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'mtls-doctor-kube-'));
  const ca = Buffer.from(api.tls.caPem).toString('base64');
  const extra = options.extra ?? [];
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': options.current ?? 'stand-in',
    clusters: [
      { name: 'stand-in', cluster: { server: api.url, 'certificate-authority-data': ca } },
      ...extra.map((e) => ({ name: e.name, cluster: { server: e.server, 'certificate-authority-data': ca } })),
    ],
    users: [{ name: 'dev', user: { token: api.token } }],
    contexts: [
      { name: 'stand-in', context: { cluster: 'stand-in', user: 'dev', ...(options.namespace ? { namespace: options.namespace } : {}) } },
      ...extra.map((e) => ({ name: e.name, context: { cluster: e.name, user: 'dev', ...(e.namespace ? { namespace: e.namespace } : {}) } })),
    ],
  };
  const path = join(dir, 'config');
  writeFileSync(path, stringify(config));
  return path;
}
