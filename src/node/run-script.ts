/** Running a script on a host as the headless runner does (src/node/main.ts). */
import { endInput, exitStatus, feedInput, type Kernel, openInput, openSink, run, spawn } from "../kernel";
import { signalNumber } from "../kernel/proc/signals";
import { HOST_ENV } from "../session/host";

export interface ScriptIo {
  out: (bytes: string) => void;
  err: (bytes: string) => void;
  paced?: boolean;
}

export interface ScriptResult {
  /** The shell's exit status (128+N when a signal ended it). */
  status: number;
  /** Why it did not finish, when it did not (nothing could make progress). */
  stuck?: string;
}

/**
 * Runs the shell (as argv) with captured stdio until it exits; returns the shell-style exit status.
 * With `io.paced`, input is given a line at a time, as typed at a terminal: each line only once
 * someone reads the input and everything else has settled (a container just started is serving
 * before the next line runs, as it is by the time a person types it).
 */
export function runScript(k: Kernel, argv: string[], stdin: string, io: ScriptIo): ScriptResult {
  const input = openInput(k);
  const out = openSink(k, io.out);
  const err = openSink(k, io.err);
  const pid = spawn(k, { path: "/bin/sh", argv, env: HOST_ENV, cwd: "/root", stdio: [input.file, out, err] });
  const exited = () => exitStatus(k, pid) !== undefined;
  const inputChan = `pipe:${input.pipe}`;
  const readerWaits = () =>
    k.runQueue.length === 0 && k.hungry.size === 0 && Object.values(k.w.procs).some((p) => p.state !== "Z" && p.wait?.kind === "chan" && p.wait.chan === inputChan);
  const lines = io.paced ? (stdin.match(/[^\n]*\n|[^\n]+$/g) ?? []) : [stdin];
  let fed = 0;
  for (; fed < lines.length && io.paced; fed++) {
    // Nobody reads and nothing can go on (a command waits for ever): the rest goes in at once.
    if (run(k, { until: () => exited() || readerWaits() }) !== "done" || exited()) break;
    feedInput(k, input.pipe, lines[fed]);
  }
  feedInput(k, input.pipe, lines.slice(fed).join(""));
  endInput(k, input.pipe);
  const state = run(k, { until: exited });
  const st = exitStatus(k, pid);
  if (!st) return { status: 1, stuck: state };
  return { status: st.signal ? 128 + signalNumber(st.signal) : (st.code ?? 0) };
}

