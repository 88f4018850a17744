/** Running a command found on $PATH (execvp and posix_spawnp rules), as busybox's BB_EXECVP does. */
import type { Sys } from "../../kernel/api";
import { Errno, isErrno } from "../../kernel/errno";

function candidates(sys: Sys, name: string): string[] {
  if (name.includes("/")) return [name];
  const path = sys.env.PATH ?? "/bin:/usr/bin";
  return path.split(":").map((dir) => `${dir || "."}/${name}`);
}

/** Tries each candidate with `attempt`; ENOENT/ENOTDIR move on, EACCES is remembered (execvp rules). */
function search<T>(sys: Sys, name: string, attempt: (path: string) => T): T {
  let denied: Errno | null = null;
  for (const path of candidates(sys, name)) {
    try {
      return attempt(path);
    } catch (e) {
      if (isErrno(e, "ENOENT") || isErrno(e, "ENOTDIR")) continue;
      if (isErrno(e, "EACCES")) {
        denied = e;
        continue;
      }
      throw e;
    }
  }
  throw denied ?? new Errno("ENOENT", "execve");
}

/** Replaces the process with NAME found on PATH; throws Errno if it cannot. */
export function execOnPath(sys: Sys, name: string, argv: string[], env?: Record<string, string>): never {
  return search(sys, name, (path) => sys.exec(path, argv, env));
}

/** Starts NAME (found on PATH) as a child; returns its pid or throws Errno. */
export function spawnOnPath(
  sys: Sys,
  name: string,
  argv: string[],
  opts?: Parameters<Sys["spawn"]>[2],
): number {
  return search(sys, name, (path) => sys.spawn(path, argv, opts));
}

/** busybox's exit status for a command that could not be run: 127 not found, 126 otherwise. */
export function execFailureStatus(e: Errno): number {
  return e.code === "ENOENT" ? 127 : 126;
}
