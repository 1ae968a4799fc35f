/**
 * Dependency tracking at the granularity of keys such as `ns:shop` (a namespace's objects),
 * `mesh` (the mesh config) or `clients` (the set of client profiles). A computation run under
 * `collect` records the keys it read; a cached result is dropped when one of its keys changes.
 * This is what lets an edit re-check only what depends on it.
 */
export class DependencyTracker {
  private readonly frames: Array<Set<string>> = [];
  /**
   * One copy of each key. Keys are built by concatenation at every read (`ns:${name}`), and the
   * dependency sets of a large workspace's cached results would otherwise hold hundreds of
   * thousands of equal strings.
   */
  private readonly keys = new Map<string, string>();

  record(key: string): void {
    const top = this.frames[this.frames.length - 1];
    if (!top) return;
    let one = this.keys.get(key);
    if (one === undefined) this.keys.set(key, (one = key));
    top.add(one);
  }

  recordAll(keys: Iterable<string>): void {
    const top = this.frames[this.frames.length - 1];
    if (!top) return;
    for (const k of keys) top.add(k);
  }

  /** Runs `fn`, returning what it read; the keys are also recorded in the enclosing computation. */
  collect<T>(fn: () => T): { value: T; deps: Set<string> } {
    const frame = new Set<string>();
    this.frames.push(frame);
    let value: T;
    try {
      value = fn();
    } finally {
      this.frames.pop();
    }
    this.recordAll(frame);
    return { value, deps: frame };
  }

  /**
   * Runs `fn` without recording into the enclosing computation (its reads are covered by a key
   * the caller records). Cached computations inside still record their own keys.
   */
  untracked<T>(fn: () => T): T {
    this.frames.push(new Set());
    try {
      return fn();
    } finally {
      this.frames.pop();
    }
  }
}

/** A memo whose entries are dropped when a key they read changes. */
export class TrackedCache<K, V> {
  private readonly entries = new Map<K, { value: V; deps: Set<string> }>();
  private readonly byDep = new Map<string, Set<K>>();

  constructor(private readonly tracker: DependencyTracker) {}

  get(key: K, compute: () => V): V {
    const hit = this.entries.get(key);
    if (hit) {
      this.tracker.recordAll(hit.deps);
      return hit.value;
    }
    const { value, deps } = this.tracker.collect(compute);
    this.entries.set(key, { value, deps });
    for (const d of deps) {
      let set = this.byDep.get(d);
      if (!set) this.byDep.set(d, (set = new Set()));
      set.add(key);
    }
    return value;
  }

  invalidate(keys: Iterable<string>): void {
    for (const k of keys) {
      const owners = this.byDep.get(k);
      if (!owners) continue;
      this.byDep.delete(k);
      for (const owner of owners) this.drop(owner);
    }
  }

  private drop(key: K): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    for (const d of e.deps) this.byDep.get(d)?.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.byDep.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
