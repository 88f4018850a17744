/**
 * The busybox our programs imitate: the one the reality tests run (Debian's busybox-static 1.35,
 * which ../shared/tools/real-docker.sh puts into the reference busybox image).
 */
import type { Gen, Sys } from "../../kernel/api";
import { gnuTool } from "../gnu/flavour";
import { gnuUsageError } from "../gnu/usage";
import { err, progName } from "./io";

export const BUSYBOX_BANNER = "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.";

/**
 * What busybox prints on a bad option or missing operand: the message (if any), then the banner and
 * the applet's usage text, on stderr; the caller exits with 1.
 * `usage` is the text after "Usage: " exactly as `busybox APPLET --help` prints it.
 */
export function* usageError(sys: Sys, usage: string, msg?: string): Gen<number> {
  const gnu = gnuTool(sys);
  if (gnu) return yield* gnuUsageError(sys, gnu, msg);
  const head = msg ? `${progName(sys)}: ${msg}\n` : "";
  yield* err(sys, `${head}${BUSYBOX_BANNER}\n\nUsage: ${usage}\n`);
  return 1;
}
