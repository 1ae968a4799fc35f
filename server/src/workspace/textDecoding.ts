// Bytes to text for the workspace readers (CLI and language server).

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** UTF-8 text without BOM, or the reason the bytes are not text. */
export function decodeText(bytes: Buffer): { text: string } | { reason: string } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { reason: 'UTF-16 text (only UTF-8 is read)' };
  }
  if (bytes.includes(0)) return { reason: 'binary file' };
  try {
    return { text: UTF8.decode(bytes) };
  } catch {
    return { reason: 'not UTF-8 text' };
  }
}
