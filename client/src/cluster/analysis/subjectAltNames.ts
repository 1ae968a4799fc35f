/** One subjectAltName entry as node:crypto lists it ("URI:spiffe://…", "DNS:…", "IP Address:…"). */
export interface AltName {
  readonly type: string;
  readonly value: string;
}

/**
 * Splits node:crypto's `subjectAltName` string. Values with separators in them are written as
 * JSON strings since Node 17.3.1 (`URI:"a, b"`); both forms are read.
 */
export function parseSubjectAltNames(text: string | undefined): AltName[] {
  const out: AltName[] = [];
  if (!text) return out;
  let i = 0;
  while (i < text.length) {
    const colon = text.indexOf(':', i);
    if (colon < 0) break;
    const type = text.slice(i, colon).trim();
    let j = colon + 1;
    let value: string;
    if (text[j] === '"') {
      let k = j + 1;
      while (k < text.length && text[k] !== '"') k += text[k] === '\\' ? 2 : 1;
      try {
        value = JSON.parse(text.slice(j, k + 1)) as string;
      } catch {
        value = text.slice(j + 1, k);
      }
      j = k + 1;
    } else {
      const comma = text.indexOf(', ', j);
      const end = comma < 0 ? text.length : comma;
      value = text.slice(j, end);
      j = end;
    }
    out.push({ type, value });
    const next = text.indexOf(', ', j);
    if (next < 0) break;
    i = next + 2;
  }
  return out;
}

export function uriSans(names: readonly AltName[]): string[] {
  return names.filter((n) => n.type === 'URI').map((n) => n.value);
}

export function dnsSans(names: readonly AltName[]): string[] {
  return names.filter((n) => n.type === 'DNS').map((n) => n.value);
}
