/** head [-n [-]N] [-c [-]N] [-qv] [FILE]...: busybox head, including the legacy "head -N". */
import { gnuLine } from "../gnu/messages";
import { quoteAlways } from "../gnu/quote";
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { closeInput, openInput } from "../lib/inputs";
import { asErrno, out, warn } from "../lib/io";
import { parseWithSuffix } from "../lib/numparse";
import { lastOption } from "../lib/optorder";
import { USAGE } from "./usage";

export const HEAD_TAIL_SUFFIXES = { b: 512, k: 1024, m: 1024 * 1024 };

/** Copies the first `count` lines (or bytes) of fd to stdout, reading no more than needed. */
function* copyFirst(sys: Sys, fd: number, count: number, bytes: boolean): Gen<void> {
  let left = count;
  while (left > 0) {
    const chunk = yield* sys.read(fd);
    if (chunk === "") return;
    if (bytes) {
      const part = chunk.slice(0, left);
      left -= part.length;
      yield* out(sys, part);
      continue;
    }
    let end = 0;
    while (left > 0) {
      const nl = chunk.indexOf("\n", end);
      if (nl < 0) {
        end = chunk.length;
        break;
      }
      end = nl + 1;
      left--;
    }
    yield* out(sys, chunk.slice(0, end));
  }
}

/** All but the last `count` lines (or bytes). */
function* copyAllButLast(sys: Sys, fd: number, count: number, bytes: boolean): Gen<void> {
  let data = "";
  for (;;) {
    const chunk = yield* sys.read(fd);
    if (chunk === "") break;
    data += chunk;
  }
  if (bytes) {
    yield* out(sys, data.slice(0, Math.max(0, data.length - count)));
    return;
  }
  let cut = data.length;
  for (let n = 0; n < count && cut > 0; n++) {
    const nl = data.lastIndexOf("\n", cut - 2);
    cut = nl < 0 ? 0 : nl + 1;
  }
  yield* out(sys, data.slice(0, cut));
}

export const head: ProgramDef = {
  name: "head",
  *main(sys) {
    let argv = [...sys.argv];
    let countText: string | undefined;
    if (argv[1] && /^-\d/.test(argv[1])) {
      countText = argv[1].slice(1);
      argv = [argv[0], ...argv.slice(2)];
    }
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(argv, { flags: "qv", withArg: "nc" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.head, e.message);
      throw e;
    }
    let bytes = false;
    // Options act in command-line order: the last of -q/-v and of -n/-c wins.
    const lastQV = lastOption(argv, "qv", "nc");
    const header = lastQV === "q" ? Infinity : lastQV === "v" ? -1 : 1;
    const n = opts.args.n?.at(-1);
    const c = opts.args.c?.at(-1);
    // The count comes from the last -n/-c, but any -c switches to bytes (busybox never resets it).
    const lastNC = lastOption(argv, "nc", "nc");
    if (c !== undefined) bytes = true;
    if (lastNC === "c") countText = c;
    else if (lastNC === "n") countText = n;
    let count = 10;
    let allBut = false;
    if (countText !== undefined) {
      let t = countText;
      if (t.startsWith("-")) {
        allBut = true;
        t = t.slice(1);
      }
      const v = parseWithSuffix(t, HEAD_TAIL_SUFFIXES);
      if (v === null) {
        yield* warn(sys, `invalid number '${countText}'`);
        return 1;
      }
      count = v;
    }
    const files = opts.operands.length ? opts.operands : ["-"];
    const showHeaders = header < 0 || files.length > header;
    let status = 0;
    let first = true;
    for (const name of files) {
      let fd: number;
      try {
        fd = openInput(sys, name);
      } catch (e) {
        yield* warn(sys, `${name}: ${asErrno(e).message}`);
        status = 1;
        first = false;
        continue;
      }
      if (showHeaders)
        yield* out(sys, `${first ? "" : "\n"}==> ${name === "-" ? "standard input" : name} <==\n`);
      first = false;
      try {
        if (allBut) yield* copyAllButLast(sys, fd, count, bytes);
        else yield* copyFirst(sys, fd, count, bytes);
      } catch (e) {
        // busybox reports any read failure through ferror(), as EIO; GNU says what it was.
        const er = asErrno(e);
        yield* warn(sys, gnuLine(sys, `${name}: Input/output error`, () => `error reading ${quoteAlways(name)}: ${er.message}`));
        status = 1;
      }
      closeInput(sys, fd);
    }
    return status;
  },
};
