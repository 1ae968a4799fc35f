/**
 * Decodes standard base64 (RFC 4648 §4, padding required) as Kubernetes decodes Secret `data`
 * and as PEM bodies are written. Whitespace (line breaks of folded YAML or PEM) is ignored.
 * Returns undefined for anything else instead of guessing, unlike Buffer.from(s, 'base64').
 */
export function decodeBase64Strict(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0) return undefined;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64');
}
