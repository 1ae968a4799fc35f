import { sameCertificate, type Certificate } from './x509Reading';

/** The outcome of building a path from a certificate up to a set of trusted roots. */
export type ChainVerdict =
  | { readonly ok: true; readonly path: readonly Certificate[] }
  | {
      readonly ok: false;
      /** The last certificate reached (the start, or an intermediate it chained to). */
      readonly stuckAt: Certificate;
      /** Roots or intermediates whose subject is stuckAt's issuer but whose key did not verify its signature. */
      readonly wrongKey: readonly Certificate[];
    };

const MAX_DEPTH = 8;

/** `child` names `parent` as its issuer (Name DER compared byte for byte). */
export function namesIssuer(child: Certificate, parent: Certificate): boolean {
  return child.issuerDer === parent.subjectDer;
}

/** `parent`'s public key verifies `child`'s signature. */
export function signedBy(child: Certificate, parent: Certificate): boolean {
  try {
    return child.x509.verify(parent.x509.publicKey);
  } catch {
    return false;
  }
}

/**
 * Verifies `start` up to any certificate of `roots`, through `intermediates` (like Go's x509.Verify
 * with a root pool and an intermediate pool, ignoring time and usage: other rules judge those).
 * A certificate that is itself one of the roots verifies.
 */
export function verifyUpToRoots(start: Certificate, intermediates: readonly Certificate[], roots: readonly Certificate[]): ChainVerdict {
  let deepest = start;
  let deepestLevel = -1;
  let wrongKeyAtDeepest: Certificate[] = [];

  const walk = (cert: Certificate, path: Certificate[], level: number): Certificate[] | undefined => {
    if (roots.some((r) => sameCertificate(r, cert))) return path;
    const wrongKey: Certificate[] = [];
    for (const root of roots) {
      if (!namesIssuer(cert, root)) continue;
      if (signedBy(cert, root)) return [...path, root];
      wrongKey.push(root);
    }
    if (level < MAX_DEPTH) {
      for (const next of intermediates) {
        if (path.some((p) => sameCertificate(p, next)) || !namesIssuer(cert, next)) continue;
        if (!signedBy(cert, next)) {
          wrongKey.push(next);
          continue;
        }
        const found = walk(next, [...path, next], level + 1);
        if (found) return found;
      }
    }
    if (level > deepestLevel) {
      deepest = cert;
      deepestLevel = level;
      wrongKeyAtDeepest = wrongKey;
    }
    return undefined;
  };

  const path = walk(start, [start], 0);
  return path ? { ok: true, path } : { ok: false, stuckAt: deepest, wrongKey: wrongKeyAtDeepest };
}
