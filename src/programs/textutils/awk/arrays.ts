/**
 * awk arrays, stored as each awk stores them, because `for (k in a)` walks the storage: busybox's
 * chained hash table (walk-order.ts) and mawk's dual hash table (below).
 */
import type { Val } from "./values";
import { busyboxWalkOrder } from "./walk-order";

/** A subscript: its string, and for mawk an integral number's value (mawk files those by number). */
export interface Subscript {
  s: string;
  ival?: number;
}

export interface AwkArray {
  get(k: Subscript): Val | undefined;
  set(k: Subscript, v: Val): void;
  has(k: Subscript): boolean;
  delete(k: Subscript): void;
  clear(): void;
  readonly size: number;
  /** The keys in the order `for (k in a)` visits them. */
  walkKeys(): string[];
  /** What split() leaves: elements 1..n. */
  load(values: Val[]): void;
}

export class BusyboxArray implements AwkArray {
  private readonly map = new Map<string, Val>();
  get(k: Subscript) {
    return this.map.get(k.s);
  }
  set(k: Subscript, v: Val) {
    this.map.set(k.s, v);
  }
  has(k: Subscript) {
    return this.map.has(k.s);
  }
  delete(k: Subscript) {
    this.map.delete(k.s);
  }
  clear() {
    this.map.clear();
  }
  get size() {
    return this.map.size;
  }
  walkKeys() {
    return busyboxWalkOrder(this.map.keys());
  }
  load(values: Val[]) {
    this.map.clear();
    for (const [i, v] of values.entries()) this.map.set(String(i + 1), v);
  }
}

/** mawk's FNV-1 hash of a key's bytes. */
function fnv1(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

interface Node {
  sval?: string;
  hval: number;
  ival?: number;
  value: Val;
}

const STARTING_HMASK = 63;
const MAX_AVE_LIST_LENGTH = 12;
const AY_INT = 1;
const AY_STR = 2;

/**
 * mawk 1.3.4's array (array.w): split() results are a plain vector; otherwise a table of 64 (doubling)
 * buckets, each with a list by integer value and a list by string. Every lookup moves the node it
 * finds to the front of its list, new nodes go in front, and a loop walks the string lists.
 */
export class MawkArray implements AwkArray {
  private type = 0;
  private split: Val[] | null = null;
  private hmask = STARTING_HMASK;
  private limit = 0;
  private slists: Node[][] = [];
  private ilists: Node[][] = [];
  private count = 0;

  get size() {
    return this.split ? this.split.length : this.count;
  }

  private makeEmpty(type: number) {
    this.type = type;
    this.hmask = STARTING_HMASK;
    this.limit = (STARTING_HMASK + 1) * MAX_AVE_LIST_LENGTH;
    this.slists = Array.from({ length: STARTING_HMASK + 1 }, () => []);
    this.ilists = Array.from({ length: STARTING_HMASK + 1 }, () => []);
  }

  private convertSplit() {
    const cells = this.split!;
    this.split = null;
    let hmask = STARTING_HMASK;
    while (cells.length > (hmask + 1) * MAX_AVE_LIST_LENGTH) hmask = hmask * 2 + 1;
    this.makeEmpty(AY_INT);
    this.hmask = hmask;
    this.limit = (hmask + 1) * MAX_AVE_LIST_LENGTH;
    this.slists = Array.from({ length: hmask + 1 }, () => []);
    this.ilists = Array.from({ length: hmask + 1 }, () => []);
    for (const [i, value] of cells.entries()) this.ilists[(i + 1) & hmask].unshift({ ival: i + 1, hval: 0, value });
    this.count = cells.length;
  }

  private addStrings() {
    if (this.split) this.convertSplit();
    if (this.type === 0) {
      this.makeEmpty(AY_STR);
      return;
    }
    for (const list of this.ilists) {
      for (const p of list) {
        p.sval = String(p.ival);
        p.hval = fnv1(p.sval);
        this.slists[p.hval & this.hmask].unshift(p);
      }
    }
    this.type |= AY_STR;
  }

  private grow() {
    const old = this.hmask;
    const mask = old * 2 + 1;
    for (let i = 0; i <= old; i++) {
      this.slists.push([]);
      this.ilists.push([]);
    }
    for (let i = 0; i <= old; i++) {
      if (this.type & AY_STR) {
        const list = this.slists[i];
        this.slists[i] = list.filter((p) => (p.hval & mask) === i);
        this.slists[i + old + 1] = list.filter((p) => (p.hval & mask) !== i);
      }
      if (this.type & AY_INT) {
        const list = this.ilists[i];
        this.ilists[i] = list.filter((p) => (p.ival! & mask) >>> 0 === i);
        this.ilists[i + old + 1] = list.filter((p) => (p.ival! & mask) >>> 0 !== i);
      }
    }
    this.hmask = mask;
    this.limit = (mask + 1) * MAX_AVE_LIST_LENGTH;
  }

  private bySval(key: string, create: boolean): Node | undefined {
    const h = fnv1(key);
    if (!(this.type & AY_STR)) this.addStrings();
    const list = this.slists[h & this.hmask];
    const at = list.findIndex((p) => p.hval === h && p.sval === key);
    if (at >= 0) {
      const [p] = list.splice(at, 1);
      list.unshift(p);
      return p;
    }
    if (!create) return undefined;
    const p: Node = { sval: key, hval: h, value: undefined as unknown as Val };
    if (++this.count > this.limit) this.grow();
    this.slists[h & this.hmask].unshift(p);
    return p;
  }

  private byIval(ival: number, create: boolean): Node | undefined {
    if (this.type === 0) this.makeEmpty(AY_INT);
    const list = this.ilists[(ival & this.hmask) >>> 0];
    const at = list.findIndex((p) => p.ival === ival);
    if (at >= 0) {
      const [p] = list.splice(at, 1);
      list.unshift(p);
      return p;
    }
    let p: Node | undefined;
    if (this.type & AY_STR) {
      p = this.bySval(String(ival), create);
      if (!p) return undefined;
    } else if (create) {
      p = { hval: 0, value: undefined as unknown as Val };
      if (++this.count > this.limit) this.grow();
    } else return undefined;
    p.ival = ival;
    this.type |= AY_INT;
    this.ilists[(ival & this.hmask) >>> 0].unshift(p);
    return p;
  }

  private find(k: Subscript, create: boolean): Node | undefined {
    if (this.size === 0 && !create) return undefined;
    if (k.ival !== undefined) {
      if (this.split) {
        if (k.ival >= 1 && k.ival <= this.split.length) return this.splitNode(k.ival);
        if (!create) return undefined;
        this.convertSplit();
      }
      return this.byIval(k.ival, create);
    }
    return this.bySval(k.s, create);
  }

  /** A view of a split() element that writes through. */
  private splitNode(i: number): Node {
    const cells = this.split!;
    return {
      hval: 0,
      get value() {
        return cells[i - 1];
      },
      set value(v: Val) {
        cells[i - 1] = v;
      },
    };
  }

  get(k: Subscript) {
    return this.find(k, false)?.value;
  }
  set(k: Subscript, v: Val) {
    this.find(k, true)!.value = v;
  }
  has(k: Subscript) {
    return this.find(k, false) !== undefined;
  }
  delete(k: Subscript) {
    if (this.size === 0) return;
    if (this.split) {
      if (k.ival !== undefined && !(k.ival >= 1 && k.ival <= this.split.length)) return;
      this.convertSplit();
    }
    const p = this.find(k, false);
    if (!p) return;
    if (p.sval !== undefined) {
      const list = this.slists[p.hval & this.hmask];
      list.splice(list.indexOf(p), 1);
    }
    if (p.ival !== undefined) {
      const list = this.ilists[(p.ival & this.hmask) >>> 0];
      list.splice(list.indexOf(p), 1);
    }
    if (--this.count === 0) this.clear();
  }
  clear() {
    this.type = 0;
    this.split = null;
    this.count = 0;
    this.slists = [];
    this.ilists = [];
  }
  walkKeys() {
    if (this.size === 0) return [];
    if (!(this.type & AY_STR)) this.addStrings();
    return this.slists.flatMap((list) => list.map((p) => p.sval!));
  }
  load(values: Val[]) {
    this.clear();
    this.split = values;
  }
}
