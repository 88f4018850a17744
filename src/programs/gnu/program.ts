/**
 * GNU-flavoured programs: "gnu:PACKAGE:VERSION:NAME" runs the shared implementation of NAME with the
 * tool attached (see flavour.ts). --help and --version are answered here, as GNU tools answer them
 * before anything else; everything else is the implementation's, asking `gnuTool(sys)` where GNU
 * differs from busybox. Tools whose GNU behaviour differs throughout have their own implementation
 * (tools/).
 */
import type { ProgramDef } from "../../kernel/api";
import { out } from "../lib/io";
import { type GnuTool, gnuProgramName, parseGnuProg, withGnuTool } from "./flavour";
import { HELP_TEXTS } from "./help-texts";
import { GNU_OWN } from "./tools";
import { versionText } from "./version";

/** Programs that run a command: only options before their first operand are theirs. */
const RUNS_COMMAND = new Set(["env", "xargs", "timeout", "chroot", "nice", "nohup", "stdbuf", "find"]);
/** Programs whose --help and --version are not theirs to answer (echo, true: bash builtins' twins). */
const NO_OPTIONS = new Set(["test", "["]);

const made = new Map<string, ProgramDef | null>();

/** The GNU program a binary names, or undefined when `prog` is not a GNU name or NAME is not simulated. */
export function gnuProgram(prog: string, base: (name: string) => ProgramDef | undefined): ProgramDef | undefined {
  let p = made.get(prog);
  if (p === undefined) {
    const tool = parseGnuProg(prog);
    const impl = tool && (GNU_OWN[tool.name] ?? base(tool.name));
    p = tool && impl ? gnuFlavoured(tool, impl) : null;
    made.set(prog, p);
  }
  return p ?? undefined;
}

function gnuFlavoured(tool: GnuTool, impl: ProgramDef): ProgramDef {
  return {
    name: `gnu:${tool.pkg}:${tool.version}:${tool.name}`,
    rss: impl.rss,
    *main(sys) {
      const info = NO_OPTIONS.has(tool.name) ? undefined : infoOption(sys.argv, RUNS_COMMAND.has(tool.name));
      if (info === "--version") {
        yield* out(sys, versionText(tool));
        return 0;
      }
      const help = info === "--help" ? HELP_TEXTS[tool.name] : undefined;
      if (help !== undefined) {
        yield* out(sys, usingName(help, tool.name, gnuProgramName(sys)));
        return tool.name === "hostname" ? 255 : 0;
      }
      return yield* impl.main(withGnuTool(sys, tool));
    },
  };
}

/** The first --help or --version among the options (GNU getopt permutes, so operands may come first). */
function infoOption(argv: readonly string[], stopAtOperand: boolean): "--help" | "--version" | undefined {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") return undefined;
    if (a === "--help" || a === "--version") return a;
    if (stopAtOperand && !a.startsWith("-")) return undefined;
  }
  return undefined;
}

/** Help texts were recorded run by bare name; the "Usage:" lines name the program as invoked. */
function usingName(help: string, name: string, invoked: string): string {
  if (invoked === name) return help;
  return help.replace(new RegExp(`^(Usage: |  or:  )${name.replace(/[[\]]/g, "\\$&")} `, "gm"), (_m, lead: string) => `${lead}${invoked} `);
}
