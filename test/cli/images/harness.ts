/** A sandbox host with dockerd, and `docker ...` run on it through the real entry point. */
import type { Kernel } from "../../../src/kernel";
import { bootSandboxHost } from "../../../src/session/host";
import { run, type RunOptions, type RunResult } from "../../helpers/host";

export function dockerHost(): Kernel {
  return bootSandboxHost();
}

export function docker(k: Kernel, args: string[], opts: RunOptions = {}): RunResult {
  return run(k, ["docker", ...args], opts);
}
