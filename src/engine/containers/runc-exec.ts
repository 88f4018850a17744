/**
 * The last step of starting a container's process: the execve itself. It comes after runc init has
 * told its parent that all went well and closed the sync pipe, so a binary the kernel refuses there
 * (one built for another machine: ENOEXEC) is reported by the process itself on its stderr. runc
 * 1.2 (docker 28) prints the Go error and exits 255 (libcontainer/init_linux.go Init; 1.1 exited
 * 1); docker-init (tini) prints its FATAL line and exits 1.
 */
import { Errno, type Gen, type Sys } from "../../kernel";

/** Go's text of a syscall error: strerror with a lowercase first letter ("exec format error"). */
function goErrnoText(e: Errno): string {
  return e.message.charAt(0).toLowerCase() + e.message.slice(1);
}

/** runc's system.Exec: on failure "exec /bin/uname: exec format error" and status 255. */
export function* runcExec(sys: Sys, path: string, argv: string[], env: Record<string, string>): Gen<number> {
  try {
    return sys.exec(path, argv, env);
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
    yield* sys.write(2, `exec ${path}: ${goErrnoText(e)}\n`);
    return 255;
  }
}

/** tini's child: execvp(argv[0]); on failure "[FATAL tini (7)] exec uname failed: Exec format error". */
export function* tiniExec(sys: Sys, path: string, argv: string[], env: Record<string, string>): Gen<number> {
  try {
    return sys.exec(path, argv, env);
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
    yield* sys.write(2, `[FATAL tini (${sys.getpid()})] exec ${argv[0] ?? path} failed: ${e.message}\n`);
    return e.code === "ENOENT" ? 127 : e.code === "EACCES" ? 126 : 1;
  }
}
