/** tee [-ai] [FILE]...: copy stdin to stdout and to each FILE. */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { asErrno, warn } from "../lib/io";
import { USAGE } from "./usage";

export const tee: ProgramDef = {
  name: "tee",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { flags: "ai" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.tee, e.message);
      throw e;
    }
    if (opts.flags.i) sys.signal("INT", "ignore");
    // busybox ignores SIGPIPE so that one closed output does not stop the others.
    sys.signal("PIPE", "ignore");
    let status = 0;
    const outputs: { name: string; fd: number }[] = [{ name: "standard output", fd: 1 }];
    for (const name of opts.operands) {
      if (name === "-") {
        outputs.push({ name, fd: 1 });
        continue;
      }
      try {
        const fd = sys.open(name, {
          write: true,
          create: true,
          append: !!opts.flags.a,
          trunc: !opts.flags.a,
        });
        outputs.push({ name, fd });
      } catch (e) {
        yield* warn(sys, `${name}: ${asErrno(e).message}`);
        status = 1;
      }
    }
    for (;;) {
      let chunk: string;
      try {
        chunk = yield* sys.read(0);
      } catch (e) {
        yield* warn(sys, `read error: ${asErrno(e).message}`);
        status = 1;
        break;
      }
      if (chunk === "") break;
      for (const o of outputs) {
        if (o.fd < 0) continue;
        try {
          yield* sys.write(o.fd, chunk);
        } catch (e) {
          asErrno(e);
          o.fd = -1;
          status = 1;
        }
      }
    }
    for (const o of outputs) if (o.fd > 1) sys.close(o.fd);
    return status;
  },
};
