/**
 * bash's array values: indexed arrays (sparse, listed by ascending index) and associative arrays,
 * which bash keeps in a hash table of 1024 buckets and lists bucket by bucket, the newest key of a
 * bucket first (so `${!m[@]}` comes out in bash's own order).
 */

export class IndexedArray {
  readonly kind = "indexed";
  private items = new Map<number, string>();
  private sorted: number[] | null = [];

  get size(): number {
    return this.items.size;
  }

  get(i: number): string | undefined {
    return this.items.get(i);
  }

  set(i: number, value: string): void {
    if (!this.items.has(i)) this.sorted = null;
    this.items.set(i, value);
  }

  delete(i: number): void {
    if (this.items.delete(i)) this.sorted = null;
  }

  keys(): number[] {
    this.sorted ??= [...this.items.keys()].sort((a, b) => a - b);
    return this.sorted;
  }

  values(): string[] {
    return this.keys().map((k) => this.items.get(k) as string);
  }

  /** One past the highest index (where `a+=(x)` puts x). */
  end(): number {
    const k = this.keys();
    return k.length ? k[k.length - 1] + 1 : 0;
  }

  clone(): IndexedArray {
    const c = new IndexedArray();
    for (const [k, v] of this.items) c.items.set(k, v);
    c.sorted = null;
    return c;
  }

  bytes(): number {
    let n = 0;
    for (const v of this.items.values()) n += v.length;
    return n;
  }
}

const BUCKETS = 1024;

/** bash's hash_string(): FNV-1 over the bytes as signed chars. */
function bucketOf(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    let c = key.charCodeAt(i) & 0xff;
    if (c >= 128) c -= 256;
    h = Math.imul(h, 16777619) >>> 0;
    h = (h ^ c) >>> 0;
  }
  return h & (BUCKETS - 1);
}

export class AssocArray {
  readonly kind = "assoc";
  private items = new Map<string, { value: string; seq: number }>();
  private nextSeq = 0;

  get size(): number {
    return this.items.size;
  }

  get(key: string): string | undefined {
    return this.items.get(key)?.value;
  }

  set(key: string, value: string): void {
    const e = this.items.get(key);
    if (e) e.value = value;
    else this.items.set(key, { value, seq: this.nextSeq++ });
  }

  delete(key: string): void {
    this.items.delete(key);
  }

  keys(): string[] {
    const withBucket = [...this.items].map(([k, e]) => ({ k, b: bucketOf(k), seq: e.seq }));
    withBucket.sort((x, y) => x.b - y.b || y.seq - x.seq);
    return withBucket.map((e) => e.k);
  }

  values(): string[] {
    return this.keys().map((k) => this.items.get(k)?.value as string);
  }

  clone(): AssocArray {
    const c = new AssocArray();
    for (const [k, e] of this.items) c.items.set(k, { ...e });
    c.nextSeq = this.nextSeq;
    return c;
  }

  bytes(): number {
    let n = 0;
    for (const [k, e] of this.items) n += k.length + e.value.length;
    return n;
  }
}

export type ShellArray = IndexedArray | AssocArray;
