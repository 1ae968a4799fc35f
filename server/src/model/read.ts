// Defensive readers for documents taken as written: a wrong type reads as absent,
// never as an exception. Everything the engine reads from YAML goes through here.

export type Path = ReadonlyArray<string | number>;
export type JsonMap = Record<string, unknown>;

export function asMap(value: unknown): JsonMap | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonMap) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A scalar as Kubernetes would see it in a string field (numbers and booleans keep their text). */
export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Only real strings: for enum fields, where `mode: 1` is not a valid value. */
export function asStrictString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asStringList(value: unknown): string[] {
  return asArray(value).map(asString).filter((s): s is string => s !== undefined);
}

/** `key: value` maps such as labels; non-scalar values are dropped. Every key is kept, `__proto__` included. */
export function asStringMap(value: unknown): Record<string, string> {
  const map = asMap(value);
  const out: Record<string, string> = {};
  if (!map) return out;
  for (const [k, v] of Object.entries(map)) {
    const s = asString(v);
    if (s !== undefined) setOwn(out, k, s);
  }
  return out;
}

/**
 * Stores `value` under a key taken from a document. Plain assignment of `__proto__` would set the
 * prototype (and drop the key); here it becomes an ordinary own key like any other.
 */
export function setOwn<T>(map: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else map[key] = value;
}

/**
 * The value stored under a key taken from a document (or looked up by one): own keys only, so that
 * `constructor`, `toString` or `__proto__` never find a member of Object.prototype.
 */
export function ownValue<T>(map: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** A port number: an integer 1..65535 given as a number or a decimal string. */
export function asPortNumber(value: unknown): number | undefined {
  let n: number | undefined;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) n = Number(value);
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > 65535) return undefined;
  return n;
}

export function get(value: unknown, path: Path): unknown {
  let cur: unknown = value;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[key];
    } else {
      const map = asMap(cur);
      if (!map || !Object.prototype.hasOwnProperty.call(map, key)) return undefined;
      cur = map[key];
    }
  }
  return cur;
}

export function has(value: unknown, key: string): boolean {
  const map = asMap(value);
  return !!map && Object.prototype.hasOwnProperty.call(map, key);
}
