/** Builtins that describe or tune the environment: type command hash alias unalias umask ulimit times. */
import { KEYWORDS } from "../parser";
import type { Gen } from "../../kernel/api";
import { findInPath, runBuiltin, runCommandArgv } from "../exec";
import type { EvalFlags, Shell } from "../shell";
import { singleQuote } from "../xtrace";
import { functionText } from "../print-function";
import { findBuiltin } from "./registry";
import { letterFlags } from "./letter-flags";
import { type Builtin, builtin } from "./types";


/** What a name means to the shell, for type / command -v / command -V. */
function describe(sh: Shell, name: string): { kind: string; path?: string; hashed?: boolean } | null {
  if (sh.aliases.has(name)) return { kind: "alias" };
  if (KEYWORDS.has(name)) return { kind: "keyword" };
  const b = findBuiltin(sh, name);
  // bash (not in POSIX mode) does not set the special builtins apart
  if (b?.special && sh.dialect !== "bash") return { kind: "special" };
  if (sh.functions.has(name)) return { kind: "function" };
  if (b) return { kind: "builtin" };
  if (!name.includes("/") && sh.dialect !== "ash") {
    const hashed = sh.hashed.get(name, sh.vars.get("PATH") ?? "");
    if (hashed) return { kind: "file", path: hashed.path, hashed: true };
  }
  const path = name.includes("/") ? name : findInPath(sh, name);
  if (path !== null) {
    try {
      if (sh.sys.stat(path).type === "file") {
        // dash's lookup enters the command in its table (the next `type` calls it a tracked alias)
        if (sh.dialect === "dash" && !name.includes("/")) sh.hashed.remember(name, path, sh.vars.get("PATH") ?? "", false);
        return { kind: "file", path };
      }
    } catch {
      return null;
    }
  }
  return null;
}

function verbose(sh: Shell, name: string): string | null {
  const d = describe(sh, name);
  if (!d) return null;
  switch (d.kind) {
    case "alias":
      return sh.dialect === "bash"
        ? `${name} is aliased to \`${sh.aliases.get(name)}'`
        : `${name} is an alias for ${sh.aliases.get(name)}`;
    case "keyword":
      return `${name} is a shell keyword`;
    case "special":
      return `${name} is a special shell builtin`;
    case "function": {
      // bash shows the definition too; ash and dash only say what it is.
      const body = sh.functions.get(name);
      return sh.dialect === "bash" && body ? `${name} is a function\n${functionText(name, body)}` : `${name} is a function`;
    }
    case "builtin":
      return `${name} is a shell builtin`;
    default:
      if (!d.hashed) return `${name} is ${d.path}`;
      return sh.dialect === "bash" ? `${name} is hashed (${d.path})` : `${name} is a tracked alias for ${d.path}`;
  }
}

function* typeCmd(sh: Shell, names: string[]): Gen<number> {
  let status = 0;
  let out = "";
  for (const n of names) {
    const v = verbose(sh, n);
    if (v === null) {
      out += `${n}: not found\n`;
      status = 127;
    } else out += `${v}\n`;
  }
  yield* sh.write(1, out);
  return status;
}

/** Every file NAME names in $PATH (bash's type -a), in $PATH order. */
function allInPath(sh: Shell, name: string): string[] {
  if (name.includes("/")) return describe(sh, name) ? [name] : [];
  const found: string[] = [];
  for (const dir of (sh.vars.get("PATH") ?? "").split(":")) {
    const full = `${dir === "" ? "." : dir}/${name}`;
    try {
      if (sh.sys.stat(full).type === "file") found.push(full);
    } catch {
      // not here
    }
  }
  return found;
}

/** bash's type [-afptP] NAME...: status 1 when a name is not found. */
function* bashType(sh: Shell, argv: string[]): Gen<number> {
  const parsed = yield* letterFlags(sh, argv, "afptP", "type: usage: type [-afptP] name [name ...]");
  if (!parsed) return 2;
  const { flags, args } = parsed;
  let out = "";
  let status = 0;
  for (const name of args) {
    const lines: string[] = [];
    const kinds: { kind: string; text: string; path?: string }[] = [];
    if (sh.aliases.has(name)) kinds.push({ kind: "alias", text: `${name} is aliased to \`${sh.aliases.get(name)}'` });
    if (KEYWORDS.has(name)) kinds.push({ kind: "keyword", text: `${name} is a shell keyword` });
    const fn = flags.has("f") ? undefined : sh.functions.get(name);
    if (fn) kinds.push({ kind: "function", text: `${name} is a function\n${functionText(name, fn)}` });
    if (findBuiltin(sh, name)) kinds.push({ kind: "builtin", text: `${name} is a shell builtin` });
    const hashed = name.includes("/") ? undefined : sh.hashed.get(name, sh.vars.get("PATH") ?? "");
    if (flags.has("a")) for (const p of allInPath(sh, name)) kinds.push({ kind: "file", text: `${name} is ${p}`, path: p });
    else if (hashed) kinds.push({ kind: "file", text: `${name} is hashed (${hashed.path})`, path: hashed.path });
    else {
      const p = allInPath(sh, name)[0];
      if (p) kinds.push({ kind: "file", text: `${name} is ${p}`, path: p });
    }
    const shown = flags.has("a") ? kinds : kinds.slice(0, 1);
    if (flags.has("P")) {
      const file = kinds.find((k) => k.kind === "file");
      if (file) lines.push(file.path!);
    } else if (flags.has("p")) {
      if (shown[0]?.kind === "file") for (const k of shown) if (k.kind === "file") lines.push(k.path!);
    } else if (flags.has("t")) for (const k of shown) lines.push(k.kind);
    else for (const k of shown) lines.push(k.text);
    const found = flags.has("P") ? lines.length > 0 : kinds.length > 0;
    if (!found) {
      status = 1;
      if (!flags.has("t") && !flags.has("p") && !flags.has("P")) {
        yield* sh.write(1, out);
        out = "";
        yield* sh.message(`${name}: not found`);
      }
    }
    out += lines.map((l) => `${l}\n`).join("");
  }
  yield* sh.write(1, out);
  return status;
}

/** command -v / -V. dash and ash look at the first name only; bash at each, failing if none was found. */
function* commandDescribe(sh: Shell, mode: "v" | "V", names: string[]): Gen<number> {
  const list = sh.dialect === "bash" ? names : names.slice(0, 1);
  let anyFound = false;
  let status = 0;
  let out = "";
  for (const n of list) {
    if (mode === "V") {
      const v = verbose(sh, n);
      if (v === null) {
        status = 127;
        yield* sh.write(1, out);
        out = "";
        if (sh.dialect === "bash") yield* sh.message(`${n}: not found`);
        else out += `${n}: not found\n`;
      } else {
        anyFound = true;
        out += `${v}\n`;
      }
      continue;
    }
    const d = describe(sh, n);
    if (!d) status = 127;
    else {
      anyFound = true;
      if (d.kind === "alias") out += `alias ${n}=${singleQuote(sh.aliases.get(n)!)}\n`;
      else out += `${d.path ?? n}\n`;
    }
  }
  yield* sh.write(1, out);
  if (sh.dialect === "bash") return anyFound ? 0 : 1;
  return status;
}

function modeString(mask: number): string {
  const perm = (shift: number) => {
    const bits = ~mask >> shift;
    return `${bits & 4 ? "r" : ""}${bits & 2 ? "w" : ""}${bits & 1 ? "x" : ""}`;
  };
  return `u=${perm(6)},g=${perm(3)},o=${perm(0)}`;
}

/** Applies a symbolic umask like "u=rwx,g=rx,o=" or "g-w" to the current mask. */
function symbolicUmask(mask: number, spec: string): number | null {
  let perms = ~mask & 0o777;
  for (const clause of spec.split(",")) {
    const m = /^([ugoa]*)([=+-])([rwx]*)$/.exec(clause);
    if (!m) return null;
    const who = m[1] === "" || m[1].includes("a") ? "ugo" : m[1];
    let bits = 0;
    for (const c of m[3]) bits |= c === "r" ? 4 : c === "w" ? 2 : 1;
    for (const w of who) {
      const shift = w === "u" ? 6 : w === "g" ? 3 : 0;
      if (m[2] === "=") perms = (perms & ~(7 << shift)) | (bits << shift);
      else if (m[2] === "+") perms |= bits << shift;
      else perms &= ~(bits << shift);
    }
  }
  return ~perms & 0o777;
}

export const infoBuiltins: Builtin[] = [
  builtin("type", false, function* (sh, argv) {
    if (sh.dialect === "bash") return yield* bashType(sh, argv);
    return yield* typeCmd(sh, argv.slice(1));
  }),
  builtin("command", false, function* (sh, argv, flags: EvalFlags) {
    let args = argv.slice(1);
    let mode = "";
    while (args[0]?.startsWith("-") && args[0] !== "-") {
      if (args[0] === "--") {
        args = args.slice(1);
        break;
      }
      for (const c of args[0].slice(1)) {
        if (c === "v" || c === "V") mode = c;
        else if (c !== "p") return yield* sh.fail(`command: illegal option -${c}`);
      }
      args = args.slice(1);
    }
    if (args.length === 0) return 0;
    if (mode === "V" || mode === "v") return yield* commandDescribe(sh, mode, args);
    const b = findBuiltin(sh, args[0]);
    if (b) return yield* runBuiltin(sh, b, args, [], [], flags);
    return yield* runCommandArgv(sh, args, flags);
  }),
  builtin("hash", false, function* (sh, argv) {
    for (const n of argv.slice(1)) {
      if (n === "-r") continue;
      if (!describe(sh, n)) yield* sh.message(`${n}: not found`);
    }
    return 0;
  }),
  builtin("alias", false, function* (sh, argv) {
    if (argv.length === 1) {
      const names = [...sh.aliases.keys()].sort();
      yield* sh.write(1, names.map((n) => `${n}=${singleQuote(sh.aliases.get(n)!)}\n`).join(""));
      return 0;
    }
    let status = 0;
    for (const a of argv.slice(1)) {
      const eq = a.indexOf("=");
      if (eq > 0) sh.aliases.set(a.slice(0, eq), a.slice(eq + 1));
      else if (sh.aliases.has(a)) yield* sh.write(1, `${a}=${singleQuote(sh.aliases.get(a)!)}\n`);
      else {
        yield* sh.write(2, `alias: ${a} not found\n`);
        status = 1;
      }
    }
    return status;
  }),
  builtin("unalias", false, function* (sh, argv) {
    let status = 0;
    for (const a of argv.slice(1)) {
      if (a === "-a") sh.aliases.clear();
      else if (!sh.aliases.delete(a)) {
        yield* sh.write(2, `unalias: ${a} not found\n`);
        status = 1;
      }
    }
    return status;
  }),
  builtin("umask", false, function* (sh, argv) {
    let args = argv.slice(1);
    const symbolic = args[0] === "-S";
    if (symbolic) args = args.slice(1);
    const cur = sh.sys.umask();
    if (args.length === 0) {
      yield* sh.write(1, symbolic ? `${modeString(cur)}\n` : `${cur.toString(8).padStart(4, "0")}\n`);
      return 0;
    }
    const spec = args[0];
    let mask: number | null;
    if (/^[0-7]+$/.test(spec)) mask = Number.parseInt(spec, 8) & 0o777;
    else mask = /^\d/.test(spec) ? null : symbolicUmask(cur, spec);
    if (mask === null) return yield* sh.fail(`illegal mode: ${spec}`);
    sh.sys.umask(mask);
    return 0;
  }),
  builtin("ulimit", false, function* (sh, argv) {
    const args = argv.slice(1);
    // The process's limits as the kernel reports them (/proc/self/limits), in ash's units.
    const table = limitTable(sh.sys);
    const hard = args.some((a) => /^-[a-zA-Z]*H/.test(a));
    const show = (letter: string) => {
      const row = ULIMIT_ROWS.find((r) => r.letter === letter);
      if (!row) return "unlimited";
      const v = table[row.label]?.[hard ? 1 : 0];
      if (v === undefined || v === "unlimited") return "unlimited";
      return String(Math.floor(Number(v) / row.unit));
    };
    if (args.includes("-a")) {
      yield* sh.write(1, ULIMIT_ROWS.map((r) => `${r.desc.padEnd(32)}(-${r.letter}) ${show(r.letter)}\n`).join(""));
      return 0;
    }
    const bad = args.find((a) => a.startsWith("-") && !/^-[HScdefilmnqrstuvx]+$/.test(a));
    if (bad) {
      yield* sh.write(2, `ulimit: invalid option -- '${bad[1]}'\n`);
      return 1;
    }
    const flag = args.filter((a) => a.startsWith("-")).join("").replace(/[-HS]/g, "");
    const value = args.find((a) => !a.startsWith("-"));
    if (value === undefined) yield* sh.write(1, `${show(flag.slice(-1) || "f")}\n`);
    return 0;
  }),
  builtin("times", true, function* (sh) {
    const info = sh.sys.procInfo(sh.sys.getpid());
    const fmt = (usec: number) => {
      const ms = Math.floor(usec / 1000);
      const sec = Math.floor(ms / 1000);
      return `${Math.floor(sec / 60)}m${sec % 60}.${String(ms % 1000).padStart(3, "0")}s`;
    };
    const self = info?.cpuUsec ?? 0;
    yield* sh.write(1, `${fmt(self)} ${fmt(0)}\n${fmt(0)} ${fmt(0)}\n`);
    return 0;
  }),
];

/** ash's ulimit rows: the /proc/self/limits row each shows, and the unit it divides by. */
const ULIMIT_ROWS = [
  { desc: "core file size (blocks)", letter: "c", label: "Max core file size", unit: 512 },
  { desc: "data seg size (kb)", letter: "d", label: "Max data size", unit: 1024 },
  { desc: "scheduling priority", letter: "e", label: "Max nice priority", unit: 1 },
  { desc: "file size (blocks)", letter: "f", label: "Max file size", unit: 512 },
  { desc: "pending signals", letter: "i", label: "Max pending signals", unit: 1 },
  { desc: "max locked memory (kb)", letter: "l", label: "Max locked memory", unit: 1024 },
  { desc: "max memory size (kb)", letter: "m", label: "Max resident set", unit: 1024 },
  { desc: "open files", letter: "n", label: "Max open files", unit: 1 },
  { desc: "POSIX message queues (bytes)", letter: "q", label: "Max msgqueue size", unit: 1 },
  { desc: "real-time priority", letter: "r", label: "Max realtime priority", unit: 1 },
  { desc: "stack size (kb)", letter: "s", label: "Max stack size", unit: 1024 },
  { desc: "cpu time (seconds)", letter: "t", label: "Max cpu time", unit: 1 },
  { desc: "max user processes", letter: "u", label: "Max processes", unit: 1 },
  { desc: "virtual memory (kb)", letter: "v", label: "Max address space", unit: 1024 },
  { desc: "file locks", letter: "x", label: "Max file locks", unit: 1 },
];

/** /proc/self/limits as label -> [soft, hard] (empty when /proc is not mounted). */
function limitTable(sys: { readFile(path: string): string }): Record<string, [string, string]> {
  const out: Record<string, [string, string]> = {};
  let text = "";
  try {
    text = sys.readFile("/proc/self/limits");
  } catch {
    return out;
  }
  for (const line of text.split("\n").slice(1)) {
    const label = line.slice(0, 25).trim();
    const [soft, hard] = line.slice(26).trim().split(/\s+/);
    if (label) out[label] = [soft, hard];
  }
  return out;
}
