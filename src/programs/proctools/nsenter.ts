/**
 * nsenter: util-linux 2.38 (Debian 12). Opens /proc/PID/ns/TYPE (or a given file) for each
 * namespace asked, joins them with setns(2) — user namespace last, in a second pass — optionally
 * changes root and directory, forks when the pid namespace changed (only children enter it),
 * and execs PROG or the shell.
 */
import type { Gen, NsType, ProgramDef, Sys } from "../../kernel/api";
import { OptError } from "../lib/getopt";
import { asErrno, out } from "../lib/io";
import { execCommand, exitLikeChild, tryHelp, utilErr } from "./utillinux";

const HELP = `
Usage:
 nsenter [options] [<program> [<argument>...]]

Run a program with namespaces of other processes.

Options:
 -a, --all              enter all namespaces
 -t, --target <pid>     target process to get namespaces from
 -m, --mount[=<file>]   enter mount namespace
 -u, --uts[=<file>]     enter UTS namespace (hostname etc)
 -i, --ipc[=<file>]     enter System V IPC namespace
 -n, --net[=<file>]     enter network namespace
 -p, --pid[=<file>]     enter pid namespace
 -C, --cgroup[=<file>]  enter cgroup namespace
 -U, --user[=<file>]    enter user namespace
 -T, --time[=<file>]    enter time namespace
 -S, --setuid[=<uid>]   set uid in entered namespace
 -G, --setgid[=<gid>]   set gid in entered namespace
     --preserve-credentials do not touch uids or gids
 -r, --root[=<dir>]     set the root directory
 -w, --wd[=<dir>]       set the working directory
 -W, --wdns <dir>       set the working directory in namespace
 -F, --no-fork          do not fork before exec'ing <program>

 -h, --help             display this help
 -V, --version          display version

For more details see nsenter(1).
`;

/**
 * util-linux's namespace_files order (user first, entered last in a second pass) — except that
 * the mount namespace is joined after time: util-linux opens every file before joining any, but
 * setns() here takes a path, and /proc/PID/ns/* must be reached through the old mount namespace.
 */
const ORDER: Array<{ type: NsType; letter: string; long: string }> = [
  { type: "user", letter: "U", long: "user" },
  { type: "cgroup", letter: "C", long: "cgroup" },
  { type: "ipc", letter: "i", long: "ipc" },
  { type: "uts", letter: "u", long: "uts" },
  { type: "net", letter: "n", long: "net" },
  { type: "pid", letter: "p", long: "pid" },
  { type: "time", letter: "T", long: "time" },
  { type: "mnt", letter: "m", long: "mount" },
];

interface Request {
  /** Namespace type -> file given on the command line, or null for the target's. */
  ns: Map<NsType, string | null>;
  target?: string;
  root?: string | null;
  wd?: string | null;
  uid?: string;
  gid?: string;
  all: boolean;
  noFork: boolean;
  preserve: boolean;
  help?: boolean;
  version?: boolean;
  operands: string[];
}

const LONG_NAMES = [
  "all", "target", "mount", "uts", "ipc", "net", "pid", "cgroup", "user", "time", "setuid", "setgid",
  "preserve-credentials", "root", "wd", "wdns", "no-fork", "help", "version",
];
const REQUIRED_ARG = new Set(["target", "setuid", "setgid", "wdns"]);

/**
 * getopt_long with "+at:m::u::i::n::p::C::U::T::S:G:r::w::W:FhV": "::" options take an argument
 * only when attached ("-m/path", "--mount=/path"); the first operand ends the options.
 */
function parse(argv: readonly string[]): Request {
  const req: Request = { ns: new Map(), all: false, noFork: false, preserve: false, operands: [] };
  const set = (name: string, value: string | null) => {
    const ns = ORDER.find((o) => o.long === name);
    if (ns) req.ns.set(ns.type, value);
    else if (name === "root") req.root = value;
    else if (name === "wd") req.wd = value;
    else if (name === "target") req.target = value ?? "";
    else if (name === "setuid") req.uid = value ?? "";
    else if (name === "setgid") req.gid = value ?? "";
    else if (name === "all") req.all = true;
    else if (name === "no-fork") req.noFork = true;
    else if (name === "preserve-credentials") req.preserve = true;
    else if (name === "help") req.help = true;
    else if (name === "version") req.version = true;
  };
  const SHORT: Record<string, string> = {
    a: "all", t: "target", m: "mount", u: "uts", i: "ipc", n: "net", p: "pid", C: "cgroup", U: "user",
    T: "time", S: "setuid", G: "setgid", r: "root", w: "wd", W: "wdns", F: "no-fork", h: "help", V: "version",
  };
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      i++;
      break;
    }
    if (!a.startsWith("-") || a === "-") break;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const given = a.slice(2, eq < 0 ? undefined : eq);
      const matches = LONG_NAMES.filter((n) => n.startsWith(given));
      const name = matches.includes(given) ? given : matches.length === 1 ? matches[0] : undefined;
      if (!name) throw new OptError(matches.length > 1 ? `option '${a}' is ambiguous` : `unrecognized option '${a}'`);
      let value: string | null = eq < 0 ? null : a.slice(eq + 1);
      if (REQUIRED_ARG.has(name) && value === null) {
        if (i + 1 >= argv.length) throw new OptError(`option '--${name}' requires an argument`);
        value = argv[++i];
      }
      set(name, value);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const name = SHORT[a[j]];
      if (!name) throw new OptError(`invalid option -- '${a[j]}'`);
      const tail = a.slice(j + 1);
      if (REQUIRED_ARG.has(name)) {
        if (tail === "" && i + 1 >= argv.length) throw new OptError(`option requires an argument -- '${a[j]}'`);
        set(name, tail !== "" ? tail : argv[++i]);
        break;
      }
      if (["all", "no-fork", "help", "version"].includes(name)) {
        set(name, null);
        continue;
      }
      set(name, tail === "" ? null : tail);
      if (tail !== "") break;
    }
  }
  req.operands = argv.slice(i);
  return req;
}

function sameNamespace(sys: Sys, a: string, b: string): boolean {
  try {
    return sys.stat(a).ino === sys.stat(b).ino;
  } catch {
    return false;
  }
}

function* nsenterMain(sys: Sys): Gen<number> {
  let req: Request;
  try {
    req = parse(sys.argv);
  } catch (e) {
    if (e instanceof OptError) return yield* tryHelp(sys, e.message);
    throw e;
  }
  if (req.help) {
    yield* out(sys, HELP);
    return 0;
  }
  if (req.version) {
    yield* out(sys, "nsenter from util-linux 2.38.1\n");
    return 0;
  }
  let targetPid: number | undefined;
  if (req.target !== undefined) {
    if (!/^-?\d+$/.test(req.target) || Math.abs(Number(req.target)) > 2147483647) {
      yield* utilErr(sys, `failed to parse pid: '${req.target}'`);
      return 1;
    }
    targetPid = Number(req.target);
  }
  if (req.all) {
    if (targetPid === undefined) {
      yield* utilErr(sys, "no target PID specified for --all");
      return 1;
    }
    for (const o of ORDER) {
      if (req.ns.has(o.type)) continue;
      const path = `/proc/${targetPid}/ns/${o.type}`;
      try {
        sys.stat(path);
      } catch {
        continue;
      }
      // setns(2) refuses to re-enter one's own user namespace.
      if (o.type === "user" && sameNamespace(sys, path, "/proc/self/ns/user")) continue;
      req.ns.set(o.type, null);
    }
  }
  // Check every namespace file first, as util-linux opens them all before joining any.
  const files = new Map<NsType, string>();
  for (const o of ORDER) {
    if (!req.ns.has(o.type)) continue;
    const given = req.ns.get(o.type);
    let path: string;
    if (given) path = given;
    else if (targetPid === undefined) {
      yield* utilErr(sys, `neither filename nor target pid supplied for ns/${o.type}`);
      return 1;
    } else path = `/proc/${targetPid}/ns/${o.type}`;
    try {
      sys.stat(path);
    } catch (e) {
      yield* utilErr(sys, `cannot open ${path}`, asErrno(e).message);
      return 1;
    }
    files.set(o.type, path);
  }
  const dirOf = (which: "root" | "cwd", given: string | null | undefined): string | undefined => {
    if (given === undefined) return undefined;
    return given ?? `/proc/${targetPid}/${which}`;
  };
  for (const [which, given] of [["root", req.root], ["cwd", req.wd]] as const) {
    if (given === null && targetPid === undefined) {
      yield* utilErr(sys, `neither filename nor target pid supplied for ${which}`);
      return 1;
    }
  }
  const rootDir = dirOf("root", req.root);
  const wdDir = dirOf("cwd", req.wd);
  // Where to go back to after the mount namespace changes: resolved before joining.
  let wdPath: string | undefined;
  try {
    if (wdDir !== undefined) wdPath = sys.realpath(wdDir);
  } catch (e) {
    yield* utilErr(sys, `cannot open ${wdDir}`, asErrno(e).message);
    return 1;
  }
  let doFork = req.noFork ? 0 : -1;
  for (const pass of [0, 1]) {
    for (const o of ORDER.slice(1 - pass)) {
      const path = files.get(o.type);
      if (path === undefined) continue;
      if (o.type === "pid" && doFork === -1) doFork = 1;
      try {
        sys.setns(path, o.type);
      } catch (e) {
        if (pass === 0) continue;
        yield* utilErr(sys, `reassociate to namespace 'ns/${o.type}' failed`, asErrno(e).message);
        return 1;
      }
      files.delete(o.type);
    }
  }
  if (rootDir !== undefined) {
    try {
      sys.chroot(rootDir);
      sys.chdir("/");
    } catch (e) {
      yield* utilErr(sys, "chroot failed", asErrno(e).message);
      return 1;
    }
  }
  if (wdPath !== undefined) {
    try {
      sys.chdir(wdPath);
    } catch (e) {
      yield* utilErr(sys, "change directory by working directory file descriptor failed", asErrno(e).message);
      return 1;
    }
  }
  const enteredUser = req.ns.has("user");
  const gid = req.gid ?? (enteredUser && !req.preserve ? "0" : undefined);
  const uid = req.uid ?? (enteredUser && !req.preserve ? "0" : undefined);
  try {
    if (gid !== undefined) sys.setgid(Number(gid));
    if (uid !== undefined) sys.setuid(Number(uid));
  } catch (e) {
    yield* utilErr(sys, gid !== undefined ? "setgid failed" : "setuid failed", asErrno(e).message);
    return 1;
  }
  if (doFork === 1) {
    sys.signal("CHLD", "default");
    let pid: number;
    try {
      pid = sys.fork((child) => execCommand(child, req.operands));
    } catch (e) {
      yield* utilErr(sys, "fork failed", asErrno(e).message);
      return 1;
    }
    return yield* exitLikeChild(sys, pid);
  }
  return yield* execCommand(sys, req.operands);
}

export const nsenter: ProgramDef = { name: "nsenter", main: nsenterMain };
