/**
 * watch: procps-ng 4.0.2 (the host's; busybox images keep busybox's, ../watch.ts). An ncurses
 * screen: "Every N.Ns: COMMAND" at the left of the first line and "HOST: ctime" at its right, a
 * blank line, then COMMAND's output (stdout and stderr) wrapped to the width, tabs expanded; it runs
 * again after each interval and only what changed is redrawn. SIGINT, SIGTERM and SIGHUP leave the
 * screen and exit 0.
 */
import type { Gen, ProgramDef, Sys } from "../../../kernel/api";
import { Errno } from "../../../kernel/errno";
import { execvp } from "../../lib/execvp";
import { asErrno, out } from "../../lib/io";
import { ctime } from "../../sysutils/utmp";
import { terminalSize } from "../procscan";
import { Screen } from "./curses";
import { parseProcps, ProcpsUsage, versionOut } from "./usage";

const USAGE = `
Usage:
 watch [options] command

Options:
  -b, --beep             beep if command has a non-zero exit
  -c, --color            interpret ANSI color and style sequences
  -d, --differences[=<permanent>]
                         highlight changes between updates
  -e, --errexit          exit if command has a non-zero exit
  -g, --chgexit          exit when output from command changes
  -q, --equexit <cycles>
                         exit when output from command does not change
  -n, --interval <secs>  seconds to wait between updates
  -p, --precise          attempt run command in precise intervals
  -t, --no-title         turn off header
  -w, --no-wrap          turn off line wrapping
  -x, --exec             pass command to exec instead of "sh -c"

 -h, --help     display this help and exit
 -v, --version  output version information and exit

For more details see watch(1).
`;

const OPTIONS = [
  { short: "b", long: "beep" },
  { short: "c", long: "color" },
  { short: "d", long: "differences" },
  { short: "e", long: "errexit" },
  { short: "g", long: "chgexit" },
  { short: "q", long: "equexit", arg: true },
  { short: "n", long: "interval", arg: true },
  { short: "p", long: "precise" },
  { short: "t", long: "no-title" },
  { short: "w", long: "no-wrap" },
  { short: "x", long: "exec" },
  { short: "h", long: "help" },
  { short: "v", long: "version" },
];

/** Options this simulation does not draw (highlighting, beeps, exit conditions). */
const NOT_SIMULATED = new Set(["b", "c", "d", "e", "g", "q"]);

/** strtod_nol_or_err(): a decimal number (C locale), else the failure message. */
function parseInterval(text: string): number | undefined {
  const t = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/** run_command()'s layout: output rows of exactly `width` cells from the command's bytes. */
export function layout(output: string, width: number, rows: number, wrap: boolean): string[] {
  const lines: string[] = [];
  let pos = 0;
  let oldEolSeen = true;
  const next = () => (pos < output.length ? output[pos++] : undefined);
  for (let y = 0; y < rows; y++) {
    let row = "";
    let eolSeen = false;
    let tabPending = false;
    // As in C, the last character read stays in c while a tab is being expanded.
    let c: string | undefined = " ";
    for (let x = 0; x < width; x++) {
      if (eolSeen) c = " ";
      else {
        if (!tabPending) {
          do c = next();
          while (c !== undefined && !printable(c) && c !== "\n" && c !== "\t");
        }
        if (c === "\n") {
          if (!oldEolSeen && x === 0) {
            // The previous row wrapped right at the edge: this newline ends it.
            oldEolSeen = true;
            x = -1;
            continue;
          }
          eolSeen = true;
        } else if (c === "\t") tabPending = true;
        if (c === undefined || c === "\n" || c === "\t") {
          if (tabPending && (x + 1) % 8 === 0) tabPending = false;
          row += " ";
          continue;
        }
      }
      row += c;
    }
    if (!wrap && !eolSeen) {
      // Without wrapping the rest of the line is dropped.
      let rest = next();
      while (rest !== undefined && rest !== "\n") rest = next();
      eolSeen = true;
    }
    oldEolSeen = eolSeen;
    lines.push(row);
  }
  return lines;
}

function printable(c: string): boolean {
  const code = c.charCodeAt(0);
  return code >= 0x20 && code !== 0x7f && code < 0x80;
}

/** The header line as output_header() clips it to the width. */
function header(width: number, interval: number, command: string, host: string, time: string): string {
  const left = `Every ${interval.toFixed(1)}s: `;
  // ctime()'s string keeps its newline, which counts in the right part's length.
  const right = `${host}: ${time}\n`;
  const line = Array.from({ length: width }, () => " ");
  const put = (at: number, s: string) => {
    for (let i = 0; i < s.length && at + i < width; i++) if (at + i >= 0 && s[i] !== "\n") line[at + i] = s[i];
  };
  if (width < right.length) return line.join("");
  if (right.length + left.length + 1 <= width) {
    put(0, left);
    if (right.length + left.length + 2 <= width) {
      if (width < right.length + left.length + 4) put(width - right.length - 4, "... ");
      else if (width < right.length + left.length + command.length) {
        put(left.length, command.slice(0, Math.max(0, width - right.length - left.length - 4)));
        put(width - right.length - 4, "... ");
      } else put(left.length, command.slice(0, width - right.length - left.length));
    }
  }
  put(width - right.length + 1, right);
  return line.join("");
}

/** Runs the command with its stdout and stderr into a pipe; returns what it wrote. */
function* runCommand(sys: Sys, argv: string[] | null, command: string): Gen<string> {
  const [r, w] = sys.pipe();
  const pid = sys.fork(function* (child) {
    child.dup2(w, 1);
    child.dup2(w, 2);
    child.close(r);
    child.close(w);
    if (argv === null) return child.exec("/bin/sh", ["sh", "-c", command]);
    try {
      execvp(child, argv[0], argv);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      yield* child.write(2, `watch: unable to execute '${argv[0]}': ${e.message}\n`);
      return 1;
    }
    return 0;
  });
  sys.close(w);
  let output = "";
  for (;;) {
    const chunk = yield* sys.read(r);
    if (chunk === "") break;
    output += chunk;
  }
  sys.close(r);
  yield* sys.wait(pid);
  return output;
}

function* watchMain(sys: Sys): Gen<number> {
  let parsed: ReturnType<typeof parseProcps>;
  try {
    parsed = parseProcps(sys, OPTIONS);
  } catch (e) {
    if (!(e instanceof ProcpsUsage)) throw e;
    yield* sys.write(2, `${e.message}${USAGE}`);
    return 1;
  }
  let title = true;
  let wrap = true;
  let exec = false;
  let interval = 2;
  const fromEnv = sys.env.WATCH_INTERVAL;
  if (fromEnv !== undefined) {
    const v = parseInterval(fromEnv);
    if (v === undefined) {
      yield* sys.write(2, `watch: failed to parse argument: '${fromEnv}': Invalid argument\n`);
      return 1;
    }
    interval = v;
  }
  for (const [o, arg] of parsed.opts) {
    if (o === "h") {
      yield* out(sys, USAGE);
      return 0;
    }
    if (o === "v") return yield* versionOut(sys, "watch");
    if (o === "t") title = false;
    else if (o === "w") wrap = false;
    else if (o === "x") exec = true;
    else if (o === "n") {
      const v = parseInterval(arg ?? "");
      if (v === undefined) {
        yield* sys.write(2, `watch: failed to parse argument: '${arg}': Invalid argument\n`);
        return 1;
      }
      interval = v;
    } else if (NOT_SIMULATED.has(o)) {
      yield* sys.write(2, `watch: -${o} is not simulated in this sandbox\n`);
      return 1;
    }
  }
  if (parsed.operands.length === 0) {
    yield* sys.write(2, USAGE);
    return 1;
  }
  interval = Math.min(Math.max(interval, 0.1), 4294967295);
  const term = sys.env.TERM ?? "";
  if (!/^(xterm|screen|tmux|linux|vt1|vt2|rxvt)/.test(term)) {
    yield* sys.write(2, `Error opening terminal: ${term || "unknown"}.\n`);
    return 1;
  }
  const command = parsed.operands.join(" ");
  const argv = exec ? parsed.operands : null;
  let host = "";
  try {
    host = sys.uname().nodename;
  } catch {
    host = "";
  }

  let stop = false;
  const leave = () => {
    stop = true;
  };
  for (const sig of ["INT", "TERM", "HUP"] as const) sys.signal(sig, leave);

  let size = terminalSize(sys, 2);
  let screen = new Screen(size.rows, size.cols);
  yield* out(sys, screen.enter());
  let clear = true;
  while (!stop) {
    const now = terminalSize(sys, 2);
    if (now.rows !== size.rows || now.cols !== size.cols) {
      size = now;
      screen = new Screen(size.rows, size.cols);
      clear = true;
    }
    const top = title ? [header(size.cols, interval, command, host, ctime(Math.floor(sys.now() / 1e6))), " ".repeat(size.cols)] : [];
    let output = "";
    try {
      output = yield* runCommand(sys, argv, command);
    } catch (e) {
      if (stop) break;
      if (asErrno(e).code !== "EINTR") throw e;
    }
    if (stop) break;
    const lines = [...top, ...layout(output, size.cols, size.rows - top.length, wrap)];
    yield* out(sys, screen.update(lines, size.rows - 1, size.cols - 1, clear));
    clear = false;
    try {
      yield* sys.sleep(interval * 1000);
    } catch (e) {
      if (asErrno(e).code !== "EINTR") throw e;
    }
  }
  yield* out(sys, screen.leave());
  return 0;
}

export const procpsWatch: ProgramDef = { name: "procps:watch", main: watchMain };
