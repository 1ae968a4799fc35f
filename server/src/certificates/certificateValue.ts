import { hasPemMarker, pemBlockDer, splitPemBlocks } from './pemBlocks';
import { decodeBase64Strict } from './strictBase64';
import { readCertificateDer, type Certificate } from './x509Reading';

/** A certificate and where its PEM block sits in the text it was read from. */
export interface LocatedCertificate {
  readonly certificate: Certificate;
  readonly start: number;
  readonly end: number;
}

/** Why (part of) a value is not a readable certificate; the message never quotes the value. */
export interface CertificateProblem {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

/** The certificates of one value (a Secret / ConfigMap key or a file). */
export interface CertificateReading {
  readonly certificates: readonly LocatedCertificate[];
  readonly problems: readonly CertificateProblem[];
  /** Labels of non-certificate PEM blocks (e.g. "EC PRIVATE KEY"): labels only, never contents. */
  readonly otherBlockLabels: readonly string[];
  readonly privateKeyBlocks: number;
  /** Whether the value was PEM text (else DER or garbage). */
  readonly pem: boolean;
}

const ordinal = (i: number, total: number) => (total > 1 ? `certificate block ${i + 1} of ${total}` : 'the certificate block');

/** Reads every CERTIFICATE block of a PEM text. */
function readPem(text: string): CertificateReading {
  const blocks = splitPemBlocks(text);
  const certBlocks = blocks.filter((b) => b.kind === 'certificate');
  const certificates: LocatedCertificate[] = [];
  const problems: CertificateProblem[] = [];
  certBlocks.forEach((b, i) => {
    const what = ordinal(i, certBlocks.length);
    if (!b.complete) {
      problems.push({ message: `${what} has no "-----END CERTIFICATE-----" line (the PEM was cut short)`, start: b.start, end: b.end });
      return;
    }
    const der = pemBlockDer(b);
    if (!der) {
      problems.push({ message: `${what} is not valid base64`, start: b.start, end: b.end });
      return;
    }
    const certificate = readCertificateDer(der);
    if (!certificate) {
      problems.push({ message: `${what} does not hold a complete DER X.509 certificate`, start: b.start, end: b.end });
      return;
    }
    certificates.push({ certificate, start: b.start, end: b.end });
  });
  const others = blocks.filter((b) => b.kind !== 'certificate');
  return {
    certificates,
    problems,
    otherBlockLabels: others.map((b) => b.label),
    privateKeyBlocks: others.filter((b) => b.kind === 'private-key').length,
    pem: true,
  };
}

function notPem(length: number, message: string): CertificateReading {
  return { certificates: [], problems: [{ message, start: 0, end: length }], otherBlockLabels: [], privateKeyBlocks: 0, pem: false };
}

function readDer(bytes: Buffer, length: number): CertificateReading | undefined {
  const certificate = readCertificateDer(bytes);
  if (!certificate) return undefined;
  return { certificates: [{ certificate, start: 0, end: length }], problems: [], otherBlockLabels: [], privateKeyBlocks: 0, pem: false };
}

/** Reads a decoded value: PEM text (one or more blocks) or one raw DER certificate. */
export function readCertificateBytes(bytes: Buffer): CertificateReading {
  const text = bytes.toString('utf8');
  if (hasPemMarker(text)) return readPem(text);
  const der = readDer(bytes, text.length);
  if (der) return der;
  const inner = decodeBase64Strict(text);
  if (inner && inner.length > 0 && (hasPemMarker(inner.toString('utf8')) || readCertificateDer(inner))) {
    return notPem(text.length, 'the value is base64 text that decodes to a certificate: it was base64-encoded once more than this field expects');
  }
  return notPem(text.length, 'the value is neither PEM nor a DER certificate');
}

/**
 * Reads a file's text. Without PEM markers the text may be DER read as latin1; a text that was
 * decoded lossily (U+FFFD) cannot be judged and reads as nothing.
 */
export function readCertificateText(text: string): CertificateReading {
  if (hasPemMarker(text)) return readPem(text);
  const empty: CertificateReading = { certificates: [], problems: [], otherBlockLabels: [], privateKeyBlocks: 0, pem: false };
  if (text.trim() === '') return empty;
  if (text.includes('\uFFFD')) return empty;
  return readDer(Buffer.from(text, 'latin1'), text.length) ?? notPem(text.length, 'the file is neither PEM nor a DER certificate');
}
