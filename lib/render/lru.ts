// A small least-recently-used map: Map keeps insertion order, so the first key is the oldest.
// Bounded by entries and, when `weigh` is given, by total weight (a formula's HTML can be
// hundreds of KB; 5,000 of those would hold gigabytes).
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  private weight = 0;
  constructor(
    private readonly capacity: number,
    private readonly maxWeight = Infinity,
    private readonly weigh: (value: V) => number = () => 0,
  ) {}

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  set(key: K, value: V): void {
    const w = this.weigh(value);
    if (w > this.maxWeight) return;
    const old = this.map.get(key);
    if (old !== undefined) {
      this.map.delete(key);
      this.weight -= this.weigh(old);
    }
    while (this.map.size > 0 && (this.map.size >= this.capacity || this.weight + w > this.maxWeight)) {
      const oldest = this.map.keys().next().value as K;
      this.weight -= this.weigh(this.map.get(oldest)!);
      this.map.delete(oldest);
    }
    this.map.set(key, value);
    this.weight += w;
  }

  get size(): number {
    return this.map.size;
  }

  /** Total weight held. */
  get held(): number {
    return this.weight;
  }

  clear(): void {
    this.map.clear();
    this.weight = 0;
  }
}
