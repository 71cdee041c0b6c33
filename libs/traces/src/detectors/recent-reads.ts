/**
 * Identical reads seen recently, across requests: read identity -> last time seen, bounded so a long trace file
 * cannot grow it without limit. Over capacity the earliest-inserted tenth is dropped (insertion order, not recency:
 * keeping LRU order cost two map writes per read); an evicted read only makes its next repeat look new.
 */
export class RecentReads {
  private readonly seen = new Map<string, number>();

  constructor(private readonly capacity = 100000) {}

  /** Records a read at `atUs`; true when the same read happened within `windowUs` before. */
  touch(identity: string, atUs: number, windowUs: number): boolean {
    const last = this.seen.get(identity);
    this.seen.set(identity, last !== undefined ? Math.max(last, atUs) : atUs);
    if (this.seen.size > this.capacity) this.evict();
    return last !== undefined && Math.abs(atUs - last) <= windowUs;
  }

  private evict(): void {
    let drop = Math.ceil(this.capacity / 10);
    for (const key of this.seen.keys()) {
      if (drop-- <= 0) break;
      this.seen.delete(key);
    }
  }
}
