/**
 * gnulib modechange: chmod modes compiled once ("invalid mode" before touching anything), then
 * applied per file. Octal modes of fewer than five digits and symbolic modes that do not mention
 * s leave a directory's set-user-ID and set-group-ID bits alone.
 */

interface Change {
  op: "=" | "+" | "-";
  /** How the value is found: as given, copied from another class (g=u), or x only if some x (X). */
  flag: "ordinary" | "copy" | "xIfAnyX";
  /** Classes named (0: none, so the umask limits the change). */
  who: number;
  value: number;
  /** Bits the mode names explicitly (a directory's setuid/setgid survive unless named). */
  mentioned: number;
}

const MODE_BITS = 0o7777;
const WHO: Record<string, number> = { u: 0o4700, g: 0o2070, o: 0o1007, a: MODE_BITS };
const PERM: Record<string, number> = { r: 0o444, w: 0o222, x: 0o111, s: 0o6000, t: 0o1000 };
const CLASS: Record<string, number> = { u: 0o700, g: 0o070, o: 0o007 };

/** The compiled mode, or null when it is not one. */
export function compileMode(mode: string): Change[] | null {
  if (/^[0-7]+$/.test(mode)) {
    const octal = Number.parseInt(mode, 8);
    if (octal > MODE_BITS) return null;
    const mentioned = mode.length < 5 ? (octal & 0o6000) | 0o1777 : MODE_BITS;
    return [{ op: "=", flag: "ordinary", who: MODE_BITS, value: octal, mentioned }];
  }
  const changes: Change[] = [];
  for (const clause of mode.split(",")) {
    let i = 0;
    let who = 0;
    while (clause[i] in WHO) who |= WHO[clause[i++]];
    if (i >= clause.length) return null;
    while (i < clause.length) {
      const op = clause[i++];
      if (op !== "=" && op !== "+" && op !== "-") return null;
      let value = 0;
      let flag: Change["flag"] = "ordinary";
      if (clause[i] in CLASS) {
        value = CLASS[clause[i++]];
        flag = "copy";
      } else {
        for (; i < clause.length && (clause[i] in PERM || clause[i] === "X"); i++) {
          if (clause[i] === "X") flag = "xIfAnyX";
          else value |= PERM[clause[i]];
        }
      }
      const mentioned = (who || MODE_BITS) & (value | (flag === "xIfAnyX" ? 0o111 : 0) | (op === "=" ? 0o777 : 0));
      changes.push({ op, flag, who, value, mentioned });
    }
  }
  return changes.length > 0 ? changes : null;
}

/** gnulib mode_adjust: the permission bits `old` (with its type bits) gets from `changes`. */
export function adjustMode(old: number, isDir: boolean, umask: number, changes: Change[]): number {
  let mode = old & MODE_BITS;
  for (const c of changes) {
    const omit = (isDir ? 0o6000 : 0) & ~c.mentioned;
    let value = c.value;
    if (c.flag === "copy") {
      value &= mode;
      value |= (value & 0o444 ? 0o444 : 0) | (value & 0o222 ? 0o222 : 0) | (value & 0o111 ? 0o111 : 0);
    } else if (c.flag === "xIfAnyX" && (mode & 0o111 || isDir)) {
      value |= 0o111;
    }
    value &= (c.who || MODE_BITS & ~umask) & ~omit;
    if (c.op === "=") {
      const preserved = (c.who ? ~c.who : 0) | omit;
      mode = (mode & preserved) | value;
    } else if (c.op === "+") {
      mode |= value;
    } else {
      mode &= ~value;
    }
  }
  return mode & MODE_BITS;
}
