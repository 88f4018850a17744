/** trap: actions for EXIT and signals; "" ignores, "-" restores the default. */
import type { Signal } from "../../kernel/api";
import { parseSignal } from "../signals";
import type { Shell } from "../shell";
import { singleQuote } from "../xtrace";
import { type Builtin, builtin } from "./types";

function sigName(spec: string): string | undefined {
  if (spec === "0" || spec.toUpperCase() === "EXIT") return "EXIT";
  return parseSignal(spec);
}

/** Makes the process's signal disposition follow the trap table. */
export function applyTrap(sh: Shell, name: string): void {
  if (name === "EXIT") return;
  const sig = name as Signal;
  const action = sh.traps.get(name);
  if (action === undefined) {
    // Back to what the shell itself wants for this signal.
    if (sh.interactive && (sig === "INT" || sig === "TERM" || sig === "QUIT")) {
      if (sig === "INT") sh.catchSignal(sig);
      else sh.uncatchSignal(sig, "ignore");
    } else if (sh.interactive && sh.jobControl && (sig === "TSTP" || sig === "TTIN" || sig === "TTOU")) {
      sh.uncatchSignal(sig, "ignore");
    } else if (sig === "INT" && !sh.interactive && sh.catchesIntByDefault) {
      sh.catchSignal(sig);
    } else sh.uncatchSignal(sig, "default");
  } else if (action === "") sh.uncatchSignal(sig, "ignore");
  else if (sig !== "KILL" && sig !== "STOP") sh.catchSignal(sig);
}

export const trapBuiltin: Builtin = builtin("trap", true, function* (sh, argv) {
  let args = argv.slice(1);
  if (args[0] === "--") args = args.slice(1);
  if (args.length === 0 || args[0] === "-p") {
    let out = "";
    const order = ["EXIT", ...[...sh.traps.keys()].filter((k) => k !== "EXIT")];
    for (const k of order) {
      const v = sh.traps.get(k);
      if (v !== undefined) out += `trap -- ${singleQuote(v)} ${k}\n`;
    }
    yield* sh.write(1, out);
    return 0;
  }
  let action: string | null = args[0];
  let sigs = args.slice(1);
  // "trap N..." with a number first resets those signals (POSIX).
  if (/^\d+$/.test(args[0])) {
    action = null;
    sigs = args;
  } else if (args[0] === "-") action = null;
  if (sigs.length === 0 && action !== null) {
    sigs = [args[0]];
    action = null;
  }
  let status = 0;
  for (const spec of sigs) {
    const name = sigName(spec);
    if (name === undefined) {
      yield* sh.message(`${spec}: invalid signal specification`);
      status = 1;
      continue;
    }
    if (action === null) sh.traps.delete(name);
    else sh.traps.set(name, action);
    applyTrap(sh, name);
  }
  return status;
});
