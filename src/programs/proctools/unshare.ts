/**
 * unshare: util-linux 2.38 (Debian 12). unshare(2) the asked namespaces, fork if asked (then the
 * child is PID 1 of a new pid namespace), map the user to root with -r, mount a fresh proc with
 * --mount-proc (in the child, so it shows the new pid namespace), then exec PROG or the shell.
 */
import type { Gen, NsType, ProgramDef, Sys } from "../../kernel/api";
import { getopt, OptError } from "../lib/getopt";
import { asErrno, out } from "../lib/io";
import { AccountNames } from "../lib/users";
import { signum } from "./signames";
import { execCommand, exitLikeChild, tryHelp, utilErr } from "./utillinux";

const HELP = `
Usage:
 unshare [options] [<program> [<argument>...]]

Run a program with some namespaces unshared from the parent.

Options:
 -m, --mount[=<file>]      unshare mounts namespace
 -u, --uts[=<file>]        unshare UTS namespace (hostname etc)
 -i, --ipc[=<file>]        unshare System V IPC namespace
 -n, --net[=<file>]        unshare network namespace
 -p, --pid[=<file>]        unshare pid namespace
 -U, --user[=<file>]       unshare user namespace
 -C, --cgroup[=<file>]     unshare cgroup namespace
 -T, --time[=<file>]       unshare time namespace

 -f, --fork                fork before launching <program>
 --map-user=<uid>|<name>   map current user to uid (implies --user)
 --map-group=<gid>|<name>  map current group to gid (implies --user)
 -r, --map-root-user       map current user to root (implies --user)
 -c, --map-current-user    map current user to itself (implies --user)

 --kill-child[=<signame>]  when dying, kill the forked child (implies --fork)
                             defaults to SIGKILL
 --mount-proc[=<dir>]      mount proc filesystem first (implies --mount)
 --propagation slave|shared|private|unchanged
                           modify mount propagation in mount namespace
 --setgroups allow|deny    control the setgroups syscall in user namespaces
 --keep-caps               retain capabilities granted in user namespaces

 -R, --root=<dir>          run the command with root directory set to <dir>
 -w, --wd=<dir>            change working directory to <dir>
 -S, --setuid <uid>        set uid in entered namespace
 -G, --setgid <gid>        set gid in entered namespace

 -h, --help                display this help
 -V, --version             display version

For more details see unshare(1).
`;

const NS_LETTERS: Record<string, NsType> = { m: "mnt", u: "uts", i: "ipc", n: "net", p: "pid", U: "user", C: "cgroup", T: "time" };

/**
 * util-linux takes "--mount=FILE" but never "-m FILE": the short options' arguments are optional
 * and must be attached. getopt() has no optional arguments, so those are split off first.
 */
function splitOptional(argv: readonly string[]): { argv: string[]; persist: string[] } {
  const outArgv: string[] = [argv[0]];
  const persist: string[] = [];
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--" || !a.startsWith("-")) break;
    const m = /^--(mount|uts|ipc|net|pid|user|cgroup|time)=(.*)$/.exec(a);
    if (m) {
      persist.push(m[2]);
      outArgv.push(`--${m[1]}`);
      continue;
    }
    if (/^--(mount-proc|kill-child)=/.test(a)) {
      outArgv.push(a.slice(0, a.indexOf("=")));
      continue;
    }
    outArgv.push(a);
    if (/^-[RwSG]$/.test(a) || /^--(propagation|setgroups|setuid|setgid|root|wd|map-user|map-group|monotonic|boottime)$/.test(a)) {
      if (i + 1 < argv.length) outArgv.push(argv[++i]);
    }
  }
  return { argv: [...outArgv, ...argv.slice(i)], persist };
}

function mapId(sys: Sys, file: string, inside: number, outside: number) {
  sys.writeFile(file, `${inside} ${outside} 1`);
}

function* unshareMain(sys: Sys): Gen<number> {
  const { argv, persist } = splitOptional(sys.argv);
  let parsed: ReturnType<typeof getopt>;
  try {
    parsed = getopt(argv, {
      flags: "muinpUCTfrchV",
      withArg: "RwSG",
      long: {
        mount: { short: "m" },
        uts: { short: "u" },
        ipc: { short: "i" },
        net: { short: "n" },
        pid: { short: "p" },
        user: { short: "U" },
        cgroup: { short: "C" },
        time: { short: "T" },
        fork: { short: "f" },
        "map-root-user": { short: "r" },
        "map-current-user": { short: "c" },
        "map-user": { short: "map-user", arg: true },
        "map-group": { short: "map-group", arg: true },
        "kill-child": { short: "kill-child" },
        "mount-proc": { short: "mount-proc" },
        propagation: { short: "propagation", arg: true },
        setgroups: { short: "setgroups", arg: true },
        "keep-caps": { short: "keep-caps" },
        root: { short: "R", arg: true },
        wd: { short: "w", arg: true },
        setuid: { short: "S", arg: true },
        setgid: { short: "G", arg: true },
        help: { short: "h" },
        version: { short: "V" },
      },
      permute: false,
    });
  } catch (e) {
    if (e instanceof OptError) return yield* tryHelp(sys, e.message);
    throw e;
  }
  // --mount-proc=DIR and --kill-child=SIG carry optional values; getopt saw only the names.
  let procDir: string | undefined;
  let killSig: number | undefined;
  for (const a of sys.argv.slice(1)) {
    if (a === "--") break;
    if (a === "--mount-proc") procDir = "/proc";
    else if (a.startsWith("--mount-proc=")) procDir = a.slice(13);
    else if (a === "--kill-child") killSig = 9;
    else if (a.startsWith("--kill-child=")) {
      killSig = signum(a.slice(13));
      if (killSig < 0) {
        yield* utilErr(sys, `unknown signal: ${a.slice(13)}`);
        return 1;
      }
    }
  }
  const f = parsed.flags;
  if (f.h) {
    yield* out(sys, HELP);
    return 0;
  }
  if (f.V) {
    yield* out(sys, "unshare from util-linux 2.38.1\n");
    return 0;
  }
  if (persist.length > 0) {
    yield* utilErr(sys, "persistent namespaces (--TYPE=FILE) are not supported by this simulator");
    return 1;
  }
  const types = new Set<NsType>();
  for (const [letter, type] of Object.entries(NS_LETTERS)) if (f[letter]) types.add(type);
  const names = new AccountNames(sys);
  let mapUser: number | undefined;
  let mapGroup: number | undefined;
  if (f.r) {
    mapUser = 0;
    mapGroup = 0;
  }
  if (f.c) {
    mapUser = sys.geteuid();
    mapGroup = sys.getegid();
  }
  const mu = parsed.args["map-user"]?.at(-1);
  if (mu !== undefined) {
    mapUser = /^\d+$/.test(mu) ? Number(mu) : names.userByName(mu)?.id;
    if (mapUser === undefined) {
      yield* utilErr(sys, `failed to parse uid '${mu}'`);
      return 1;
    }
  }
  const mg = parsed.args["map-group"]?.at(-1);
  if (mg !== undefined) {
    mapGroup = /^\d+$/.test(mg) ? Number(mg) : names.groupByName(mg)?.id;
    if (mapGroup === undefined) {
      yield* utilErr(sys, `failed to parse gid '${mg}'`);
      return 1;
    }
  }
  if (mapUser !== undefined || mapGroup !== undefined) types.add("user");
  if (procDir !== undefined) types.add("mnt");
  const fork = !!f.f || killSig !== undefined;
  const setgroups = parsed.args.setgroups?.at(-1);
  if (setgroups !== undefined && setgroups !== "allow" && setgroups !== "deny") {
    yield* utilErr(sys, `unsupported --setgroups argument '${setgroups}'`);
    return 1;
  }
  const propagation = parsed.args.propagation?.at(-1);
  if (propagation !== undefined && !["slave", "shared", "private", "unchanged"].includes(propagation)) {
    yield* utilErr(sys, `unsupported propagation mode: ${propagation}`);
    return 1;
  }
  const realEuid = sys.geteuid();
  const realEgid = sys.getegid();
  try {
    sys.unshare([...types]);
  } catch (e) {
    yield* utilErr(sys, "unshare failed", asErrno(e).message);
    return 1;
  }
  if (fork) {
    let pid: number;
    try {
      pid = sys.fork((child) => afterFork(child));
    } catch (e) {
      yield* utilErr(sys, "fork failed", asErrno(e).message);
      return 1;
    }
    // The parent outlives Ctrl-C and kill; the child decides how this ends.
    sys.signal("INT", "ignore");
    sys.signal("TERM", "ignore");
    return yield* exitLikeChild(sys, pid);
  }
  return yield* afterFork(sys);

  function* afterFork(s: Sys): Gen<number> {
    try {
      if (mapUser !== undefined || mapGroup !== undefined) {
        if (mapGroup !== undefined) {
          s.writeFile("/proc/self/setgroups", "deny");
          mapId(s, "/proc/self/gid_map", mapGroup, realEgid);
        }
        if (mapUser !== undefined) mapId(s, "/proc/self/uid_map", mapUser, realEuid);
      } else if (setgroups !== undefined) s.writeFile("/proc/self/setgroups", setgroups);
    } catch (e) {
      yield* utilErr(s, "write failed /proc/self/uid_map", asErrno(e).message);
      return 1;
    }
    const root = parsed.args.R?.at(-1);
    if (root !== undefined) {
      try {
        s.chroot(root);
      } catch (e) {
        yield* utilErr(s, `cannot change root directory to '${root}'`, asErrno(e).message);
        return 1;
      }
      try {
        s.chdir("/");
      } catch (e) {
        yield* utilErr(s, "cannot chdir to '/'", asErrno(e).message);
        return 1;
      }
    }
    const wd = parsed.args.w?.at(-1);
    if (wd !== undefined) {
      try {
        s.chdir(wd);
      } catch (e) {
        yield* utilErr(s, `cannot chdir to '${wd}'`, asErrno(e).message);
        return 1;
      }
    }
    if (procDir !== undefined) {
      try {
        s.mount("proc", procDir, "proc", { flags: ["nosuid", "noexec", "nodev"] });
      } catch (e) {
        yield* utilErr(s, `mount ${procDir} failed`, asErrno(e).message);
        return 1;
      }
    }
    const gid = parsed.args.G?.at(-1);
    if (gid !== undefined) {
      try {
        s.setgid(Number(gid));
      } catch (e) {
        yield* utilErr(s, "setgid failed", asErrno(e).message);
        return 1;
      }
    }
    const uid = parsed.args.S?.at(-1);
    if (uid !== undefined) {
      try {
        s.setuid(Number(uid));
      } catch (e) {
        yield* utilErr(s, "setuid failed", asErrno(e).message);
        return 1;
      }
    }
    return yield* execCommand(s, parsed.operands);
  }
}

export const unshare: ProgramDef = { name: "unshare", main: unshareMain };
