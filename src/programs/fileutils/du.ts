/** du: busybox 1.35 du [-aHLdclsxhmkb] [FILE]... (sizes in 1K units by default, children first). */
import { gnuTool } from "../gnu/flavour";
import { gnuHumanSize } from "../gnu/human";
import type { Gen, ProgramDef, Stat } from "../../kernel/api";
import { asErrno, out, warn } from "../lib/io";
import { flagOrder, humanReadable, joinPath, lastFlag, parseOpts } from "./common";

const SPEC = { flags: "aHkLsxlchmb", withArg: "d" };

export const du: ProgramDef = {
  name: "du",
  *main(sys) {
    const parsed = yield* parseOpts(sys, "du", SPEC);
    if (typeof parsed === "number") return parsed;
    const f = parsed.flags;
    const order = flagOrder(sys.argv, SPEC);
    // Display unit in bytes, 0 for human-readable; -h -k -m override each other.
    let unit = sys.env.POSIXLY_CORRECT !== undefined ? 512 : 1024;
    const scale = lastFlag(order, "hkm");
    if (scale === "h") unit = 0;
    if (scale === "m") unit = 1024 * 1024;
    if (scale === "k") unit = 1024;
    const apparent = !!f.b;
    if (apparent) unit = 1;
    let maxDepth = Number.MAX_SAFE_INTEGER;
    const sd = lastFlag(order, "sd");
    if (sd === "d" && parsed.args.d) {
      const v = parsed.args.d[parsed.args.d.length - 1];
      if (!/^\d+$/.test(v)) {
        yield* warn(sys, `invalid number '${v}'`);
        return 1;
      }
      maxDepth = Number(v);
    }
    if (sd === "s") maxDepth = 0;
    const follow = lastFlag(order, "HL");
    const operands = parsed.operands.length > 0 ? parsed.operands : ["."];
    let linkDepth = follow === "L" ? Number.MAX_SAFE_INTEGER : follow === "H" && parsed.operands.length > 0 ? 1 : 0;
    let status = 0;
    let text = "";
    const seen = new Set<string>();
    let rootDev = 0;

    /** Sizes are kept in 512-byte blocks (bytes with -b), as st_blocks counts. */
    const show = (size: number, name: string) => {
      if (apparent) {
        text += `${size}\t${name}\n`;
        return;
      }
      // A fixed unit rounds up, as coreutils does; -h rounds to nearest.
      const s = unit ? size + Math.floor((unit - 1) / 1024) : size;
      const gnuHuman = unit === 0 && gnuTool(sys);
      text += `${gnuHuman ? gnuHumanSize(size * 512) : humanReadable(s, 512, unit)}\t${name}\n`;
    };

    const walk = function* (path: string, depth: number): Gen<number> {
      let st: Stat;
      try {
        st = sys.lstat(path);
      } catch (e) {
        yield* out(sys, text);
        text = "";
        yield* warn(sys, `${path}: ${asErrno(e).message}`);
        status = 1;
        return 0;
      }
      if (f.x) {
        if (depth === 0) rootDev = st.dev;
        else if (st.dev !== rootDev) return 0;
      }
      if (st.type === "symlink" && linkDepth > depth) {
        try {
          st = sys.stat(path);
        } catch (e) {
          yield* out(sys, text);
          text = "";
          yield* warn(sys, `${path}: ${asErrno(e).message}`);
          status = 1;
          return 0;
        }
        // -H follows what the command line names, then everything below it (as busybox does).
        if (linkDepth === 1) linkDepth = Number.MAX_SAFE_INTEGER;
      }
      let sum = apparent ? st.size : st.blocks;
      if (!f.l && st.nlink > 1 && st.type !== "dir") {
        const key = `${st.dev}:${st.ino}`;
        if (seen.has(key)) return 0;
        seen.add(key);
      }
      if (st.type === "dir") {
        let entries: string[] = [];
        try {
          entries = sys.readdir(path);
        } catch (e) {
          yield* out(sys, text);
          text = "";
          yield* warn(sys, `can't open '${path}': ${asErrno(e).message}`);
          status = 1;
          return sum;
        }
        for (const name of entries) {
          if (name === "." || name === "..") continue;
          sum += yield* walk(joinPath(path, name), depth + 1);
        }
      } else if (!f.a && depth !== 0) {
        return sum;
      }
      if (depth <= maxDepth) show(sum, path);
      if (text.length > 8192) {
        yield* out(sys, text);
        text = "";
      }
      return sum;
    };

    let total = 0;
    const savedLinkDepth = linkDepth;
    for (const path of operands) {
      total += yield* walk(path, 0);
      // "du dir dir" shows dir twice.
      seen.clear();
      linkDepth = savedLinkDepth;
    }
    if (f.c) show(total, "total");
    yield* out(sys, text);
    return status;
  },
};
