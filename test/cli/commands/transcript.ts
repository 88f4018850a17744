/**
 * Runs docker command lines on a booted sandbox host through the real entry point and records a
 * transcript: "$ cmd", stdout, "[stderr]" lines and the status when it is not 0.
 */
import { loadHelpTexts } from "../../../src/cli/flags";
import type { Kernel } from "../../../src/kernel";
import { bootSandboxHost } from "../../../src/session/host";
import { run, type RunOptions } from "../../helpers/host";

export async function sandbox(): Promise<Kernel> {
  await loadHelpTexts();
  return bootSandboxHost();
}

/** Splits a command line on spaces, keeping '...' quoted words whole. */
function words(line: string): string[] {
  return (line.match(/'[^']*'|\S+/g) ?? []).map((w) => (w.startsWith("'") ? w.slice(1, -1) : w));
}

export function transcript(k: Kernel, lines: string[], opts: RunOptions = {}): string {
  let out = "";
  for (const line of lines) {
    const r = run(k, words(line), { stdin: line.includes(" -i ") ? "piped input\n" : undefined, ...opts });
    out += `$ ${line}\n${r.stdout}`;
    if (r.stderr) out += r.stderr.replace(/^/gm, "[stderr] ").replace(/\[stderr\] $/, "");
    if (r.code !== 0) out += `[exit ${r.code}]\n`;
  }
  return out;
}
