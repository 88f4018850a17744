/**
 * Test helpers: a freshly booted host, and running a command on it to completion with its output
 * captured — the same path the headless runner takes.
 */
import {
  bootHost,
  exitStatus,
  Kernel,
  openInput,
  openSink,
  openTty,
  type ProgramDef,
  feedInput,
  endInput,
  run as runKernel,
  spawn,
  typeInto,
} from "../../src/kernel";
import { signalNumber } from "../../src/kernel/proc/signals";
import { benchBinaries, programs } from "../../src/programs/registry";
import { HOST_ENV } from "../../src/session/host";

export { HOST_ENV };

export interface HostOptions {
  /** Extra programs for the test, installed at /usr/bin/NAME. */
  extra?: ProgramDef[];
  seed?: number;
}

export function newHost(opts: HostOptions = {}): Kernel {
  const extra = new Map((opts.extra ?? []).map((p) => [p.name, p]));
  // The test host also has the image-only programs (servers), to try them without a container.
  const binaries = benchBinaries({ withImagePrograms: true });
  for (const p of extra.values()) binaries[`/usr/bin/${p.name}`] = p.name;
  return bootHost({
    programs: { get: (n) => extra.get(n) ?? programs.get(n) },
    binaries,
    seed: opts.seed,
  });
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface RunOptions {
  stdin?: string;
  cwd?: string;
  env?: Record<string, string>;
  uid?: number;
  gid?: number;
}

/** Finds argv[0] on PATH the way a shell would (absolute and relative paths are taken as given). */
function findOnPath(k: Kernel, name: string, path: string): string {
  if (name.includes("/")) return name;
  for (const dir of path.split(":")) {
    const candidate = `${dir}/${name}`;
    // In a transaction that does not throw: a look may make pending entries, which must stay made.
    const w = { root: k.w.procs[1].root, cwd: k.w.procs[1].root, cred: { uid: 0, gid: 0, groups: [] } };
    if (k.transact(() => k.vfs.tryWalk(w, candidate, true)) !== null) return candidate;
  }
  return name;
}

/** Runs a command to completion (the clock jumps over sleeps) and returns its output and status. */
export function run(k: Kernel, argv: string[], opts: RunOptions = {}): RunResult {
  let stdout = "";
  let stderr = "";
  const env = { ...HOST_ENV, ...opts.env };
  const input = openInput(k);
  const out = openSink(k, (b) => {
    stdout += b;
  });
  const err = openSink(k, (b) => {
    stderr += b;
  });
  if (opts.stdin) feedInput(k, input.pipe, opts.stdin);
  endInput(k, input.pipe);
  const pid = spawn(k, {
    path: findOnPath(k, argv[0], env.PATH),
    argv,
    env,
    cwd: opts.cwd ?? "/root",
    stdio: [input.file, out, err],
    uid: opts.uid,
    gid: opts.gid,
  });
  runKernel(k, { until: () => exitStatus(k, pid) !== undefined });
  const st = exitStatus(k, pid);
  if (!st) throw new Error(`${argv.join(" ")}: still running (waiting on input or a deadlock)`);
  return { stdout, stderr, code: st.signal ? 128 + signalNumber(st.signal) : (st.code ?? 0) };
}

/** Runs a script with /bin/sh -c. */
export function sh(k: Kernel, script: string, opts: RunOptions = {}): RunResult {
  return run(k, ["/bin/sh", "-c", script], opts);
}

/** A terminal with a program on it: type keys, read what the screen received. */
export interface Terminal {
  tty: number;
  pid: number;
  /** Everything written to the terminal so far (with \r\n line ends, escape sequences kept). */
  output(): string;
  type(keys: string): void;
  /** Runs the machine until everything waits (clock jumps over sleeps up to `maxUsec` ahead). */
  settle(maxUsec?: number): void;
}

export function terminal(k: Kernel, argv: string[] = ["/bin/sh", "-i"], env: Record<string, string> = {}): Terminal {
  let screen = "";
  const tty = openTty(k, (b) => {
    screen += b;
  });
  const pid = spawn(k, { argv, env: { ...HOST_ENV, TERM: "xterm", ...env }, cwd: "/root", tty });
  const t: Terminal = {
    tty,
    pid,
    output: () => screen,
    type: (keys) => {
      typeInto(k, tty, keys);
      t.settle();
    },
    settle: (maxUsec = 60_000_000) => {
      runKernel(k, { maxUptime: k.w.clock.nowUsec + maxUsec });
    },
  };
  t.settle();
  return t;
}
