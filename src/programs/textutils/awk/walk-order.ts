/**
 * The order `for (k in a)` visits keys in: each awk walks its own hash table. busybox 1.35 chains
 * items in 61 buckets (new items at a chain's head), growing to 251, 1021... buckets when the
 * items outnumber ten per bucket, and walks bucket by bucket.
 */

const BUSYBOX_FIRST_SIZE = 61;
const BUSYBOX_GROWN_SIZES = [251, 1021, 4093, 16381, 65521];

/** busybox's hashidx(): idx = c + idx * 63 over the key's bytes, unsigned 32-bit. */
function busyboxHash(key: string): number {
  let idx = 0;
  for (let i = 0; i < key.length; i++) idx = (key.charCodeAt(i) + Math.imul(idx, 63)) >>> 0;
  return idx;
}

/** Keys in busybox's walk order, replaying their insertion (the Map's order) into its table. */
export function busyboxWalkOrder(keys: Iterable<string>): string[] {
  let size = BUSYBOX_FIRST_SIZE;
  let grown = 0;
  let buckets: string[][] = Array.from({ length: size }, () => []);
  let count = 0;
  for (const key of keys) {
    if (Math.floor(++count / size) > 10 && grown < BUSYBOX_GROWN_SIZES.length) {
      const newSize = BUSYBOX_GROWN_SIZES[grown++];
      const next: string[][] = Array.from({ length: newSize }, () => []);
      for (const chain of buckets) for (const k of chain) next[busyboxHash(k) % newSize].unshift(k);
      buckets = next;
      size = newSize;
    }
    buckets[busyboxHash(key) % size].unshift(key);
  }
  return buckets.flat();
}
