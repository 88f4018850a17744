/**
 * chmod-style modes ("755", "u+x,g-w", "a=rX", "g=u") for chmod, mkdir -m, mknod -m and find -perm:
 * gnulib's modechange (mode_compile, mode_adjust) and busybox's bb_parse_mode, which read and apply
 * modes alike but for what `flavour` switches (each checked against the real chmod of both):
 * - GNU rejects an empty mode and empty clauses ("", "u=rwx,,g=r", "+r,"); busybox skips them.
 * - GNU leaves a directory's set-user-ID and set-group-ID bits alone unless the mode names them
 *   ("chmod 755 DIR" keeps g+s; an octal mode of five digits does name them); busybox does not.
 * - busybox's "=" clears the classes first and then reads what "X" and "g=u" look at, so "a=X" and
 *   "u=u" end up empty; GNU reads the mode as it was before the clause.
 */

import { S_IFDIR, S_IFMT } from "../../kernel/api";

export type ModeFlavour = "gnu" | "busybox";

export interface ModeChange {
  op: "=" | "+" | "-";
  /** How the value is found: as given, copied from another class (g=u), or x only if some x (X). */
  flag: "ordinary" | "copy" | "xIfAnyX";
  /** Classes named (0: none, so the umask limits the change). */
  who: number;
  value: number;
  /** Bits the mode names explicitly (GNU: a directory's setuid/setgid survive unless named). */
  mentioned: number;
}

const MODE_BITS = 0o7777;
const WHO: Record<string, number> = { u: 0o4700, g: 0o2070, o: 0o1007, a: MODE_BITS };
const PERM: Record<string, number> = { r: 0o444, w: 0o222, x: 0o111, s: 0o6000, t: 0o1000 };
const CLASS: Record<string, number> = { u: 0o700, g: 0o070, o: 0o007 };

/** The compiled mode, or null when it is not one. */
export function compileMode(mode: string, flavour: ModeFlavour = "gnu"): ModeChange[] | null {
  if (/^[0-7]/.test(mode)) {
    if (!/^[0-7]+$/.test(mode)) return null;
    const octal = Number.parseInt(mode, 8);
    if (octal > MODE_BITS) return null;
    const mentioned = mode.length < 5 ? (octal & 0o6000) | 0o1777 : MODE_BITS;
    return [{ op: "=", flag: "ordinary", who: MODE_BITS, value: octal, mentioned }];
  }
  const changes: ModeChange[] = [];
  for (const clause of mode.split(",")) {
    if (clause === "" && flavour === "busybox") continue;
    let i = 0;
    let who = 0;
    while (clause[i] in WHO) who |= WHO[clause[i++]];
    if (i >= clause.length) return null;
    while (i < clause.length) {
      const op = clause[i++];
      if (op !== "=" && op !== "+" && op !== "-") return null;
      let value = 0;
      let flag: ModeChange["flag"] = "ordinary";
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
  return changes;
}

/** mode_adjust: the permission bits `old` gets from `changes` (`isDir`: it is a directory). */
export function adjustMode(old: number, isDir: boolean, umask: number, changes: ModeChange[], flavour: ModeFlavour = "gnu"): number {
  let mode = old & MODE_BITS;
  for (const c of changes) {
    const omit = flavour === "gnu" && isDir ? 0o6000 & ~c.mentioned : 0;
    // busybox clears the classes "=" sets before it looks at the mode for X and copies.
    const seen = flavour === "busybox" && c.op === "=" ? mode & ~(c.who || MODE_BITS) : mode;
    let value = c.value;
    if (c.flag === "copy") {
      value &= seen;
      value |= (value & 0o444 ? 0o444 : 0) | (value & 0o222 ? 0o222 : 0) | (value & 0o111 ? 0o111 : 0);
    } else if (c.flag === "xIfAnyX" && (seen & 0o111 || isDir)) {
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

/**
 * Applies `spec` to `current` (st_mode, whose type bits stay and say whether it is a directory);
 * null for a malformed mode. `umask` limits clauses without a who-list, as chmod(1) specifies.
 */
export function parseMode(spec: string, current: number, umask = 0, flavour: ModeFlavour = "busybox"): number | null {
  const changes = compileMode(spec, flavour);
  if (changes === null) return null;
  const isDir = (current & S_IFMT) === S_IFDIR;
  return (current & ~MODE_BITS) | adjustMode(current, isDir, umask, changes, flavour);
}
