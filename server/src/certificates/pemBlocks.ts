import { decodeBase64Strict } from './strictBase64';

/** What a PEM block holds, by its label. */
export type PemBlockKind = 'certificate' | 'private-key' | 'other';

/** One `-----BEGIN X-----` block of a text, complete or not. */
export interface PemBlock {
  readonly label: string;
  readonly kind: PemBlockKind;
  /** Offset of `-----BEGIN`. */
  readonly start: number;
  /** Offset just after `-----END X-----`; for an incomplete block, the end of what follows BEGIN. */
  readonly end: number;
  /** False when the `-----END X-----` line is missing (a truncated copy). */
  readonly complete: boolean;
  /** The text between the BEGIN and END lines (headers included). */
  readonly body: string;
}

const BEGIN_RE = /-----BEGIN ([^\r\n-]+)-----/g;
/** Labels Go's pem/x509 and OpenSSL read as private keys (never echoed anywhere). */
const PRIVATE_KEY_RE = /PRIVATE KEY$/;

export function pemBlockKind(label: string): PemBlockKind {
  if (label === 'CERTIFICATE') return 'certificate';
  if (PRIVATE_KEY_RE.test(label)) return 'private-key';
  return 'other';
}

/** True when the text holds at least one PEM BEGIN line. */
export function hasPemMarker(text: string): boolean {
  return text.includes('-----BEGIN ');
}

/**
 * Splits a text into its PEM blocks. Text between blocks is ignored (as OpenSSL and Go do).
 * A BEGIN line whose END line is missing before the next BEGIN gives an incomplete block.
 */
export function splitPemBlocks(text: string): PemBlock[] {
  const begins = [...text.matchAll(BEGIN_RE)];
  const blocks: PemBlock[] = [];
  begins.forEach((m, i) => {
    const label = m[1].trim();
    const start = m.index ?? 0;
    const bodyStart = start + m[0].length;
    const next = begins[i + 1];
    const limit = next ? (next.index ?? text.length) : text.length;
    const endMarker = `-----END ${label}-----`;
    const endAt = text.indexOf(endMarker, bodyStart);
    const kind = pemBlockKind(label);
    if (endAt >= 0 && endAt + endMarker.length <= limit) {
      blocks.push({ label, kind, start, end: endAt + endMarker.length, complete: true, body: text.slice(bodyStart, endAt) });
      return;
    }
    let end = limit;
    while (end > bodyStart && /\s/.test(text[end - 1])) end--;
    blocks.push({ label, kind, start, end, complete: false, body: text.slice(bodyStart, end) });
  });
  return blocks;
}

/** The DER bytes of a block's body, or undefined when the body is not valid base64. RFC 1421 headers are skipped. */
export function pemBlockDer(block: PemBlock): Buffer | undefined {
  const lines = block.body.split(/\r?\n/);
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  if (i < lines.length && /^[A-Za-z0-9-]+:/.test(lines[i].trim())) {
    while (i < lines.length && lines[i].trim() !== '') i++;
  }
  const der = decodeBase64Strict(lines.slice(i).join('\n'));
  return der && der.length > 0 ? der : undefined;
}
