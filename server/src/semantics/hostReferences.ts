import { DOMAIN_SUFFIX } from './hosts';

/** A Service named in a string: `name`, `name.ns`, `name.ns.svc`, `name.ns.svc.<domain>`, with optional scheme and port. */
export interface ServiceReference {
  readonly name: string;
  /** undefined: the short form, resolved in the client's own namespace. */
  readonly namespace?: string;
  readonly port?: number;
}

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const HOST_PORT = new RegExp(`^(${LABEL}(?:\\.${LABEL})*)\\.?(?::(\\d{1,5}))?$`);

/** Candidate service references in a container env value, arg or command string. */
export function serviceReferences(text: string): ServiceReference[] {
  const out: ServiceReference[] = [];
  for (const token of text.split(/[\s,;"'`()=@<>[\]{}|]+/)) {
    if (!token) continue;
    const withoutScheme = token.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
    const hostPort = withoutScheme.split(/[/?#]/)[0].toLowerCase();
    const m = HOST_PORT.exec(hostPort);
    if (!m) continue;
    const host = m[1];
    const port = m[4] !== undefined ? Number(m[4]) : undefined;
    if (port !== undefined && (port < 1 || port > 65535)) continue;
    const parts = host.split('.');
    const withPort = <T extends object>(r: T) => (port !== undefined ? { ...r, port } : r);
    if (parts.length === 1) out.push(withPort({ name: parts[0] }));
    else if (parts.length === 2) out.push(withPort({ name: parts[0], namespace: parts[1] }));
    else if (parts.length === 3 && parts[2] === 'svc') out.push(withPort({ name: parts[0], namespace: parts[1] }));
    else if (parts.length > 3 && parts[2] === 'svc' && parts.slice(3).join('.') === DOMAIN_SUFFIX) out.push(withPort({ name: parts[0], namespace: parts[1] }));
  }
  return out;
}
