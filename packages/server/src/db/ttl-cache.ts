// Short-lived caches of hot, rarely changing rows (the active protocol, the territory reference,
// the working calendar), one per database handle so that test databases never share entries.
// Every instance keeps its own copy: a change made through another instance is seen after at
// most `ttlMs`; a change made through this one is seen at once (the writer calls `forget`).

export class TtlCache<V> {
  private readonly entries = new WeakMap<object, { at: number; value: Promise<V> }>();
  private readonly ttlMs: number;

  constructor(ttlMs: number) {
    this.ttlMs = ttlMs;
  }

  /** The cached value for `owner`, or `load()` (a failed load is not cached). */
  get(owner: object, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(owner);
    if (hit && performance.now() - hit.at < this.ttlMs) return hit.value;
    const value = load();
    this.entries.set(owner, { at: performance.now(), value });
    value.catch(() => { if (this.entries.get(owner)?.value === value) this.entries.delete(owner); });
    return value;
  }

  forget(owner: object): void {
    this.entries.delete(owner);
  }
}
