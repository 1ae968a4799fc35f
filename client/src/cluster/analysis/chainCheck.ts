import { describeCertificate } from '../../../../server/src/certificates/certificateLabel';
import { verifyUpToRoots } from '../../../../server/src/certificates/chainVerification';
import type { Certificate } from '../../../../server/src/certificates/x509Reading';
import type { LiveFinding } from './liveFinding';

export interface ChainCheck {
  /** The result in words, shown on the certificate. */
  readonly text: string;
  readonly finding?: LiveFinding;
}

/**
 * Verifies `leaf` through `intermediates` up to the roots of `rootsName` (signatures and names only;
 * validity periods are judged per certificate).
 */
export function checkChain(leaf: Certificate, intermediates: readonly Certificate[], roots: readonly Certificate[], rootsName: string, what: string): ChainCheck {
  if (roots.length === 0) {
    return { text: `not checked: ${rootsName} holds no certificate` };
  }
  const verdict = verifyUpToRoots(leaf, intermediates, roots);
  if (verdict.ok) {
    const root = verdict.path[verdict.path.length - 1];
    const via = verdict.path.slice(1, -1).map(describeCertificate);
    const text = `verifies to ${rootsName} ${describeCertificate(root)}${via.length ? ` through ${via.join(', ')}` : ''}`;
    return { text };
  }
  const stuck = verdict.stuckAt === leaf ? `the ${what}` : describeCertificate(verdict.stuckAt);
  const reason = verdict.wrongKey.length
    ? `${stuck} names ${verdict.wrongKey.map(describeCertificate).join(', ')} as issuer, but that key did not sign it (same name, different key: a replaced CA)`
    : `no certificate of ${rootsName} (or of the chain) issued ${stuck}`;
  return {
    text: `does not verify to ${rootsName}: ${reason}`,
    finding: {
      severity: 'error',
      code: 'chain-unverified',
      short: `chain does not verify to ${rootsName}`,
      message: `The ${what} does not verify to ${rootsName}: ${reason}. Peers that trust ${rootsName} reject this certificate in the mTLS handshake.`,
    },
  };
}
