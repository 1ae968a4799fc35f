import { createPrivateKey, createPublicKey, type KeyObject, type X509Certificate } from 'node:crypto';
import { hasPemMarker, splitPemBlocks } from './pemBlocks';

/**
 * The public key of a private key value (PEM, or DER as PKCS#8 / PKCS#1 / SEC1).
 * Undefined when it cannot be read (garbage, encrypted). The key material stays in this
 * function: only the derived public key leaves it, and errors are swallowed, never echoed.
 */
export function publicKeyOfPrivateKey(bytes: Buffer): KeyObject | undefined {
  const text = bytes.toString('utf8');
  if (hasPemMarker(text)) {
    for (const block of splitPemBlocks(text)) {
      if (block.kind !== 'private-key' || !block.complete) continue;
      try {
        return createPublicKey(createPrivateKey({ key: text.slice(block.start, block.end), format: 'pem' }));
      } catch {
        continue;
      }
    }
    return undefined;
  }
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      return createPublicKey(createPrivateKey({ key: bytes, format: 'der', type }));
    } catch {
      continue;
    }
  }
  return undefined;
}

/** A certificate's public key; undefined for key algorithms OpenSSL cannot load. */
export function certificatePublicKey(x509: X509Certificate): KeyObject | undefined {
  try {
    return x509.publicKey;
  } catch {
    return undefined;
  }
}

function spkiDer(key: KeyObject): Buffer | undefined {
  try {
    return key.export({ type: 'spki', format: 'der' });
  } catch {
    return undefined;
  }
}

/** Both public keys are the same (SubjectPublicKeyInfo DER); undefined when either cannot be exported. */
export function samePublicKey(a: KeyObject, b: KeyObject): boolean | undefined {
  const da = spkiDer(a);
  const db = spkiDer(b);
  return da && db ? da.equals(db) : undefined;
}

/** "RSA-2048", "EC P-256", "ED25519": the public shape of a key, safe for messages. */
export function describeKeyType(key: KeyObject): string {
  const type = key.asymmetricKeyType ?? 'unknown';
  const details = key.asymmetricKeyDetails;
  if (type === 'rsa' || type === 'rsa-pss') return details?.modulusLength ? `RSA-${details.modulusLength}` : 'RSA';
  if (type === 'ec') {
    const curve = details?.namedCurve;
    const names: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };
    return curve ? `EC ${names[curve] ?? curve}` : 'EC';
  }
  return type.toUpperCase();
}
