/** The cluster domain suffix (a pilot flag, not mesh config). */
export const DOMAIN_SUFFIX = 'cluster.local';

const IP_LITERAL = /^(\d{1,3}\.){3}\d{1,3}$|:/;

/**
 * §B1: a DestinationRule (or VirtualService) host without a dot is completed with the
 * namespace of the resource that names it; anything with a dot is taken literally.
 */
export function resolveShortHost(host: string, namespace: string): string {
  if (host === '*' || host.includes('.') || IP_LITERAL.test(host) || host === '') return host;
  return `${host}.${namespace}.svc.${DOMAIN_SUFFIX}`;
}

export function serviceHost(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.${DOMAIN_SUFFIX}`;
}

export function isWildcardHost(host: string): boolean {
  return host.startsWith('*');
}

/**
 * Whether a rule host (exact or `*.suffix` / `*`) covers a service host. A wildcard service
 * host (ServiceEntry) is covered only by an equal or wider wildcard.
 */
export function hostCovers(ruleHost: string, needle: string): boolean {
  if (ruleHost === needle || ruleHost === '*') return true;
  if (!isWildcardHost(ruleHost)) return false;
  const suffix = ruleHost.slice(1); // ".example.com"
  if (isWildcardHost(needle)) return needle.slice(1).endsWith(suffix);
  return needle.endsWith(suffix);
}

/** §B2: the exact host if present, else the most specific (longest) wildcard that covers the needle. */
export function mostSpecificHost(needle: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const c of candidates) {
    if (c === needle) return c;
    if (!hostCovers(c, needle)) continue;
    if (best === undefined || c.length > best.length) best = c;
  }
  return best;
}

/** The namespace a `<name>.<ns>.svc.<domain>` host (or `*.<ns>.svc.<domain>`) lives in. */
export function namespaceOfServiceHost(host: string): string | undefined {
  const suffix = `.svc.${DOMAIN_SUFFIX}`;
  if (!host.endsWith(suffix)) return undefined;
  const parts = host.slice(0, -suffix.length).split('.');
  return parts.length === 2 && parts[1] ? parts[1] : undefined;
}

/** Hosts that cover every in-cluster service host (counted for every namespace, rules.md). */
export function coversAllServiceHosts(host: string): boolean {
  return host === '*' || host === '*.local' || host === `*.${DOMAIN_SUFFIX}` || host === `*.svc.${DOMAIN_SUFFIX}`;
}
