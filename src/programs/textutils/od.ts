/** od [-bcdosxv] [-t TYPE] [-A RADIX] [-N SIZE] [-j SKIP] [-w WIDTH] [FILE]...: busybox's (coreutils-style) od. */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { out, warn } from "../lib/io";
import { parseWithSuffix } from "../lib/numparse";
import { charUnit, foldLines, readInputs, type UnitFormat, unitLines, unsignedAt } from "./dumpfmt";
import { USAGE } from "./usage";

/** A -t TYPE spec (c, dN, uN, oN, xN with N = 1, 2, 4, 8 or C S I L), or null. */
function odType(spec: string): UnitFormat | null {
  if (spec === "c") {
    return { size: 1, render: (b, i) => charUnit(b.charCodeAt(i)).padStart(4) };
  }
  const m = /^([doux])([1248CSIL]?)$/.exec(spec);
  if (!m) return null;
  const sizes: Record<string, number> = { "": 4, C: 1, S: 2, I: 4, L: 8, "1": 1, "2": 2, "4": 4, "8": 8 };
  const size = sizes[m[2]];
  const kind = m[1];
  const max = (1n << BigInt(size * 8)) - 1n;
  const digits = (radix: number) => max.toString(radix).length;
  const width =
    kind === "o" ? digits(8) : kind === "x" ? digits(16) : kind === "u" ? digits(10) : digits(10) + 1;
  return {
    size,
    render: (b, i) => {
      let v = unsignedAt(b, i, size);
      if (kind === "d" && v > max >> 1n) v -= max + 1n;
      const radix = kind === "o" ? 8 : kind === "x" ? 16 : 10;
      const text = kind === "o" || kind === "x" ? v.toString(radix).padStart(width, "0") : v.toString();
      return text.padStart(width + 1);
    },
  };
}

export const od: ProgramDef = {
  name: "od",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { flags: "abcdfhilovxsB", withArg: "tANjSw" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.od, e.message);
      throw e;
    }
    const specs: string[] = [];
    // Options in command-line order give the order of the output lines.
    const letterSpec: Record<string, string> = {
      b: "o1",
      c: "c",
      d: "u2",
      o: "o2",
      s: "d2",
      x: "x2",
      h: "x2",
      i: "d4",
      l: "d8",
    };
    for (const a of sys.argv.slice(1)) {
      if (!a.startsWith("-") || a.startsWith("--")) continue;
      for (const ch of a.slice(1)) {
        if (letterSpec[ch]) specs.push(letterSpec[ch]);
        if ("tANjSw".includes(ch)) break;
      }
    }
    for (const t of opts.args.t ?? []) {
      for (const piece of t.match(/[doux][1248CSIL]?|c|./g) ?? []) specs.push(piece);
    }
    if (specs.length === 0) specs.push("o2");
    const types: UnitFormat[] = [];
    for (const s of specs) {
      const t = odType(s);
      if (!t) {
        yield* warn(sys, `invalid character '${s[0]}' in type string '${s}'`);
        return 1;
      }
      types.push(t);
    }
    const radix = opts.args.A?.at(-1) ?? "o";
    if (!"doxn".includes(radix) || radix.length !== 1) {
      yield* warn(sys, `bad output address radix '${radix}' (must be d, o, x or n)`);
      return 1;
    }
    const sfx = { b: 512, k: 1024, m: 1024 * 1024 };
    const skip = opts.args.j ? parseWithSuffix(opts.args.j.at(-1)!, sfx, 0) : 0;
    const limit = opts.args.N ? parseWithSuffix(opts.args.N.at(-1)!, sfx, 0) : Infinity;
    const width = opts.args.w ? parseWithSuffix(opts.args.w.at(-1)!) : 16;
    if (skip === null || limit === null || width === null) {
      yield* warn(sys, "invalid number");
      return 1;
    }
    let status = 0;
    const { data: all, ok } = yield* readInputs(sys, opts.operands, function* (name, msg) {
      yield* warn(sys, `${name}: ${msg}`);
    });
    if (!ok) status = 1;
    const data = all.slice(skip, skip + limit);
    if (!ok && data.length === 0) return status;
    const addr = (n: number) => {
      if (radix === "n") return "";
      const digits = radix === "o" ? 7 : radix === "d" ? 7 : 6;
      return n.toString(radix === "o" ? 8 : radix === "d" ? 10 : 16).padStart(digits, "0");
    };
    let text = foldLines(data, width, skip, !!opts.flags.v, (off, bytes) => {
      const address = addr(off);
      const lead = (n: number) => (n === 0 ? address : " ".repeat(address.length));
      return unitLines(bytes, types, lead)
        .map((l) => `${l}\n`)
        .join("");
    });
    if (radix !== "n") text += `${addr(skip + data.length)}\n`;
    yield* out(sys, text);
    return status;
  },
};
