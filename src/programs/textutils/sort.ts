/** sort [-nrugMcszbdfiVs] [-o FILE] [-k KEY]... [-t CHAR] [FILE]...: busybox 1.35 sort, comparison for comparison. */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { closeInput, openInput, readToEnd } from "../lib/inputs";
import { asErrno, err, warn } from "../lib/io";
import { strtod } from "../lib/numparse";
import { strverscmp } from "../lib/strverscmp";
import { USAGE } from "./usage";

// Flag bits, in busybox's order: they matter for which flags a key may carry.
const F = {
  n: 1 << 0,
  g: 1 << 1,
  M: 1 << 2,
  V: 1 << 3,
  u: 1 << 4,
  c: 1 << 5,
  s: 1 << 6,
  z: 1 << 7,
  b: 1 << 8,
  r: 1 << 9,
  d: 1 << 10,
  f: 1 << 11,
  i: 1 << 12,
  bb: 1 << 30,
  noTieBreak: 1 << 29,
} as const;
const KEY_FLAGS = F.n | F.g | F.M | F.b | F.r | F.d | F.f | F.i;
const OPT_LETTERS = "ngMVucszbrdfi";

interface SortKey {
  /** start field, start char, end field, end char (1-based; 0 = unset). */
  range: [number, number, number, number];
  flags: number;
}

class SortError extends Error {}

const isSpace = (c: string | undefined) => c !== undefined && " \t\n\v\f\r".includes(c);
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const FULL_MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** strptime("%b") (full or abbreviated name, any case; no blank skipping): the month index, or null. */
function month(s: string): number | null {
  const t = s.toLowerCase();
  for (let m = 0; m < 12; m++) if (t.startsWith(FULL_MONTHS[m])) return m;
  for (let m = 0; m < 12; m++) if (t.startsWith(MONTHS[m])) return m;
  return null;
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const sort: ProgramDef = {
  name: "sort",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { flags: "nghMVucszbrdfim", withArg: "oktST" });
    } catch (e) {
      if (e instanceof OptError) {
        yield* usageError(sys, USAGE.sort, e.message);
        return 2;
      }
      throw e;
    }
    if (opts.flags.h) {
      yield* usageError(sys, USAGE.sort, "invalid option -- 'h'");
      return 2;
    }
    let global = 0;
    for (const [letter, bit] of Object.entries(F))
      if (letter.length === 1 && opts.flags[letter]) global |= bit;
    if (global & F.b) global |= F.bb;
    let separator = "";
    const keys: SortKey[] = [];
    try {
      if (opts.args.t) {
        const t = opts.args.t.at(-1)!;
        if (t.length !== 1) throw new SortError("bad -t parameter");
        separator = t;
      }
      for (const spec of opts.args.k ?? []) keys.push(parseKey(spec));
    } catch (e) {
      if (!(e instanceof SortError)) throw e;
      yield* warn(sys, e.message);
      return 2;
    }
    if (keys.length === 0) keys.push({ range: [1, 0, 0, 0], flags: 0 });

    const terminator = global & F.z ? "\0" : "\n";
    const lines: string[] = [];
    for (const name of opts.operands.length ? opts.operands : ["-"]) {
      let data: string;
      try {
        const fd = openInput(sys, name);
        data = yield* readToEnd(sys, fd);
        closeInput(sys, fd);
      } catch (e) {
        // Like coreutils 6.9, the first unreadable file ends it all.
        yield* warn(sys, `${name}: ${asErrno(e).message}`);
        return 2;
      }
      const parts = data.split(terminator);
      if (parts[parts.length - 1] === "") parts.pop();
      lines.push(...parts);
    }

    const getKey = (str: string, key: SortKey, flags: number): string => {
      if (
        key.range[0] === 1 &&
        !key.range[1] &&
        !key.range[2] &&
        !key.range[3] &&
        !(flags & (F.b | F.d | F.f | F.i | F.bb))
      ) {
        return str;
      }
      const len = str.length;
      let start = 0;
      let end = 0;
      for (let j = 0; j < 2; j++) {
        if (!key.range[2 * j]) end = len;
        else {
          let ch = "";
          end = 0;
          for (let i = 1; i < key.range[2 * j] + j; i++) {
            if (separator) {
              while (end < len) {
                ch = str[end++];
                if (ch === separator) break;
                ch = "";
              }
            } else {
              while (isSpace(str[end])) end++;
              while (end < len && !isSpace(str[end])) end++;
            }
          }
          // "abc:def:" => "abc:def"
          if (j && ch) end--;
        }
        if (!j) start = end;
      }
      if (flags & F.b) while (isSpace(str[start])) start++;
      if (flags & F.bb) while (end > start && isSpace(str[end - 1])) end--;
      if (key.range[3]) end = Math.min(key.range[3], len);
      if (key.range[1]) start = Math.min(start + key.range[1] - 1, len);
      if (end < start) end = start;
      let k = str.slice(start, end);
      if (flags & F.d) k = k.replace(/[^ \t\n\v\f\r0-9A-Za-z]/g, "");
      if (flags & F.i) k = k.replace(/[^\x20-\x7e]/g, "");
      if (flags & F.f) k = k.toUpperCase().replace(/[^\x00-\x7f]/g, (c) => c.toLowerCase());
      return k;
    };

    let options = global;
    const compare = (xi: number, yi: number): number => {
      const xl = lines[xi];
      const yl = lines[yi];
      let flags = options;
      let retval = 0;
      for (let k = 0; !retval && k < keys.length; k++) {
        const key = keys[k];
        flags = key.flags ? key.flags : options;
        const x = getKey(xl, key, flags);
        const y = getKey(yl, key, flags);
        switch (flags & (F.n | F.g | F.M | F.V)) {
          case 0:
            retval = byteCompare(x, y);
            break;
          case F.V:
            retval = strverscmp(x, y);
            break;
          case F.n: {
            const dx = strtod(x).value;
            const dy = strtod(y).value;
            retval = dx > dy ? 1 : dx < dy ? -1 : 0;
            break;
          }
          case F.g: {
            const px = strtod(x);
            const py = strtod(y);
            const dx = px.value;
            const dy = py.value;
            if (px.end === 0) retval = py.end === 0 ? 0 : -1;
            else if (py.end === 0) retval = 1;
            else if (Number.isNaN(dx)) retval = Number.isNaN(dy) ? 0 : -1;
            else if (Number.isNaN(dy)) retval = 1;
            else retval = dx > dy ? 1 : dx < dy ? -1 : 0;
            break;
          }
          case F.M: {
            const mx = month(x);
            const my = month(y);
            if (mx === null) retval = my === null ? 0 : -1;
            else if (my === null) retval = 1;
            else retval = mx - my;
            break;
          }
          default:
            throw new SortError("unknown sort type");
        }
      }
      if (!retval) {
        if (options & F.s) {
          // Stable: the later line is greater (and -r, unlike newer busybox, still flips that).
          retval = xi > yi ? 1 : -1;
        } else if (!(options & F.noTieBreak)) {
          flags = options;
          retval = byteCompare(xl, yl);
        }
      }
      return flags & F.r ? -retval : retval;
    };

    const indexes = lines.map((_, i) => i);
    try {
      if (global & F.c) {
        const j = global & F.u ? -1 : 0;
        for (let i = 1; i < lines.length; i++) {
          if (compare(i - 1, i) > j) {
            yield* err(sys, `Check line ${i}\n`);
            return 1;
          }
        }
        return 0;
      }
      indexes.sort(compare);
    } catch (e) {
      if (!(e instanceof SortError)) throw e;
      yield* warn(sys, e.message);
      return 2;
    }
    let result = indexes;
    if (global & F.u) {
      options = (options | F.noTieBreak) & ~F.s;
      result = [];
      for (const i of indexes) {
        if (result.length === 0 || compare(result[result.length - 1], i) !== 0) result.push(i);
      }
    }
    let fd = 1;
    if (opts.args.o) {
      const name = opts.args.o.at(-1)!;
      try {
        fd = sys.open(name, { write: true, create: true, trunc: true });
      } catch (e) {
        yield* warn(sys, `can't open '${name}': ${asErrno(e).message}`);
        return 2;
      }
    }
    let text = "";
    for (const i of result) {
      text += lines[i] + terminator;
      if (text.length >= 65536) {
        yield* sys.write(fd, text);
        text = "";
      }
    }
    if (text) yield* sys.write(fd, text);
    if (fd !== 1) sys.close(fd);
    return 0;
  },
};

/** Parses a -k spec: N[.C][OPTS][,N[.C][OPTS]]. */
function parseKey(spec: string): SortKey {
  const key: SortKey = { range: [0, 0, 0, 0], flags: 0 };
  let s = spec;
  const number = (): number => {
    const m = /^\d+/.exec(s);
    if (!m) throw new SortError("bad field specification");
    const v = Number(m[0]);
    if (v === 0 || v > 2147483647) throw new SortError("bad field specification");
    s = s.slice(m[0].length);
    return v;
  };
  let i = 0;
  while (s.length) {
    key.range[2 * i] = number();
    if (s[0] === ".") {
      s = s.slice(1);
      key.range[2 * i + 1] = number();
    }
    while (s.length) {
      if (s[0] === "," && i++ === 0) {
        s = s.slice(1);
        break;
      }
      const idx = OPT_LETTERS.indexOf(s[0]);
      if (idx < 0 || s[0] === ",") throw new SortError("unknown key option");
      let flag = 1 << idx;
      if (flag & ~KEY_FLAGS) throw new SortError("unknown sort type");
      // b after the comma strips trailing blanks.
      if (i && flag === F.b) flag = F.bb;
      key.flags |= flag;
      s = s.slice(1);
    }
  }
  return key;
}
