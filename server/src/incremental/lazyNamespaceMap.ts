/**
 * A read-only map keyed by namespace whose values are computed on demand, one namespace at a
 * time: `get` reads (and records) one namespace; iterating reads them all.
 */
export class LazyNamespaceMap<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly valueOf: (namespace: string) => V | undefined,
    private readonly names: () => readonly string[],
  ) {}

  get(key: string): V | undefined {
    return this.valueOf(key);
  }

  has(key: string): boolean {
    return this.valueOf(key) !== undefined;
  }

  private materialize(): Array<[string, V]> {
    const out: Array<[string, V]> = [];
    for (const n of this.names()) {
      const v = this.valueOf(n);
      if (v !== undefined) out.push([n, v]);
    }
    return out;
  }

  get size(): number {
    return this.materialize().length;
  }

  forEach(cb: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [k, v] of this.materialize()) cb(v, k, this);
  }

  entries(): MapIterator<[string, V]> {
    return this.materialize()[Symbol.iterator]() as MapIterator<[string, V]>;
  }

  keys(): MapIterator<string> {
    return this.materialize().map(([k]) => k)[Symbol.iterator]() as MapIterator<string>;
  }

  values(): MapIterator<V> {
    return this.materialize().map(([, v]) => v)[Symbol.iterator]() as MapIterator<V>;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}
