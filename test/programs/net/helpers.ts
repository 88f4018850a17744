/** Servers started in the background on a test host, with their output captured. */
import type { Kernel } from "../../../src/kernel";
import { openInput, openSink, run as runKernel, spawn } from "../../../src/kernel";
import { HOST_ENV } from "../../helpers/host";

export interface Background {
  pid: number;
  stdout(): string;
  stderr(): string;
}

/** Starts a command (absolute path) like `cmd &` and runs the machine until it waits. */
export function background(k: Kernel, argv: string[], env: Record<string, string> = {}): Background {
  let stdout = "";
  let stderr = "";
  const input = openInput(k);
  const out = openSink(k, (b) => {
    stdout += b;
  });
  const err = openSink(k, (b) => {
    stderr += b;
  });
  const pid = spawn(k, { path: argv[0], argv, env: { ...HOST_ENV, ...env }, cwd: "/root", stdio: [input.file, out, err] });
  settle(k);
  return { pid, stdout: () => stdout, stderr: () => stderr };
}

/** Lets everything runnable run (the clock may move up to `ms` ahead). */
export function settle(k: Kernel, ms = 100) {
  runKernel(k, { maxUptime: k.w.clock.nowUsec + ms * 1000 });
}
