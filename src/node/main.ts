/**
 * The headless runner: the same simulated host, in your own terminal.
 *   npm run sandbox                     interactive shell (REPL) when stdin is a terminal
 *   npm run -s sandbox -- -c 'CMDS'     run a command line on a fresh host, exit with its status
 *   npm run -s sandbox < script.sh      run each line as if typed at the host prompt
 * Output is written byte for byte; the clock jumps over idle time except in the REPL.
 */
import { runScript, type ScriptResult } from "./run-script";
import { bootSandboxHost } from "../session/host";
import { Sandbox } from "../session/sandbox";
import { loadHelpTexts } from "../cli/flags/help";
import { loadBashHelp } from "../shell/builtins/help";

const USAGE = `Usage: npm run sandbox [-- -c 'COMMANDS' [ARG...]]
  (no arguments)  interactive shell when stdin is a terminal, else run stdin as a script
  -c COMMANDS     run COMMANDS with /bin/sh -c on a fresh host
  --seed N        seed of the machine's random numbers (default 1)
`;

function writeBytes(stream: NodeJS.WriteStream, bytes: string) {
  stream.write(Buffer.from(bytes, "latin1"));
}

const stdout = (b: string) => writeBytes(process.stdout, b);
const stderr = (b: string) => writeBytes(process.stderr, b);

/** The exit status of a script run, saying so when it could not finish. */
function report(r: ScriptResult): number {
  if (r.stuck) process.stderr.write(`sandbox: the command is still running but nothing can make progress (${r.stuck})\n`);
  return r.status;
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on("data", (c: Buffer) => chunks.push(c));
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("latin1")));
    process.stdin.on("error", reject);
  });
}

function repl(seed: number) {
  const cols = process.stdout.columns ?? 80;
  const rows = process.stdout.rows ?? 24;
  const sandbox = Sandbox.create({ seed, rows, cols });
  sandbox.onOutput((bytes) => process.stdout.write(bytes));
  process.stdin.setRawMode(true);
  process.stdin.resume();
  let last = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const pump = () => {
    const now = performance.now();
    const { busy, wakeInMs } = sandbox.tick(now - last);
    last = now;
    clearTimeout(timer);
    timer = setTimeout(pump, busy ? 0 : Math.min(wakeInMs ?? 1000, 1000));
  };
  process.stdin.on("data", (data: Buffer) => {
    sandbox.input(data.toString("utf8"));
    pump();
  });
  process.stdout.on("resize", () => sandbox.resize(process.stdout.rows ?? 24, process.stdout.columns ?? 80));
  const shellAtStart = sandbox.shell;
  const watch = setInterval(() => {
    if (sandbox.shell !== shellAtStart) {
      // The shell exited (exit or Ctrl-D): leave, as a terminal would close.
      process.stdin.setRawMode(false);
      clearInterval(watch);
      process.exit(0);
    }
  }, 50);
  pump();
}

async function main() {
  await Promise.all([loadHelpTexts(), loadBashHelp()]);
  const args = process.argv.slice(2);
  let seed = 1;
  const seedAt = args.indexOf("--seed");
  if (seedAt >= 0) {
    seed = Number(args[seedAt + 1]);
    args.splice(seedAt, 2);
  }
  if (args[0] === "-h" || args[0] === "--help") {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args[0] === "-c") {
    if (args.length < 2) {
      process.stderr.write(`sandbox: -c: option requires an argument\n${USAGE}`);
      return 2;
    }
    const stdin = process.stdin.isTTY ? "" : await readStdin();
    return report(runScript(bootSandboxHost(seed), ["sh", "-c", ...args.slice(1)], stdin, { out: stdout, err: stderr }));
  }
  if (args.length > 0) {
    process.stderr.write(`sandbox: unknown argument: ${args[0]}\n${USAGE}`);
    return 2;
  }
  if (process.stdin.isTTY) {
    repl(seed);
    return undefined;
  }
  const script = await readStdin();
  return report(runScript(bootSandboxHost(seed), ["sh"], script, { out: stdout, err: stderr, paced: true }));
}

main().then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`sandbox: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 70;
  },
);
