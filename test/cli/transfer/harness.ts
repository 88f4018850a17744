/** A sandbox host with dockerd and busybox pulled; `docker ...` through the real entry point. */
import { loadHelpTexts } from "../../../src/cli/flags/help";
import type { Kernel } from "../../../src/kernel";
import { readTar } from "../../../src/engine/images/tar";
import { bootSandboxHost } from "../../../src/session/host";
import { run, type RunOptions, type RunResult, sh } from "../../helpers/host";

export async function busyboxHost(): Promise<Kernel> {
  await loadHelpTexts();
  const k = bootSandboxHost();
  run(k, ["docker", "pull", "-q", "busybox"]);
  return k;
}

export function docker(k: Kernel, args: string[], opts: RunOptions = {}): RunResult {
  return run(k, ["docker", ...args], opts);
}

export { sh };

/** Member names of a tar archive (the sandbox has no tar program; our reader stands in for `tar -t`). */
export function tarNames(bytes: string): string[] {
  return readTar(bytes).map((m) => m.name);
}

export const ok = (stdout = "") => ({ stdout, stderr: "", code: 0 });
export const fail = (stderr: string, code = 1) => ({ stdout: "", stderr, code });
