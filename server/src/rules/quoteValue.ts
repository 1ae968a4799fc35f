// The one way a value taken from a document is shown in a message, hover, code lens or
// quick-fix title: short (a long value is cut, with its full length), never secret (private key
// material, PEM blocks and long base64 runs are described, not shown), and never huge (a list
// or map is described by its size, not printed).

/** Characters of a value shown before it is cut. */
export const SHOWN_CHARACTERS = 60;

/** Names (resource names, namespaces, hosts) are DNS names of at most 253 characters: longer is cut. */
export const SHOWN_NAME_CHARACTERS = 253;

/** A run of base64 characters at least this long (with upper case, lower case and digits) is taken for encoded data. */
const BASE64_RUN = /[A-Za-z0-9+/]{32,}/g;

/** Characters that would break a one-line message or hide text (line breaks, controls, bidi overrides). */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Why a string must not be shown, if it must not. */
export function secretKindOf(text: string): string | undefined {
  if (/PRIVATE KEY/i.test(text)) return 'private key material';
  if (/-----BEGIN [^\r\n]*-----/.test(text) || /-----END [^\r\n]*-----/.test(text)) return 'a PEM block';
  for (const m of text.matchAll(BASE64_RUN)) {
    const run = m[0];
    if (/[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run)) return 'base64-encoded data';
  }
  return undefined;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** The first `max` characters, not splitting a surrogate pair. */
function head(text: string, max: number): string {
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** A string, shortened and made safe; `wrap` adds the quotes around the shown text. */
function shownString(text: string, max: number, wrap: (s: string) => string): string {
  const secret = secretKindOf(text);
  if (secret) return `a value holding ${secret} (${count(text.length, 'character', 'characters')}, not shown)`;
  if (text.length <= max) return wrap(escapeInvisible(text));
  return `${wrap(`${escapeInvisible(head(text, max))}…`)} (${count(text.length, 'character', 'characters')})`;
}

/** A value that is not a string, by its type and size. */
function describedValue(value: unknown): string {
  if (value === undefined) return 'no value';
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${count(value.length, 'item', 'items')}`;
  if (value instanceof Uint8Array) return `binary data of ${count(value.length, 'byte', 'bytes')}`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid timestamp' : `the timestamp ${value.toISOString()}`;
  if (value instanceof Map || value instanceof Set) return value.size === 0 ? 'an empty map' : `a map with ${count(value.size, 'key', 'keys')}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).length;
    return keys === 0 ? 'an empty map' : `a map with ${count(keys, 'key', 'keys')}`;
  }
  return `a value of type ${typeof value}`;
}

/**
 * A value from a document, bounded: a string is shown through `wrap` (quotes, inline code, ...)
 * when short, cut at `max` characters (with its length) when long, described when secret; any
 * other value is described by its type and size.
 */
export function boundedValue(value: unknown, wrap: (shown: string) => string, max: number): string {
  return typeof value === 'string' ? shownString(value, max, wrap) : describedValue(value);
}

/**
 * A value from a document as a message quotes it: `"STRICTT"`; `"aaaa…" (20000 characters)`;
 * `a value holding private key material (1704 characters, not shown)`; `a list of 3 items`; `1`.
 */
export function quoteValue(value: unknown, max = SHOWN_CHARACTERS): string {
  return boundedValue(value, (s) => `"${s}"`, max);
}

/**
 * A name from a document (resource name, namespace, host, label) in running text, without
 * quotes: unchanged when it is an ordinary name, else cut or described like `quoteValue`.
 */
export function nameText(value: unknown, max = SHOWN_NAME_CHARACTERS): string {
  return boundedValue(value, (s) => s, max);
}
