/**
 * Identical reads seen recently, across requests: a bounded LRU of read identity -> last time seen. Bounded so a
 * long trace file cannot grow it without limit; an evicted read only makes a later repeat look new.
 */
export class RecentReads {
  private readonly seen = new Map<string, number>();

  constructor(private readonly capacity = 100000) {}

  /** Records a read at `atUs`; true when the same read happened within `windowUs` before. */
  touch(identity: string, atUs: number, windowUs: number): boolean {
    const last = this.seen.get(identity);
    if (last !== undefined) this.seen.delete(identity);
    this.seen.set(identity, last !== undefined ? Math.max(last, atUs) : atUs);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value as string);
    return last !== undefined && Math.abs(atUs - last) <= windowUs;
  }
}
