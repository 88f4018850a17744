/**
 * GNU's sizes (gnulib human.c): human-readable autoscaled sizes (ls -h, du -h, df -h, --si) and
 * --block-size arguments.
 */

/** Human-readable size in powers of 1024, rounded up, one decimal below 10. */
export function gnuHumanSize(bytes: number): string {
  return humanSize(bytes, 1024);
}

const SIZE_LETTERS = "KMGTPEZY";

/** -B SIZE: "1M", "1000", "K" (a bare unit also suffixes the numbers), "kB"/"MB" powers of 1000. */
export function parseBlockSize(arg: string): { size: number; suffix: string } | null {
  const m = /^(\d*)(?:([kKMGTPEZY])(iB|B)?)?$/.exec(arg);
  if (!m || arg === "") return null;
  const n = m[1] === "" ? 1 : Number(m[1]);
  if (!m[2]) return n > 0 ? { size: n, suffix: "" } : null;
  const base = m[3] === "B" ? 1000 : 1024;
  const size = n * base ** (SIZE_LETTERS.indexOf(m[2].toUpperCase()) + 1);
  return size > 0 ? { size, suffix: m[1] === "" ? m[2] + (m[3] ?? "") : "" } : null;
}

/** The "1K" of "1K-blocks": the block size in whichever base states it exactly. */
export function blockSizeName(size: number): string {
  let q1000 = size;
  let q1024 = size;
  let by1000: boolean;
  let by1024: boolean;
  do {
    by1000 = q1000 % 1000 === 0;
    q1000 = Math.floor(q1000 / 1000);
    by1024 = q1024 % 1024 === 0;
    q1024 = Math.floor(q1024 / 1024);
  } while (by1000 && by1024);
  const base = by1000 ? 1000 : 1024;
  let value = size;
  let unit = -1;
  while (value >= base && value % base === 0 && unit < SIZE_LETTERS.length - 1) {
    value /= base;
    unit++;
  }
  const letter = unit < 0 ? "" : base === 1000 && unit === 0 ? "k" : SIZE_LETTERS[unit];
  return `${value}${letter}${by1024 ? "" : "B"}`;
}

/** human_readable with autoscale, rounding up: one decimal below 10, "k" for SI kilo. */
export function humanSize(bytes: number, base: number): string {
  if (bytes < base) return String(Math.ceil(bytes));
  const letters = base === 1000 ? "kMGTPEZY" : SIZE_LETTERS;
  let value = bytes;
  let unit = -1;
  while (value >= base && unit < letters.length - 1) {
    value /= base;
    unit++;
  }
  if (value < 10) {
    const tenths = Math.ceil(value * 10 - 1e-9);
    if (tenths < 100) return `${(tenths / 10).toFixed(1)}${letters[unit]}`;
    value = 10;
  }
  const whole = Math.ceil(value - 1e-9);
  if (whole >= base && unit < letters.length - 1) return `1.0${letters[unit + 1]}`;
  return `${whole}${letters[unit]}`;
}
