/**
 * What execve() runs for a path: a simulated program (a binary whose inode names it, or whose data
 * carries the stand-in header), or a script through its "#!" interpreter.
 */
import type { ProgramDef } from "./api";
import { Errno } from "./errno";
import type { Kernel } from "./kernel";
import type { Loc, Process } from "./world";
import { walkerOf } from "./fs/mount";
import { type BinaryArch, progParts } from "./fs/entries";

/** `uname -m` of the machine each binary architecture runs on. */
const UNAME_MACHINE: Record<BinaryArch, string> = { amd64: "x86_64", arm64: "aarch64" };

const STAND_IN = /^\x7fELF[\s\S]{16,40}? simulated program: ([^\n]+)\n/;

export interface ExecTarget {
  prog: ProgramDef;
  path: string;
  argv: string[];
  /** The binary's set-user-ID / set-group-ID bits (not on a nosuid mount): the ids it runs as. */
  setid?: SetId;
}

export interface SetId {
  uid?: number;
  gid?: number;
}

/** What a binary's mode bits ask execve to change (scripts' bits are ignored, as on Linux). */
function setIdOf(st: { mode: number; uid: number; gid: number }, nosuid: boolean): SetId | undefined {
  if (nosuid || (st.mode & 0o6000) === 0) return undefined;
  const id: SetId = {};
  if (st.mode & 0o4000) id.uid = st.uid;
  // Set-group-ID without group execute marks mandatory locking, not a set-id program.
  if (st.mode & 0o2000 && st.mode & 0o010) id.gid = st.gid;
  return id.uid === undefined && id.gid === undefined ? undefined : id;
}

/** The program a binary at `loc` runs, if it is one of ours. */
function programOf(k: Kernel, loc: Loc): string | undefined {
  const sb = k.vfs.sb(loc.fs);
  const drv = k.driver(sb);
  const viaInode = drv.progOf?.(k, sb, loc.node);
  if (viaInode !== undefined) return viaInode;
  return STAND_IN.exec(drv.read(k, sb, loc.node).slice(0, 128))?.[1];
}

export function resolveExec(k: Kernel, p: Process, path: string, argv: string[], cwd?: string, depth = 0): ExecTarget {
  if (path === "") throw new Errno("ENOENT");
  const w = walkerOf(p);
  const walker = cwd !== undefined && !path.startsWith("/") ? { ...w, cwd: k.vfs.walk(w, cwd, true) } : w;
  const loc = k.vfs.walk(walker, path, true);
  const st = k.vfs.stat(loc);
  if (st.type !== "file") throw new Errno("EACCES");
  if (!k.vfs.permitted(w.cred, st, 1)) throw new Errno("EACCES");
  const options = k.w.mounts[loc.mnt]?.options;
  if (options?.includes("noexec")) throw new Errno("EACCES");
  const ref = programOf(k, loc);
  if (ref !== undefined) {
    // A binary for another machine: the kernel has no loader for it (no binfmt_misc/qemu).
    const { prog: name, arch } = progParts(ref);
    if (UNAME_MACHINE[arch] !== k.w.config.machine) throw new Errno("ENOEXEC");
    // A real binary whose program the sandbox does not simulate: say so, rather than letting a
    // shell run its bytes as a script (what ENOEXEC would make it do).
    const setid = setIdOf(st, !!options?.includes("nosuid"));
    return { prog: k.programs.get(name) ?? notSimulated(name), path, argv, ...(setid ? { setid } : {}) };
  }
  const head = k.vfs.drv(loc.fs).read(k, k.vfs.sb(loc.fs), loc.node).slice(0, 256);
  if (!head.startsWith("#!")) throw new Errno("ENOEXEC");
  if (depth >= 4) throw new Errno("ELOOP");
  const line = head.slice(2).split("\n")[0].trim();
  const sp = line.search(/[ \t]/);
  const interp = sp < 0 ? line : line.slice(0, sp);
  const arg = sp < 0 ? "" : line.slice(sp).trim();
  if (interp === "") throw new Errno("ENOEXEC");
  const next = [interp, ...(arg ? [arg] : []), path, ...argv.slice(1)];
  return resolveExec(k, p, interp, next, cwd, depth + 1);
}

/** Stands in for a binary whose program is not simulated: a clear message, exit status 127. */
function notSimulated(name: string): ProgramDef {
  return {
    name,
    *main(sys) {
      const a0 = sys.argv[0] ?? name;
      yield* sys.write(2, `${a0}: this program is not simulated in Container Sandbox\n`);
      return 127;
    },
  };
}
