/**
 * glibc's random() (the TYPE_3 additive feedback generator srandom() seeds), which mawk's rand()
 * divides by RAND_MAX: after srand(n) the numbers are the real ones.
 */
export class GlibcRandom {
  private readonly r = new Int32Array(34);
  private i = 0;

  constructor(seed: number) {
    const r = this.r;
    r[0] = seed === 0 ? 1 : seed | 0;
    for (let k = 1; k < 31; k++) {
      // 16807 * r[k-1] % 2147483647 by Schrage's method, as srandom_r computes it.
      const hi = Math.trunc(r[k - 1] / 127773);
      const lo = r[k - 1] % 127773;
      let word = 16807 * lo - 2836 * hi;
      if (word < 0) word += 2147483647;
      r[k] = word;
    }
    for (let k = 31; k < 34; k++) r[k] = r[k - 31];
    this.i = 34;
    for (let k = 0; k < 310; k++) this.next();
  }

  /** The next random(): 0 .. 2^31-1. */
  next(): number {
    const r = this.r;
    // r[i] = r[i-31] + r[i-3], kept in a ring of 34.
    const v = (r[(this.i - 31) % 34] + r[(this.i - 3) % 34]) | 0;
    r[this.i % 34] = v;
    this.i++;
    return (v >>> 1) & 0x7fffffff;
  }
}
