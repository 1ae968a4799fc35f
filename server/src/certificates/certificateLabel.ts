import { nameText, quoteValue } from '../rules/quoteValue';
import type { Certificate } from './x509Reading';

/** The attribute value of `attr` in a node:crypto distinguished name ("CN=a\nO=b"), if any. */
function attribute(dn: string, attr: string): string | undefined {
  for (const line of dn.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0 && line.slice(0, eq) === attr) return line.slice(eq + 1);
  }
  return undefined;
}

/** How a certificate is named in messages: its CN, else its subject, else its first URI SAN. */
export function certificateName(c: Certificate): string {
  const subject = c.x509.subject ?? '';
  const cn = attribute(subject, 'CN');
  if (cn) return quoteValue(cn);
  if (subject.trim()) return quoteValue(subject.split('\n').join(', '));
  const uri = /URI:([^,\s]+)/.exec(c.x509.subjectAltName ?? '');
  return uri ? `(empty subject, ${nameText(uri[1])})` : '(empty subject)';
}

/** The issuer's CN (or whole issuer name) for messages. */
export function issuerName(c: Certificate): string {
  const issuer = c.x509.issuer ?? '';
  const cn = attribute(issuer, 'CN');
  if (cn) return quoteValue(cn);
  return issuer.trim() ? quoteValue(issuer.split('\n').join(', ')) : '(empty issuer)';
}

/** The first 4 bytes of the SHA-256 fingerprint: enough to tell copies apart. */
export function fingerprintPrefix(c: Certificate): string {
  return `SHA-256 ${c.fingerprint256.split(':').slice(0, 4).join(':')}…`;
}

/** `"Acme Root CA" (SHA-256 3F:A2:19:0C…)` */
export function describeCertificate(c: Certificate): string {
  return `${certificateName(c)} (${fingerprintPrefix(c)})`;
}

/** `2026-11-20` at midnight UTC, else `2026-11-20 09:30 UTC` (seconds when they matter). */
export function formatInstant(d: Date): string {
  const iso = d.toISOString();
  const date = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  if (time === '00:00:00') return date;
  return `${date} ${time.endsWith(':00') ? time.slice(0, 5) : time} UTC`;
}

const DAY_MS = 86_400_000;

/** "18 days", "1 day", "5 hours", "less than an hour". */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= DAY_MS) {
    const days = Math.floor(abs / DAY_MS);
    return `${days} day${days === 1 ? '' : 's'}`;
  }
  const hours = Math.floor(abs / 3_600_000);
  if (hours >= 1) return `${hours} hour${hours === 1 ? '' : 's'}`;
  return 'less than an hour';
}
