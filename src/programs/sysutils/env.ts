/** env [-i0] [-u NAME]... [-] [NAME=VALUE]... [PROG ARGS]: print or set the environment, then exec. */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { execFailureStatus, execOnPath } from "../lib/runcommand";
import { getopt, OptError } from "../lib/getopt";
import { asErrno, out, warn } from "../lib/io";
import { USAGE } from "./usage";

export const env: ProgramDef = {
  name: "env",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      // Options end at the first operand: "env ls -l" must not take -l.
      opts = getopt(sys.argv, {
        flags: "i0",
        withArg: "u",
        long: {
          "ignore-environment": { short: "i" },
          unset: { short: "u", arg: true },
          null: { short: "0" },
        },
        permute: false,
      });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.env, e.message);
      throw e;
    }
    const rest = [...opts.operands];
    let clear = !!opts.flags.i;
    if (rest[0] === "-") {
      clear = true;
      rest.shift();
    }
    const environ: Record<string, string> = clear ? {} : { ...sys.env };
    for (const name of opts.args.u ?? []) delete environ[name];
    while (rest.length && rest[0].includes("=")) {
      const a = rest.shift()!;
      const eq = a.indexOf("=");
      environ[a.slice(0, eq)] = a.slice(eq + 1);
    }
    if (rest.length === 0) {
      const end = opts.flags["0"] ? "\0" : "\n";
      yield* out(
        sys,
        Object.entries(environ)
          .map(([k, v]) => `${k}=${v}${end}`)
          .join(""),
      );
      return 0;
    }
    try {
      return execOnPath(sys, rest[0], rest, environ);
    } catch (e) {
      const err = asErrno(e);
      yield* warn(sys, `can't execute '${rest[0]}': ${err.message}`);
      return execFailureStatus(err);
    }
  },
};
