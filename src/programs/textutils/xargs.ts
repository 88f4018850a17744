/** xargs [-0rtx] [-n N] [-s N] [-I STR] [-E STR] [-a FILE] [PROG ARGS]: busybox xargs, spawning PROG via PATH. */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { spawnOnPath } from "../lib/runcommand";
import { getopt, OptError } from "../lib/getopt";
import { readToEnd } from "../lib/inputs";
import { asErrno, err, warn } from "../lib/io";
import { USAGE } from "./usage";

class InputError extends Error {}

/** Splits input into arguments the default way: blanks/newlines separate; quotes and backslash escape. */
function splitWords(text: string, eofStr?: string): string[] {
  const words: string[] = [];
  let cur = "";
  let inWord = false;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = "";
      else if (c === "\n") throw new InputError(`unmatched ${quote === "'" ? "single" : "double"} quote`);
      else cur += c;
      continue;
    }
    if (c === "\\" && i + 1 < text.length) {
      cur += text[++i];
      inWord = true;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === " " || c === "\t" || c === "\n") {
      if (inWord) {
        if (eofStr !== undefined && cur === eofStr) return words;
        words.push(cur);
      }
      cur = "";
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (quote) throw new InputError(`unmatched ${quote === "'" ? "single" : "double"} quote`);
  if (inWord && !(eofStr !== undefined && cur === eofStr)) words.push(cur);
  return words;
}

export const xargs: ProgramDef = {
  name: "xargs",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { flags: "0rtxpo", withArg: "nsIEeaPL", permute: false });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.xargs, e.message);
      throw e;
    }
    const f = opts.flags;
    const range = (key: string): number | null | undefined => {
      const t = opts.args[key]?.at(-1);
      if (t === undefined) return undefined;
      if (!/^\d+$/.test(t)) return null;
      return Number(t);
    };
    let maxArgs: number | undefined;
    let maxChars: number | undefined;
    for (const key of ["n", "s", "P", "L"]) {
      const v = range(key);
      if (v === undefined) continue;
      if (v === null) {
        yield* warn(sys, `invalid number '${opts.args[key]!.at(-1)}'`);
        return 1;
      }
      if (v < 1) {
        yield* warn(sys, `number ${v} is not in 1..2147483647 range`);
        return 1;
      }
      if (key === "n") maxArgs = v;
      if (key === "s") maxChars = v;
      if (key === "L") maxArgs = v;
    }
    const command = opts.operands.length ? opts.operands : ["echo"];
    const replace = opts.args.I?.at(-1);
    let text: string;
    try {
      if (opts.args.a) {
        const fd = sys.open(opts.args.a.at(-1)!, { read: true });
        text = yield* readToEnd(sys, fd);
        sys.close(fd);
      } else text = yield* readToEnd(sys, 0);
    } catch (e) {
      yield* warn(sys, `${opts.args.a?.at(-1) ?? "-"}: ${asErrno(e).message}`);
      return 1;
    }

    // Each element is the argument list of one run.
    const batches: string[][] = [];
    try {
      if (replace !== undefined) {
        for (const raw of text.split(f["0"] ? "\0" : "\n")) {
          const line = f["0"] ? raw : raw.replace(/^[ \t]+/, "");
          if (line === "" && !f["0"]) continue;
          if (raw === "" && f["0"]) continue;
          batches.push(command.map((a) => a.split(replace).join(line)));
        }
      } else {
        let words: string[];
        if (f["0"]) {
          words = text.split("\0");
          if (words[words.length - 1] === "") words.pop();
        } else words = splitWords(text, opts.args.E?.at(-1) ?? opts.args.e?.at(-1));
        const base = command.reduce((n, a) => n + a.length + 1, 0);
        let cur: string[] = [];
        let size = base;
        for (const w of words) {
          const tooBig = maxChars !== undefined && size + w.length + 1 > maxChars;
          if (cur.length && ((maxArgs !== undefined && cur.length >= maxArgs) || tooBig)) {
            batches.push([...command, ...cur]);
            cur = [];
            size = base;
          }
          if (maxChars !== undefined && size + w.length + 1 > maxChars && f.x) {
            yield* warn(sys, "argument line too long");
            return 1;
          }
          cur.push(w);
          size += w.length + 1;
        }
        if (cur.length || (batches.length === 0 && !f.r)) batches.push([...command, ...cur]);
      }
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      yield* warn(sys, e.message);
      return 1;
    }

    let status = 0;
    for (const argv of batches) {
      const r = yield* runOne(sys, argv, !!(f.t || f.p));
      if (r === "abort-255") {
        yield* warn(sys, `${argv[0]}: exited with status 255; aborting`);
        return 124;
      }
      if (typeof r === "object") {
        yield* warn(sys, `'${argv[0]}' terminated by signal ${r.signal}`);
        return 125;
      }
      if (r === 126 || r === 127) return r;
      if (r !== 0) status = 123;
    }
    return status;
  },
};

const SIGNAL_NUMBERS: Record<string, number> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  ILL: 4,
  TRAP: 5,
  ABRT: 6,
  BUS: 7,
  FPE: 8,
  KILL: 9,
  USR1: 10,
  SEGV: 11,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
};

/** Runs one command and waits: its exit code, "abort-255", or the signal that killed it. */
function* runOne(sys: Sys, argv: string[], trace: boolean): Gen<number | "abort-255" | { signal: number }> {
  if (trace) yield* err(sys, `${argv.join(" ")}\n`);
  let stdin = 0;
  try {
    stdin = sys.open("/dev/null", { read: true });
  } catch (e) {
    asErrno(e);
  }
  let pid: number;
  try {
    pid = spawnOnPath(sys, argv[0], argv, { fds: { 0: stdin, 1: 1, 2: 2 } });
  } catch (e) {
    const er = asErrno(e);
    yield* warn(sys, `${argv[0]}: ${er.message}`);
    return er.code === "ENOENT" ? 127 : 126;
  } finally {
    // The child has its own copy once it runs; give it the chance before closing ours.
    yield* sys.yield();
    if (stdin !== 0) sys.close(stdin);
  }
  const w = yield* sys.wait(pid);
  if (w?.signal) return { signal: SIGNAL_NUMBERS[w.signal] ?? 0 };
  if (w?.code === 255) return "abort-255";
  return w?.code ?? 0;
}
