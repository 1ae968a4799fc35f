import { decodeBase64Strict } from '../../../../server/src/certificates/strictBase64';

/**
 * The Secret and ConfigMap keys that hold certificates (§E3, §E8). Only these are ever decoded:
 * private keys (`ca-key.pem`, `tls.key`, `key.pem`) are neither decoded, kept nor shown.
 */
export const CERTIFICATE_KEYS: ReadonlySet<string> = new Set([
  'ca-cert.pem', 'cert-chain.pem', 'root-cert.pem',
  'tls.crt', 'ca.crt',
  'crt.pem', 'ca-bundle.crt',
]);

/** Keys present in a Secret that were deliberately not read (listed by name only). */
export interface CertificateKeysReading {
  readonly values: Readonly<Record<string, string>>;
  readonly skippedKeys: readonly string[];
}

/** Decodes the certificate keys of a Secret's base64 `data`; every other key is skipped unread. */
export function certificateValuesOfSecretData(data: unknown): CertificateKeysReading {
  const values: Record<string, string> = {};
  const skippedKeys: string[] = [];
  if (data === null || typeof data !== 'object') return { values, skippedKeys };
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (!CERTIFICATE_KEYS.has(k)) {
      skippedKeys.push(k);
      continue;
    }
    if (typeof v !== 'string') continue;
    const bytes = decodeBase64Strict(v);
    if (bytes) values[k] = bytes.toString('utf8');
  }
  return { values, skippedKeys: skippedKeys.sort() };
}

/** The certificate keys of a ConfigMap's plain `data`. */
export function certificateValuesOfConfigMapData(data: unknown, keys: readonly string[]): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  if (data === null || typeof data !== 'object') return out;
  for (const k of keys) {
    const v = Object.hasOwn(data, k) ? (data as Record<string, unknown>)[k] : undefined;
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}
