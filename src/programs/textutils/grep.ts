/** grep/egrep/fgrep: busybox grep with POSIX basic/extended regexes translated to JS. */
import { gnuTool } from "../gnu/flavour";
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { BUSYBOX_BANNER, usageError } from "../lib/busybox";
import { getopt, OptError, type ParsedOpts } from "../lib/getopt";
import { readToEnd } from "../lib/inputs";
import { asErrno, err, out, warn } from "../lib/io";
import { posixToJs, RegexSyntaxError } from "../lib/posixregex";
import { USAGE } from "./usage";

const WORD = "A-Za-z0-9_";

interface Matcher {
  /** Finds the first match at or after `from`: [start, end] or null. */
  find(line: string, from: number): [number, number] | null;
}

function buildMatcher(patterns: string[], o: ParsedOpts["flags"]): Matcher {
  const flags = o.i ? "i" : "";
  const regexes = patterns.map((p) => {
    let src = o.F ? p.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&") : posixToJs(p, !!o.E, !!o.i);
    if (o.x) src = `^(?:${src})$`;
    else if (o.w) src = `(?<![${WORD}])(?:${src})(?![${WORD}])`;
    return new RegExp(src, `${flags}gs`);
  });
  return {
    find(line, from) {
      let best: [number, number] | null = null;
      for (const re of regexes) {
        re.lastIndex = from;
        const m = re.exec(line);
        if (!m) continue;
        const s = m.index;
        const e = s + m[0].length;
        if (!best || s < best[0] || (s === best[0] && e > best[1])) best = [s, e];
      }
      return best;
    },
  };
}

const usageFor = (sys: Sys) => {
  const name = sys.argv[0].slice(sys.argv[0].lastIndexOf("/") + 1);
  return name === "grep" ? null : name;
};

function* grepUsage(sys: Sys, msg?: string): Gen<number> {
  const other = usageFor(sys);
  if (other) {
    // egrep and fgrep have no help text of their own in this busybox.
    yield* err(sys, `${msg ? `${other}: ${msg}\n` : ""}${BUSYBOX_BANNER}\n\nNo help available\n`);
  } else yield* usageError(sys, USAGE.grep, msg);
  return 2;
}

function makeGrep(name: string, mode: "" | "E" | "F"): ProgramDef {
  return {
    name,
    *main(sys) {
      let opts: ParsedOpts;
      try {
        opts = getopt(sys.argv, { flags: "HhnlLoqvsrRiwFExzc", withArg: "mABCef" });
      } catch (e) {
        if (e instanceof OptError) return yield* grepUsage(sys, e.message);
        throw e;
      }
      const o = opts.flags;
      if (mode) o[mode] = 1;
      const operands = [...opts.operands];
      let patterns: string[] = [];
      for (const e of opts.args.e ?? []) patterns.push(...e.split("\n"));
      for (const f of opts.args.f ?? []) {
        try {
          const text = sys.readFile(f);
          const lines = text.split("\n");
          if (lines[lines.length - 1] === "") lines.pop();
          patterns.push(...lines);
        } catch (e) {
          yield* warn(sys, `${f}: ${asErrno(e).message}`);
          return 2;
        }
      }
      if (!opts.args.e && !opts.args.f) {
        if (operands.length === 0) return yield* grepUsage(sys);
        patterns = operands.shift()!.split("\n");
      }
      const num = (key: string): number | null => {
        const t = opts.args[key]?.at(-1);
        if (t === undefined) return 0;
        return /^\d+$/.test(t) ? Number(t) : null;
      };
      const ctx = { A: num("A"), B: num("B"), C: num("C"), m: num("m") };
      for (const [k, v] of Object.entries(ctx)) {
        if (v === null) {
          yield* warn(sys, `invalid number '${opts.args[k]!.at(-1)}'`);
          return 2;
        }
      }
      const after = opts.args.A ? ctx.A! : ctx.C!;
      const before = opts.args.B ? ctx.B! : ctx.C!;
      const maxCount = opts.args.m ? ctx.m! : Infinity;
      let matcher: Matcher;
      try {
        matcher = buildMatcher(patterns, o);
      } catch (e) {
        if (!(e instanceof RegexSyntaxError) && !(e instanceof SyntaxError)) throw e;
        yield* warn(sys, `bad regex '${patterns[0]}'`);
        return 2;
      }
      const recursive = !!(o.r || o.R);
      const files = operands.length ? operands : ["-"];
      const showName = o.h ? false : o.H || files.length > 1 || (recursive && operands.length > 0);
      const term = o.z ? "\0" : "\n";
      let anySelected = false;
      let anyListed = false;
      let hadError = false;
      // Context groups are separated by "--", also across files.
      let printedContextBefore = false;

      const grepText = function* (display: string, data: string): Gen<boolean> {
        const lines = data.split(term);
        if (lines[lines.length - 1] === "") lines.pop();
        let count = 0;
        let text = "";
        let lastPrinted = -1;
        let afterLeft = 0;
        const prefix = (n: number, sep: string) =>
          `${showName ? `${display}${sep}` : ""}${o.n ? `${n + 1}${sep}` : ""}`;
        for (let i = 0; i < lines.length; i++) {
          const line = lines[i];
          const selected = (matcher.find(line, 0) !== null) !== !!o.v;
          if (!selected || count >= maxCount) {
            if (afterLeft > 0 && !o.c && !o.l && !o.L && !o.q) {
              text += `${prefix(i, "-")}${line}${term}`;
              lastPrinted = i;
              afterLeft--;
            }
            if (count >= maxCount && afterLeft === 0) break;
            continue;
          }
          count++;
          anySelected = true;
          if (o.q) return true;
          if (o.l || o.L) break;
          if (o.c) continue;
          if (before > 0 || after > 0) {
            const from = Math.max(lastPrinted + 1, i - before);
            if ((lastPrinted >= 0 && from > lastPrinted + 1) || (lastPrinted < 0 && printedContextBefore)) {
              text += "--\n";
            }
            printedContextBefore = true;
            for (let j = from; j < i; j++) text += `${prefix(j, "-")}${lines[j]}${term}`;
          }
          if (o.o && !o.v) {
            for (let pos = 0; pos <= line.length; ) {
              const m = matcher.find(line, pos);
              if (!m) break;
              if (m[1] > m[0]) text += `${prefix(i, ":")}${line.slice(m[0], m[1])}${term}`;
              pos = m[1] > m[0] ? m[1] : m[0] + 1;
            }
          } else if (!o.o) text += `${prefix(i, ":")}${line}${term}`;
          lastPrinted = i;
          afterLeft = after;
          if (text.length >= 8192) {
            yield* out(sys, text);
            text = "";
          }
        }
        if (o.c) text += `${showName ? `${display}:` : ""}${count}\n`;
        else if (o.l && count > 0) text += `${display}\n`;
        else if (o.L && count === 0) {
          text += `${display}\n`;
          anyListed = true;
        }
        yield* out(sys, text);
        return count > 0;
      };

      const grepPath = function* (path: string, top: boolean): Gen<boolean> {
        if (path === "-" && top) {
          return yield* grepText("(standard input)", yield* readToEnd(sys, 0));
        }
        let st: ReturnType<Sys["stat"]>;
        try {
          st = top || o.R ? sys.stat(path) : sys.lstat(path);
        } catch (e) {
          if (!o.s) yield* warn(sys, `${path}: ${asErrno(e).message}`);
          hadError = true;
          return false;
        }
        if (st.type === "dir") {
          // GNU grep reads a directory operand and fails: "grep: d: Is a directory", status 2.
          if (!recursive && gnuTool(sys)) {
            if (!o.s) yield* warn(sys, `${path}: Is a directory`);
            hadError = true;
          }
          if (!recursive) return false;
          let names: string[];
          try {
            names = sys.readdir(path).filter((n) => n !== "." && n !== "..");
          } catch (e) {
            if (!o.s) yield* warn(sys, `${path}: ${asErrno(e).message}`);
            hadError = true;
            return false;
          }
          for (const n of names) {
            if (yield* grepPath(`${path.endsWith("/") ? path : `${path}/`}${n}`, false)) {
              if (o.q) return true;
            }
          }
          return false;
        }
        if (!top && st.type === "symlink") return false;
        let data: string;
        try {
          const fd = sys.open(path, { read: true });
          try {
            data = yield* readToEnd(sys, fd);
          } finally {
            sys.close(fd);
          }
        } catch (e) {
          if (!o.s) yield* warn(sys, `${path}: ${asErrno(e).message}`);
          hadError = true;
          return false;
        }
        return yield* grepText(path, data);
      };

      for (const f of files) {
        const found = yield* grepPath(f, true);
        if (found && o.q) return 0;
      }
      if (hadError && !(o.q && anySelected)) return 2;
      // With -L, success means some file was listed.
      if (o.L) return anyListed ? 0 : 1;
      return anySelected ? 0 : 1;
    },
  };
}

export const grep: ProgramDef = makeGrep("grep", "");
export const egrep: ProgramDef = makeGrep("egrep", "E");
export const fgrep: ProgramDef = makeGrep("fgrep", "F");
