/** A child process with its output captured, a time limit, and stdin given as bytes. */
import { spawn } from "node:child_process";

export interface Captured {
  stdout: string;
  stderr: string;
  status: number | "timeout" | string;
}

export function runCaptured(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; stdin?: string; timeoutMs: number },
): Promise<Captured> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, opts.timeoutMs);
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.stdin.on("error", () => {});
    child.stdin.end(opts.stdin === undefined ? undefined : Buffer.from(opts.stdin, "latin1"));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(out).toString("latin1"),
        stderr: Buffer.concat(err).toString("latin1"),
        status: timedOut ? "timeout" : (code ?? `signal ${signal}`),
      });
    });
  });
}
