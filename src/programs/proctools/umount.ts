/**
 * umount: busybox 1.35 (util-linux/umount.c). Each operand is resolved to its real path and
 * matched against /proc/mounts (by directory or device); -l detaches lazily, -a unmounts
 * everything listed (last first), -t limits -a to some filesystem types.
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { asErrno, warn } from "../lib/io";
import { type MountEntry, readMountTable } from "./mounttab";

const USAGE =
  "umount [-rlfda] [-t FSTYPE] FILESYSTEM|DIRECTORY\n\nUnmount filesystems\n\n\t-a\tUnmount all filesystems\n\t-r\tRemount devices read-only if mount is busy\n\t-l\tLazy umount (detach filesystem)\n\t-f\tForce umount (i.e., unreachable NFS server)\n\t-d\tFree loop device if it has been used\n\t-t FSTYPE[,...]\tUnmount only these filesystem type(s)";

function* unmountOne(sys: Sys, target: string, lazy: boolean, remountRo: boolean): Gen<boolean> {
  try {
    sys.umount(target, { lazy });
    return true;
  } catch (e) {
    const er = asErrno(e);
    if (er.code === "EBUSY" && remountRo) {
      try {
        sys.mount("", target, "", { flags: ["remount", "ro"] });
        yield* warn(sys, `${target} busy - remounted read-only`);
        return true;
      } catch {
        yield* warn(sys, `can't remount ${target} read-only`);
        return false;
      }
    }
    yield* warn(sys, `can't unmount ${target}: ${er.message}`);
    return false;
  }
}

function* umountMain(sys: Sys): Gen<number> {
  let parsed: ReturnType<typeof getopt>;
  try {
    parsed = getopt(sys.argv, { flags: "fldnrai", withArg: "t" });
  } catch (e) {
    if (e instanceof OptError) return yield* usageError(sys, USAGE, e.message);
    throw e;
  }
  const f = parsed.flags;
  if (parsed.operands.length === 0 && !f.a) return yield* usageError(sys, USAGE);
  let table: MountEntry[] = [];
  try {
    table = readMountTable(sys);
  } catch {
    // no /proc: operands are taken as given
  }
  const types = parsed.args.t?.at(-1)?.split(",");
  let status = 0;
  if (f.a) {
    for (const m of [...table].reverse()) {
      if (types && !types.includes(m.type)) continue;
      if (m.dir === "/") continue;
      if (!(yield* unmountOne(sys, m.dir, !!f.l, !!f.r))) status = 1;
    }
    return status;
  }
  for (const arg of parsed.operands) {
    let path = arg;
    try {
      path = sys.realpath(arg);
    } catch {
      // a vanished mountpoint is still worth trying by name
    }
    const m = table.filter((x) => x.dir === path || x.fsname === path).at(-1);
    if (!(yield* unmountOne(sys, m ? m.dir : path, !!f.l, !!f.r))) status = 1;
  }
  return status;
}

export const umount: ProgramDef = { name: "umount", main: umountMain };
