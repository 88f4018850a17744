/** glibc strverscmp(3): compares strings treating digit runs as numbers (with its fractional rule for leading zeros). */

const S_N = 0x0;
const S_I = 0x3;
const S_F = 0x6;
const S_Z = 0x9;
const CMP = 2;
const LEN = 3;

// State transition table and result table, as in glibc's string/strverscmp.c.
const NEXT_STATE = [
  /* S_N */ S_N,
  S_I,
  S_Z,
  /* S_I */ S_N,
  S_I,
  S_I,
  /* S_F */ S_N,
  S_F,
  S_F,
  /* S_Z */ S_N,
  S_F,
  S_Z,
];
const RESULT_TYPE = [
  /* S_N */ CMP,
  CMP,
  CMP,
  CMP,
  LEN,
  CMP,
  CMP,
  CMP,
  CMP,
  /* S_I */ CMP,
  -1,
  -1,
  1,
  LEN,
  LEN,
  1,
  LEN,
  LEN,
  /* S_F */ CMP,
  CMP,
  CMP,
  CMP,
  CMP,
  CMP,
  CMP,
  CMP,
  CMP,
  /* S_Z */ CMP,
  1,
  1,
  -1,
  CMP,
  CMP,
  -1,
  CMP,
  CMP,
];

const isDigit = (c: number) => c >= 48 && c <= 57;
const cls = (c: number) => (c === 48 ? 2 : isDigit(c) ? 1 : 0);

export function strverscmp(s1: string, s2: string): number {
  if (s1 === s2) return 0;
  let i = 0;
  let c1 = s1.charCodeAt(i) || 0;
  let c2 = s2.charCodeAt(i) || 0;
  i++;
  let state = S_N + cls(c1);
  let diff: number;
  while ((diff = c1 - c2) === 0) {
    if (c1 === 0) return diff;
    state = NEXT_STATE[state];
    c1 = s1.charCodeAt(i) || 0;
    c2 = s2.charCodeAt(i) || 0;
    i++;
    state += cls(c1);
  }
  const result = RESULT_TYPE[state * 3 + cls(c2)];
  if (result === CMP) return diff;
  if (result === LEN) {
    let j = i;
    for (;;) {
      const d1 = isDigit(s1.charCodeAt(j) || 0);
      const d2 = isDigit(s2.charCodeAt(j) || 0);
      if (!d1) return d2 ? -1 : diff;
      if (!d2) return 1;
      j++;
    }
  }
  return result;
}
