/** A seeded generator (sfc32) whose whole state lives in the world, so runs are reproducible. */
export type RngState = [number, number, number, number];

export function seedRng(seed: number): RngState {
  const s: RngState = [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0];
  for (let i = 0; i < 15; i++) nextU32(s);
  return s;
}

/** Advances the state in place and returns 32 random bits. */
export function nextU32(s: RngState): number {
  const t = (((s[0] + s[1]) >>> 0) + s[3]) >>> 0;
  s[3] = (s[3] + 1) >>> 0;
  s[0] = s[1] ^ (s[1] >>> 9);
  s[1] = (s[2] + (s[2] << 3)) >>> 0;
  s[2] = ((s[2] << 21) | (s[2] >>> 11)) >>> 0;
  s[2] = (s[2] + t) >>> 0;
  return t;
}

/** n random bytes as a byte string. */
export function randomBytes(s: RngState, n: number): string {
  let out = "";
  for (let i = 0; i < n; i += 4) {
    const v = nextU32(s);
    for (let j = 0; j < 4 && i + j < n; j++) out += String.fromCharCode((v >>> (j * 8)) & 0xff);
  }
  return out;
}

export function randomHex(s: RngState, nBytes: number): string {
  let out = "";
  for (let i = 0; i < nBytes; i++) out += (nextU32(s) & 0xff).toString(16).padStart(2, "0");
  return out;
}
