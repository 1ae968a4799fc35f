import { asn1 } from 'node-forge';

/** One X.509 extension as written in the TBSCertificate. */
export interface RawExtension {
  readonly oid: string;
  readonly critical: boolean;
  /** The extnValue OCTET STRING contents, as a forge binary string. */
  readonly value: string;
}

/** The TBSCertificate fields node:crypto does not give in a usable form. */
export interface TbsFields {
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** DER of the issuer and subject Names (binary strings), for exact name chaining. */
  readonly issuerDer: string;
  readonly subjectDer: string;
  readonly extensions: readonly RawExtension[];
}

type FromDer = (bytes: string, options: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean }) => asn1.Asn1;
/** forge's fromDer takes an options object; its typings only know the `strict` flag. */
const fromDerWithOptions = asn1.fromDer as unknown as FromDer;

/** Parses DER (a forge binary string) without guessing at BIT STRING contents; undefined on bad input. */
export function parseDer(bytes: string): asn1.Asn1 | undefined {
  try {
    return fromDerWithOptions(bytes, { strict: false, parseAllBytes: false, decodeBitStrings: false });
  } catch {
    return undefined;
  }
}

export function childrenOf(node: asn1.Asn1 | undefined): asn1.Asn1[] {
  return node && Array.isArray(node.value) ? node.value : [];
}

export function bytesOf(node: asn1.Asn1 | undefined): string | undefined {
  return node && typeof node.value === 'string' ? node.value : undefined;
}

/** The total length of the DER object at the start of `der` (tag, length, contents), or undefined. */
export function derObjectLength(der: Uint8Array): number | undefined {
  if (der.length < 2) return undefined;
  const first = der[1];
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || der.length < 2 + n) return undefined;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + der[2 + i];
  return 2 + n + len;
}

function timeOf(node: asn1.Asn1 | undefined): Date | undefined {
  const text = bytesOf(node);
  if (!node || text === undefined) return undefined;
  try {
    const d = node.type === asn1.Type.UTCTIME ? asn1.utcTimeToDate(text)
      : node.type === asn1.Type.GENERALIZEDTIME ? asn1.generalizedTimeToDate(text) : undefined;
    return d && !Number.isNaN(d.getTime()) ? d : undefined;
  } catch {
    return undefined;
  }
}

function readExtension(node: asn1.Asn1): RawExtension | undefined {
  const parts = childrenOf(node);
  const oidBytes = bytesOf(parts[0]);
  if (!oidBytes || parts[0].type !== asn1.Type.OID) return undefined;
  let critical = false;
  let valueNode = parts[1];
  if (valueNode && valueNode.type === asn1.Type.BOOLEAN) {
    critical = (bytesOf(valueNode) ?? '\x00').charCodeAt(0) !== 0;
    valueNode = parts[2];
  }
  const value = bytesOf(valueNode);
  if (value === undefined || valueNode.type !== asn1.Type.OCTETSTRING) return undefined;
  try {
    return { oid: asn1.derToOid(oidBytes), critical, value };
  } catch {
    return undefined;
  }
}

/** Reads validity, names and extensions from a certificate's DER; undefined when it is not shaped like one. */
export function readTbsFields(der: Buffer): TbsFields | undefined {
  const cert = parseDer(der.toString('binary'));
  const tbs = childrenOf(cert)[0];
  const fields = childrenOf(tbs);
  if (fields.length < 6) return undefined;
  const hasVersion = fields[0].tagClass === asn1.Class.CONTEXT_SPECIFIC && fields[0].type === 0;
  const base = hasVersion ? 1 : 0;
  const issuer = fields[base + 2];
  const validity = childrenOf(fields[base + 3]);
  const subject = fields[base + 4];
  const notBefore = timeOf(validity[0]);
  const notAfter = timeOf(validity[1]);
  if (!issuer || !subject || !notBefore || !notAfter) return undefined;
  const extensions: RawExtension[] = [];
  for (const f of fields.slice(base + 6)) {
    if (f.tagClass !== asn1.Class.CONTEXT_SPECIFIC || f.type !== 3) continue;
    for (const e of childrenOf(childrenOf(f)[0])) {
      const ext = readExtension(e);
      if (ext) extensions.push(ext);
    }
  }
  try {
    return {
      notBefore,
      notAfter,
      issuerDer: asn1.toDer(issuer).getBytes(),
      subjectDer: asn1.toDer(subject).getBytes(),
      extensions,
    };
  } catch {
    return undefined;
  }
}
