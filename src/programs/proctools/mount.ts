/**
 * mount: busybox 1.35 (util-linux/mount.c). Without operands it lists /proc/mounts (filtered by
 * -t); with one operand it looks the entry up in /etc/fstab (or /proc/mounts for a remount); with
 * two it mounts. -o words it knows become mount flags, the rest is passed as filesystem data.
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { asErrno, out, warn } from "../lib/io";
import { type MountEntry, readMountTable } from "./mounttab";

const USAGE =
  "mount [OPTIONS] [-o OPT] DEVICE NODE\n\nMount a filesystem. Filesystem autodetection requires /proc.\n\n\t-a\t\tMount all filesystems in fstab\n\t-f\t\tDry run\n\t-i\t\tDon't run mount helper\n\t-r\t\tRead-only mount\n\t-t FSTYPE[,...]\tFilesystem type(s)\n\t-T FILE\t\tRead FILE instead of /etc/fstab\n\t-O OPT\t\tMount only filesystems with option OPT (-a only)\n-o OPT:\n\tloop\t\tIgnored (loop devices are autodetected)\n\t[a]sync\t\tWrites are [a]synchronous\n\t[no]atime\tDisable/enable updates to inode access times\n\t[no]diratime\tDisable/enable atime updates to directories\n\t[no]relatime\tDisable/enable atime updates relative to modification time\n\t[no]dev\t\t(Dis)allow use of special device files\n\t[no]exec\t(Dis)allow use of executable files\n\t[no]suid\t(Dis)allow set-user-id-root programs\n\t[r]shared\tConvert [recursively] to a shared subtree\n\t[r]slave\tConvert [recursively] to a slave subtree\n\t[r]private\tConvert [recursively] to a private subtree\n\t[un]bindable\tMake mount point [un]able to be bind mounted\n\t[r]bind\t\tBind a file or directory [recursively] to another location\n\tmove\t\tRelocate an existing mount point\n\tremount\t\tRemount a mounted filesystem, changing flags\n\tro\t\tSame as -r\n\nThere are filesystem-specific -o flags.";

/** -o words busybox turns into flags: word -> [flag to set, flag it clears]. */
const FLAG_WORDS: Record<string, [string | null, string | null]> = {
  ro: ["ro", null],
  rw: [null, "ro"],
  nosuid: ["nosuid", null],
  suid: [null, "nosuid"],
  nodev: ["nodev", null],
  dev: [null, "nodev"],
  noexec: ["noexec", null],
  exec: [null, "noexec"],
  sync: ["sync", null],
  async: [null, "sync"],
  dirsync: ["dirsync", null],
  remount: ["remount", null],
  bind: ["bind", null],
  rbind: ["rbind", null],
  move: ["move", null],
  noatime: ["noatime", null],
  atime: [null, "noatime"],
  nodiratime: ["nodiratime", null],
  diratime: [null, "nodiratime"],
  relatime: ["relatime", null],
  norelatime: [null, "relatime"],
  strictatime: ["strictatime", null],
  mand: ["mand", null],
  nomand: [null, "mand"],
  shared: ["shared", null],
  rshared: ["rshared", null],
  slave: ["slave", null],
  rslave: ["rslave", null],
  private: ["private", null],
  rprivate: ["rprivate", null],
  unbindable: ["unbindable", null],
  runbindable: ["runbindable", null],
};
/** Words that mean nothing to the kernel (fstab bookkeeping). */
const IGNORED = new Set(["defaults", "noauto", "auto", "sw", "swap", "user", "users", "nouser", "nofail", "_netdev", "loop", "owner", "group", "comment"]);

export function parseMountOptions(opts: string[]): { flags: string[]; data: string } {
  const flags = new Set<string>();
  const data: string[] = [];
  for (const word of opts.join(",").split(",")) {
    if (word === "") continue;
    const f = FLAG_WORDS[word];
    if (f) {
      if (f[0]) flags.add(f[0]);
      if (f[1]) flags.delete(f[1]);
    } else if (!IGNORED.has(word) && !word.startsWith("comment=") && !word.startsWith("x-")) data.push(word);
  }
  return { flags: [...flags], data: data.join(",") };
}

function* listMounts(sys: Sys, fstype: string | undefined): Gen<number> {
  let table: MountEntry[];
  try {
    table = readMountTable(sys);
  } catch {
    yield* warn(sys, "no /proc/mounts");
    return 1;
  }
  let text = "";
  for (const m of table) if (!fstype || m.type === fstype) text += `${m.fsname} on ${m.dir} type ${m.type} (${m.opts})\n`;
  yield* out(sys, text);
  return 0;
}

/** singlemount(): one mount(2), trying the disk filesystems when no type is given. */
function* singleMount(sys: Sys, source: string, dir: string, fstype: string | undefined, opts: string[]): Gen<number> {
  const { flags, data } = parseMountOptions(opts);
  const attempt = (type: string) => sys.mount(source, dir, type, { flags, data });
  try {
    if (flags.includes("bind") || flags.includes("rbind") || flags.includes("remount") || flags.includes("move") || fstype) {
      attempt(fstype ?? "");
    } else {
      // Autodetection: a missing source fails as such; otherwise each disk filesystem is tried.
      sys.stat(source);
      let last: Errno = new Errno("EINVAL");
      let done = false;
      for (const t of diskFilesystems(sys)) {
        try {
          attempt(t);
          done = true;
          break;
        } catch (e) {
          last = asErrno(e);
        }
      }
      if (!done) throw last;
    }
  } catch (e) {
    // Without CAP_SYS_ADMIN mount(2) says EPERM, which busybox words as below.
    if (asErrno(e).code === "EPERM") {
      yield* warn(sys, "permission denied (are you root?)");
      return 1;
    }
    yield* warn(sys, `mounting ${source} on ${dir} failed: ${asErrno(e).message}`);
    return 255;
  }
  return 0;
}

/** Filesystems of /proc/filesystems that need a device (not marked nodev). */
function diskFilesystems(sys: Sys): string[] {
  try {
    return sys
      .readFile("/proc/filesystems")
      .split("\n")
      .filter((l) => l.startsWith("\t"))
      .map((l) => l.trim());
  } catch {
    return [];
  }
}

function* mountMain(sys: Sys): Gen<number> {
  let parsed: ReturnType<typeof getopt>;
  try {
    parsed = getopt(sys.argv, {
      flags: "rwafnivs",
      withArg: "otTO",
      long: { bind: { short: "B" }, rbind: { short: "R" }, move: { short: "M" } },
    });
  } catch (e) {
    if (e instanceof OptError) return yield* usageError(sys, USAGE, e.message);
    throw e;
  }
  const opts = [...(parsed.args.o ?? [])];
  if (parsed.flags.r) opts.push("ro");
  if (parsed.flags.w) opts.push("rw");
  if (parsed.flags.B) opts.push("bind");
  if (parsed.flags.R) opts.push("rbind");
  if (parsed.flags.M) opts.push("move");
  const fstype = parsed.args.t?.at(-1);
  const operands = parsed.operands;
  if (operands.length === 0 && !parsed.flags.a) return yield* listMounts(sys, fstype);
  if (operands.length > 2) return yield* usageError(sys, USAGE);
  if (sys.geteuid() !== 0) {
    yield* warn(sys, "you must be root");
    return 1;
  }
  if (operands.length === 2) return yield* singleMount(sys, operands[0], operands[1], fstype, opts);

  const { flags } = parseMountOptions(opts);
  const remount = flags.includes("remount");
  const tabName = remount ? "/proc/mounts" : "/etc/fstab";
  let table: MountEntry[];
  try {
    table = readMountTable(sys, tabName);
  } catch (e) {
    yield* warn(sys, `can't read '${tabName}': ${asErrno(e).message}`);
    return 1;
  }
  if (parsed.flags.a) {
    let rc = 0;
    for (const m of table) {
      if (m.opts.split(",").includes("noauto") || m.type === "swap") continue;
      if (readMountTable(sys).some((x) => x.dir === m.dir)) continue;
      if ((yield* singleMount(sys, m.fsname, m.dir, m.type, [m.opts, ...opts])) !== 0) rc = 255;
    }
    return rc;
  }
  const want = operands[0].length > 1 ? operands[0].replace(/\/+$/, "") : operands[0];
  const entry = table.filter((m) => m.dir === want || m.fsname === want).at(-1);
  if (!entry) {
    yield* warn(sys, `can't find ${operands[0]} in ${tabName}`);
    return 1;
  }
  return yield* singleMount(sys, entry.fsname, entry.dir, remount ? fstype : (fstype ?? entry.type), [entry.opts, ...opts]);
}

export const mount: ProgramDef = { name: "mount", main: mountMain };
