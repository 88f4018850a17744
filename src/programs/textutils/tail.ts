/** tail [-fFqv] [-n [+]N] [-c [+]N] [-s SECS] [FILE]...: busybox tail, with -f polling growing files. */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { asErrno, out, warn } from "../lib/io";
import { parseWithSuffix } from "../lib/numparse";
import { HEAD_TAIL_SUFFIXES } from "./head";
import { USAGE } from "./usage";

/** The part of `data` tail prints. */
function selectTail(data: string, count: number, bytes: boolean, fromTop: boolean): string {
  if (bytes) {
    if (fromTop) return data.slice(Math.max(0, count - 1));
    return count === 0 ? "" : data.slice(-count);
  }
  if (fromTop) {
    let pos = 0;
    for (let n = 1; n < count && pos < data.length; n++) {
      const nl = data.indexOf("\n", pos);
      if (nl < 0) return "";
      pos = nl + 1;
    }
    return data.slice(pos);
  }
  if (count === 0) return "";
  // The last line counts even without a final newline.
  let cut = data.endsWith("\n") ? data.length - 1 : data.length;
  for (let n = 0; n < count; n++) {
    const nl = data.lastIndexOf("\n", cut - 1);
    if (nl < 0) return data;
    cut = nl;
  }
  return data.slice(cut + 1);
}

interface Input {
  name: string;
  fd: number;
}

export const tail: ProgramDef = {
  name: "tail",
  *main(sys) {
    let argv = [...sys.argv];
    // Legacy forms "tail -N" and "tail +N" mean "-n N" and "-n +N".
    if (argv[1] && /^[-+]\d+$/.test(argv[1])) argv = [argv[0], "-n", argv[1], ...argv.slice(2)];
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(argv, { flags: "fFqv", withArg: "cns" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.tail, e.message);
      throw e;
    }
    let count = 10;
    let fromTop = false;
    const bytes = opts.args.c !== undefined;
    // busybox reads -c first, then -n; a "+" on either starts from the top.
    for (const text of [opts.args.c?.at(-1), opts.args.n?.at(-1)]) {
      if (text === undefined) continue;
      let t = text;
      if (t.startsWith("-")) t = t.slice(1);
      else if (t.startsWith("+")) {
        t = t.slice(1);
        fromTop = true;
      }
      const v = parseWithSuffix(t, HEAD_TAIL_SUFFIXES);
      if (v === null) {
        yield* warn(sys, `invalid number '${t}'`);
        return 1;
      }
      count = v;
    }
    let sleepSecs = 1;
    const s = opts.args.s?.at(-1);
    if (s !== undefined) {
      const v = parseWithSuffix(s);
      if (v === null) {
        yield* warn(sys, `invalid number '${s}'`);
        return 1;
      }
      sleepSecs = v;
    }
    const retry = !!opts.flags.F;
    const follow = !!opts.flags.f || retry;
    // -v wins over -q whatever their order.
    const headerThreshold = opts.flags.v ? 0 : opts.flags.q ? Infinity : 1;

    const names = opts.operands.length ? opts.operands : ["-"];
    let status = 0;
    const inputs: Input[] = [];
    for (const name of names) {
      if (name === "-") {
        inputs.push({ name: "standard input", fd: 0 });
        continue;
      }
      try {
        inputs.push({ name, fd: sys.open(name, { read: true }) });
      } catch (e) {
        yield* warn(sys, `can't open '${name}': ${asErrno(e).message}`);
        status = 1;
      }
    }
    if (inputs.length === 0) {
      yield* warn(sys, "no files");
      return 1;
    }
    const headers = inputs.length > headerThreshold;
    let first = true;
    for (const input of inputs) {
      if (headers) yield* out(sys, `${first ? "" : "\n"}==> ${input.name} <==\n`);
      first = false;
      let data = "";
      try {
        for (;;) {
          const chunk = yield* sys.read(input.fd);
          if (chunk === "") break;
          data += chunk;
          // What tail holds is memory it uses (tail /dev/zero is the classic OOM demo).
          yield* sys.alloc(chunk.length);
        }
      } catch (e) {
        yield* warn(sys, `read error: ${asErrno(e).message}`);
        status = 1;
      }
      yield* out(sys, selectTail(data, count, bytes, fromTop));
      yield* sys.alloc(-data.length);
    }
    if (!follow) return status;
    return yield* followInputs(sys, inputs, headers, sleepSecs);
  },
};

/** tail -f: every SLEEP seconds, print whatever was appended to each file since the last look. */
function* followInputs(sys: Sys, inputs: Input[], headers: boolean, sleepSecs: number): Gen<number> {
  let prevFd = inputs[inputs.length - 1].fd;
  for (;;) {
    yield* sys.sleep(sleepSecs * 1000);
    for (const input of inputs) {
      for (;;) {
        let chunk: string;
        try {
          // A file truncated below our offset is read again from its start.
          const st = sys.fstat(input.fd);
          if (st.type === "file" && st.size > 0 && st.size < sys.lseek(input.fd, 0, "cur")) {
            sys.lseek(input.fd, 0, "set");
          }
          chunk = yield* sys.read(input.fd);
        } catch (e) {
          asErrno(e);
          break;
        }
        if (chunk === "") break;
        if (headers && input.fd !== prevFd) {
          yield* out(sys, `\n==> ${input.name} <==\n`);
          prevFd = input.fd;
        }
        yield* out(sys, chunk);
      }
    }
  }
}
