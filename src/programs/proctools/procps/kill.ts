/**
 * procps-ng 4.0.2's kill (/usr/bin/kill on Debian; bash's kill builtin is another program). A
 * "-SIG" argument is taken out wherever it stands, then getopt_long runs silently (opterr=0): a bad
 * option is "invalid argument X" and the usage. Messages carry argv[0] whole, as error(3) prints.
 */
import type { Gen, ProgramDef, Sys } from "../../../kernel/api";
import { Errno } from "../../../kernel/errno";
import { asErrno, err, out } from "../../lib/io";
import { sendSignal } from "../kill";
import { kernelSignal } from "../signames";
import { prettySignalTable, signalNameToNumber, strtosig, takeSignalOption, unixSignalList } from "./signals";
import { versionOut } from "./usage";

const USAGE = (name: string) => `
Usage:
 ${name} [options] <pid> [...]

Options:
 <pid> [...]            send signal to every <pid> listed
 -<signal>, -s, --signal <signal>
                        specify the <signal> to be sent
 -q, --queue <value>    integer value to be sent with the signal
 -l, --list=[<signal>]  list all signal names, or convert one to a name
 -L, --table            list all signal names in a nice table

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see kill(1).
`;

const LONG: Record<string, string> = { list: "l", table: "L", signal: "s", help: "h", version: "V", queue: "q" };

class Exit {
  constructor(readonly code: number) {}
}

/** C strtol_or_err: a whole base-10 number, or the tool's message and exit 1. */
function* numberOrExit(sys: Sys, text: string, what: string): Gen<number> {
  const a0 = sys.argv[0];
  // An empty argument reaches err(3) with the errno setlocale left behind.
  if (text === "") yield* err(sys, `${a0}: ${what}: '': No such file or directory\n`);
  else if (/^\s*[+-]?\d+$/.test(text)) {
    const n = Number(text.trim());
    if (Math.abs(n) <= 2 ** 63 - 1) return n;
    yield* err(sys, `${a0}: ${what}: '${text}': Numerical result out of range\n`);
  } else yield* err(sys, `${a0}: ${what}: '${text}'\n`);
  throw new Exit(1);
}

/** kill(2) as the C program calls it: an invalid signal still finds a missing process first. */
function killOne(sys: Sys, pid: number, signo: number): void {
  // pid_t is 32 bits: the long is truncated.
  const target = pid | 0;
  if (signo !== 0 && !kernelSignal(signo)) {
    sys.kill(target, 0);
    throw new Errno("EINVAL");
  }
  sendSignal(sys, target, signo);
}

function* killMain(sys: Sys): Gen<number> {
  const a0 = sys.argv[0] ?? "kill";
  const name = a0.slice(a0.lastIndexOf("/") + 1);
  const usage = function* (): Gen<number> {
    yield* err(sys, USAGE(name));
    return 1;
  };
  if (sys.argv.length < 2) return yield* usage();
  const argv = [...sys.argv];
  let signo = takeSignalOption(argv);
  if (signo < 0) signo = 15;
  const operands: string[] = [];
  try {
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i];
      if (a === "--") {
        operands.push(...argv.slice(i + 1));
        break;
      }
      if (!a.startsWith("-") || a === "-") {
        operands.push(a);
        continue;
      }
      // Each option: [letter, inline argument or undefined, "long" when spelled --name].
      const opts: [string, string | undefined, boolean][] = [];
      if (a.startsWith("--")) {
        const eq = a.indexOf("=");
        const lname = eq < 0 ? a.slice(2) : a.slice(2, eq);
        const hits = Object.keys(LONG).filter((k) => k.startsWith(lname));
        const key = hits.includes(lname) ? lname : hits.length === 1 ? hits[0] : undefined;
        // getopt_long's '?' for an unknown long option has optopt 0: the message prints a NUL.
        if (!key) {
          yield* err(sys, `${a0}: invalid argument \0\n`);
          return yield* usage();
        }
        opts.push([LONG[key], eq < 0 ? undefined : a.slice(eq + 1), true]);
      } else {
        for (let j = 1; j < a.length; j++) {
          const c = a[j];
          if (c === "l" || c === "s" || c === "q") {
            opts.push([c, j + 1 < a.length ? a.slice(j + 1) : undefined, false]);
            break;
          }
          opts.push([c, undefined, false]);
        }
      }
      for (const [c, inline, isLong] of opts) {
        let arg = inline;
        if ((c === "s" || c === "q") && arg === undefined) {
          arg = argv[++i];
          if (arg === undefined) {
            if (isLong) {
              yield* err(sys, `${a0}: invalid argument \0\n`);
              return yield* usage();
            }
            yield* err(sys, `${a0}: invalid argument ${c}\n`);
            return yield* usage();
          }
        }
        switch (c) {
          case "l": {
            const next = argv[i + 1];
            const sig = arg ?? (next !== undefined && !next.startsWith("-") ? next : undefined);
            if (sig === undefined) yield* out(sys, unixSignalList());
            else {
              const conv = strtosig(sig);
              if (conv !== null) yield* out(sys, `${conv}\n`);
              else yield* err(sys, `${a0}: unknown signal name ${sig}\n`);
            }
            return 0;
          }
          case "L":
            yield* out(sys, prettySignalTable());
            return 0;
          case "s":
            signo = signalNameToNumber(arg!);
            break;
          case "h":
            yield* out(sys, USAGE(name));
            return 0;
          case "V":
            return yield* versionOut(sys, name);
          case "q":
            // sigqueue(3) delivers like kill(2) here; the value only has to be a number.
            yield* numberOrExit(sys, arg!, "must be an integer value to be passed with the signal.");
            break;
          default:
            if (/\d/.test(c)) {
              // "-9" after the signal was taken: a negative single-digit pid (its status inverted, as in procps).
              try {
                killOne(sys, -Number(c), signo);
                return 1;
              } catch {
                return 0;
              }
            }
            yield* err(sys, `${a0}: invalid argument ${c}\n`);
            return yield* usage();
        }
      }
    }
    if (operands.length < 1) return yield* usage();
    let status = 0;
    for (const text of operands) {
      const pid = yield* numberOrExit(sys, text, "failed to parse argument");
      try {
        killOne(sys, pid, signo);
      } catch (e) {
        yield* err(sys, `${a0}: (${pid}): ${asErrno(e).message}\n`);
        status = 1;
      }
    }
    return status;
  } catch (e) {
    if (e instanceof Exit) return e.code;
    throw e;
  }
}

export const procpsKill: ProgramDef = { name: "procps:kill", main: killMain };
