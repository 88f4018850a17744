/** Shared by the image tests: a sandbox host with dockerd, and docker commands on it. */
import type { Kernel } from "../../src/kernel";
import { type RunResult, run, terminal } from "../helpers/host";

export function docker(k: Kernel, ...args: string[]): RunResult {
  return run(k, ["docker", ...args]);
}

/** `docker run -it ...` on a terminal: types each line, returns the screen with "\n" line ends. */
export function interactive(k: Kernel, args: string[], lines: string[]): string {
  const t = terminal(k, ["/usr/bin/docker", "run", "-it", "--rm", ...args]);
  for (const l of lines) t.type(`${l}\n`);
  return t.output().replace(/\r\n/g, "\n");
}
