import { asn1 } from 'node-forge';
import { bytesOf, childrenOf, parseDer, type RawExtension } from './derFields';

export const OID_BASIC_CONSTRAINTS = '2.5.29.19';
/** keyUsage. node:crypto's X509Certificate.keyUsage is the *extended* key usage (2.5.29.37), not this. */
export const OID_KEY_USAGE = '2.5.29.15';

const KEY_USAGE_BITS = [
  'digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement',
  'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly',
] as const;
export type KeyUsageName = (typeof KEY_USAGE_BITS)[number];

export interface BasicConstraints {
  readonly ca: boolean;
  readonly pathLen?: number;
}

/** The two extensions that decide whether a certificate may sign others (RFC 5280 §4.2.1.3, §4.2.1.9). */
export interface CaConstraints {
  /** undefined: the extension is absent. */
  readonly basicConstraints?: BasicConstraints;
  /** undefined: the extension is absent; otherwise the usages it asserts. */
  readonly keyUsage?: readonly KeyUsageName[];
}

function decodeBasicConstraints(value: string): BasicConstraints | undefined {
  const seq = parseDer(value);
  if (!seq || seq.type !== asn1.Type.SEQUENCE) return undefined;
  let ca = false;
  let pathLen: number | undefined;
  for (const item of childrenOf(seq)) {
    const bytes = bytesOf(item) ?? '';
    if (item.type === asn1.Type.BOOLEAN) ca = bytes.charCodeAt(0) !== 0;
    else if (item.type === asn1.Type.INTEGER && bytes.length > 0 && bytes.length <= 4) {
      try {
        pathLen = asn1.derToInteger(bytes);
      } catch {
        pathLen = undefined;
      }
    }
  }
  return pathLen === undefined ? { ca } : { ca, pathLen };
}

function decodeKeyUsage(value: string): KeyUsageName[] | undefined {
  const bits = parseDer(value);
  const bytes = bytesOf(bits);
  if (!bits || bits.type !== asn1.Type.BITSTRING || bytes === undefined || bytes.length < 1) return undefined;
  const out: KeyUsageName[] = [];
  KEY_USAGE_BITS.forEach((name, bit) => {
    const byte = 1 + (bit >> 3);
    if (byte < bytes.length && (bytes.charCodeAt(byte) & (0x80 >> (bit & 7))) !== 0) out.push(name);
  });
  return out;
}

/**
 * Decodes basicConstraints and keyUsage. Returns undefined when an extension is present but
 * cannot be decoded: then nothing may be concluded about the certificate.
 */
export function readCaConstraints(extensions: readonly RawExtension[]): CaConstraints | undefined {
  let basicConstraints: BasicConstraints | undefined;
  let keyUsage: KeyUsageName[] | undefined;
  for (const ext of extensions) {
    if (ext.oid === OID_BASIC_CONSTRAINTS) {
      basicConstraints = decodeBasicConstraints(ext.value);
      if (!basicConstraints) return undefined;
    } else if (ext.oid === OID_KEY_USAGE) {
      keyUsage = decodeKeyUsage(ext.value);
      if (!keyUsage) return undefined;
    }
  }
  return {
    ...(basicConstraints ? { basicConstraints } : {}),
    ...(keyUsage ? { keyUsage } : {}),
  };
}

/** Why a certificate may not sign certificates, or undefined when it may (CA:TRUE, keyCertSign if keyUsage is present). */
export function notACaReason(c: CaConstraints): string | undefined {
  const reasons: string[] = [];
  if (!c.basicConstraints) reasons.push('it has no basicConstraints extension');
  else if (!c.basicConstraints.ca) reasons.push('its basicConstraints say CA:FALSE');
  if (c.keyUsage && !c.keyUsage.includes('keyCertSign')) {
    reasons.push(`its keyUsage (${c.keyUsage.join(', ') || 'empty'}) lacks keyCertSign`);
  }
  return reasons.length ? reasons.join(' and ') : undefined;
}
