import { formatDuration, formatInstant } from '../../../../server/src/certificates/certificateLabel';
import type { Certificate } from '../../../../server/src/certificates/x509Reading';
import type { LiveFinding } from './liveFinding';

/**
 * How a certificate's time left is judged. Workload certificates are renewed by the agent at
 * half of their lifetime (§E2), so less than a quarter left means rotation stalled; CA and root
 * certificates live for years and are judged against a number of days (a setting).
 */
export type ExpiryPolicy =
  | { readonly kind: 'workload' }
  | { readonly kind: 'ca'; readonly warningDays: number };

const DAY_MS = 86_400_000;
/** Below this share of its lifetime left, a workload certificate should have been rotated long ago. */
export const WORKLOAD_EXPIRING_SHARE = 0.25;

/** "in 3 hours" / "3 hours ago". */
export function relative(ms: number): string {
  return ms >= 0 ? `in ${formatDuration(ms)}` : `${formatDuration(ms)} ago`;
}

/** Expired, not yet valid, or close to expiry, judged at `now`. */
export function validityFindings(c: Certificate, now: Date, policy: ExpiryPolicy, what: string): LiveFinding[] {
  const t = now.getTime();
  const start = c.notBefore.getTime();
  const end = c.notAfter.getTime();
  if (t < start) {
    return [{
      severity: 'error',
      code: 'not-yet-valid',
      short: `not valid until ${formatInstant(c.notBefore)}`,
      message: `The ${what} is not valid yet: it starts ${relative(start - t)} (${formatInstant(c.notBefore)}). Peers reject it until then; the clock of the node or of the CA is off (clock skew).`,
    }];
  }
  if (t > end) {
    return [{
      severity: 'error',
      code: 'expired',
      short: `expired ${formatDuration(t - end)} ago`,
      message: `The ${what} expired ${formatDuration(t - end)} ago (${formatInstant(c.notAfter)}). mTLS handshakes that present or check it fail.`,
    }];
  }
  const left = end - t;
  if (policy.kind === 'workload') {
    const lifetime = Math.max(end - start, 1);
    const share = left / lifetime;
    if (share < WORKLOAD_EXPIRING_SHARE) {
      return [{
        severity: 'warning',
        code: 'expiring',
        short: `expires in ${formatDuration(left)} (${Math.round(share * 100)}% of lifetime left)`,
        message: `The ${what} expires ${relative(left)} (${formatInstant(c.notAfter)}), with ${Math.round(share * 100)}% of its ${formatDuration(lifetime)} lifetime left. The agent renews it at half of its lifetime, so rotation has stalled (is istiod reachable from the pod?).`,
      }];
    }
    return [];
  }
  if (left < policy.warningDays * DAY_MS) {
    return [{
      severity: 'warning',
      code: 'expiring',
      short: `expires in ${formatDuration(left)}`,
      message: `The ${what} expires ${relative(left)} (${formatInstant(c.notAfter)}), within the ${policy.warningDays}-day warning window. Plan its rotation before workloads stop trusting each other.`,
    }];
  }
  return [];
}
