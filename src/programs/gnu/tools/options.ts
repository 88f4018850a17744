/** Command-line parsing for the GNU tools' own implementations: GNU getopt, GNU usage errors. */
import type { Gen, Sys } from "../../../kernel/api";
import { getopt, OptError, type OptSpec, type ParsedOpts } from "../../lib/getopt";
import { gnuTool } from "../flavour";
import { gnuUsageError } from "../usage";

/** The parsed command line, or the exit status after a usage error was reported. */
export function* gnuOptions(sys: Sys, spec: OptSpec): Gen<ParsedOpts | number> {
  try {
    return getopt(sys.argv, spec);
  } catch (e) {
    if (!(e instanceof OptError)) throw e;
    return yield* usageFailure(sys, e.message);
  }
}

/** Reports a bad command line ("missing operand" when `msg` is undefined); returns the exit status. */
export function* usageFailure(sys: Sys, msg?: string): Gen<number> {
  const tool = gnuTool(sys);
  if (!tool) throw new Error("GNU tool implementation run without a GNU tool");
  return yield* gnuUsageError(sys, tool, msg);
}
