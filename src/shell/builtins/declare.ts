/**
 * bash's declare (and typeset), which also serves bash's local, and readonly/export when given
 * arrays: attributes -a -A -i -r -x (-g global), -p to print declarations as bash does, and the
 * `name=(...)` arguments the parser kept for them.
 */
import type { Gen } from "../../kernel/api";
import { performAssign } from "../assign";
import type { Shell } from "../shell";
import { ArrayKindError, ReadonlyError } from "../vars";
import { type Builtin, builtin } from "./types";

const USAGE =
  "declare: usage: declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]\n";

interface DeclareFlags {
  on: Set<string>;
  off: Set<string>;
}

/** declare's work; `local` is declare that must run in a function, `readonly`/`export` add r/x. */
export function* declareLike(sh: Shell, argv: string[], mode: "declare" | "local"): Gen<number> {
  const flags: DeclareFlags = { on: new Set(), off: new Set() };
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      i++;
      break;
    }
    if ((a[0] !== "-" && a[0] !== "+") || a.length === 1) break;
    for (const c of a.slice(1)) {
      if (!"aAfFgilnprtuxI".includes(c)) {
        yield* sh.message(`${a[0]}${c}: invalid option`);
        yield* sh.write(2, mode === "local" ? USAGE.replace(/declare/g, "local") : USAGE);
        return 2;
      }
      (a[0] === "-" ? flags.on : flags.off).add(c);
    }
  }
  const names = argv.slice(i);
  if (mode === "local" && !sh.vars.inFunction) {
    yield* sh.message("can only be used in a function");
    return 1;
  }
  if (flags.on.has("f") || flags.on.has("F")) return yield* listFunctions(sh, names, flags.on.has("F"));
  if (flags.on.has("p") || names.length === 0) return yield* printDeclarations(sh, names, flags);
  const local = mode === "local" || (sh.vars.inFunction && !flags.on.has("g"));
  const kind = flags.on.has("A") ? "assoc" : flags.on.has("a") ? "indexed" : undefined;
  let status = 0;
  for (const arg of names) {
    const compound = sh.compoundArgs?.get(arg);
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(\[.*\])?(\+?=)?/s.exec(arg);
    const name = compound?.name ?? m?.[1];
    if (!name || (!compound && m?.[0] !== arg && !m?.[3])) {
      yield* sh.message(`\`${arg}': not a valid identifier`);
      status = 1;
      continue;
    }
    try {
      if (local) sh.vars.makeLocal(name);
      const fresh = local || sh.vars.entry(name) === undefined;
      if (kind) {
        const existing = sh.vars.array(name);
        if (existing?.kind === "assoc" && kind === "indexed") {
          yield* sh.message(`${name}: cannot convert associative to indexed array`);
          status = 1;
          continue;
        }
        if (local) sh.vars.unset(name);
        sh.vars.makeArray(name, kind);
        const made = sh.vars.entry(name);
        if (made && (fresh || made.declaredOnly)) made.declaredOnly = !compound && !m?.[3];
      } else if (local && !compound && !m?.[3]) sh.vars.unset(name);
      sh.vars.declare(name);
      if (flags.on.has("i")) setFlag(sh, name, "integer", true);
      if (compound) yield* performAssign(sh, compound, kind);
      else if (m?.[3]) {
        const value = arg.slice(m[0].length);
        const target = sh.vars.array(name) && !m[2] ? `${name}[0]` : arg.slice(0, m[0].length - m[3].length);
        yield* assignText(sh, target, m[3] === "+=", value);
      }
      if (flags.on.has("x")) sh.vars.markExported(name);
      if (flags.off.has("x")) setFlag(sh, name, "exported", false);
      if (flags.off.has("i")) setFlag(sh, name, "integer", false);
      if (flags.on.has("r")) sh.vars.markReadonly(name);
    } catch (e) {
      if (e instanceof ArrayKindError) {
        yield* sh.message(e.message);
        status = 1;
        continue;
      }
      if (e instanceof ReadonlyError) {
        yield* sh.message(`${e.name}: readonly variable`);
        status = 1;
        continue;
      }
      throw e;
    }
  }
  return status;
}

function setFlag(sh: Shell, name: string, flag: "integer" | "exported", on: boolean): void {
  const e = sh.vars.entry(name);
  if (e) e[flag] = on;
}

/** `declare name=value` and `name[sub]=value`: the text after "=" is the value as given. */
function* assignText(sh: Shell, target: string, append: boolean, value: string): Gen<void> {
  const sub = /^([A-Za-z_][A-Za-z0-9_]*)\[(.*)\]$/s.exec(target);
  const lit = (text: string) => ({ parts: [{ type: "lit" as const, value: text, quoted: true }] });
  yield* performAssign(sh, {
    name: sub ? sub[1] : target,
    value: lit(value),
    ...(sub ? { subscript: lit(sub[2]) } : {}),
    ...(append ? { append: true } : {}),
  });
}

function* listFunctions(sh: Shell, names: string[], namesOnly: boolean): Gen<number> {
  const list = names.length ? names : [...sh.functions.keys()].sort();
  let out = "";
  let status = 0;
  for (const n of list) {
    if (!sh.functions.has(n)) {
      status = 1;
      continue;
    }
    out += namesOnly ? `declare -f ${n}\n` : "";
  }
  yield* sh.write(1, out);
  return status;
}

/** declare -p [names], or the variables having the attributes asked for. */
function* printDeclarations(sh: Shell, names: string[], flags: DeclareFlags): Gen<number> {
  let out = "";
  let status = 0;
  if (names.length === 0) {
    const want = [...flags.on].filter((f) => "aAirx".includes(f));
    for (const n of sh.vars.names().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const text = declaration(sh, n);
      if (text === null) continue;
      const attrs = attributes(sh, n);
      if (want.every((f) => attrs.includes(f))) out += `${text}\n`;
    }
  }
  for (const n of names) {
    const text = declaration(sh, n);
    if (text === null) {
      yield* sh.write(1, out);
      out = "";
      yield* sh.message(`${n}: not found`);
      status = 1;
    } else out += `${text}\n`;
  }
  yield* sh.write(1, out);
  return status;
}

/** bash's attribute letters, in its order. */
function attributes(sh: Shell, name: string): string {
  const e = sh.vars.entry(name);
  if (!e) return "";
  let s = "";
  if (e.array?.kind === "indexed") s += "a";
  if (e.array?.kind === "assoc") s += "A";
  if (e.integer) s += "i";
  if (e.readonly) s += "r";
  if (e.exported) s += "x";
  return s;
}

/** One `declare -p` line, or null when NAME is not a variable. */
export function declaration(sh: Shell, name: string): string | null {
  const e = sh.vars.entry(name);
  if (!e) return null;
  const head = `declare -${attributes(sh, name) || "-"} ${name}`;
  const arr = e.array;
  if (arr) {
    if (e.declaredOnly) return head;
    if (arr.kind === "indexed")
      return `${head}=(${arr
        .keys()
        .map((k) => `[${k}]=${quoteValue(arr.get(k) ?? "")}`)
        .join(" ")})`;
    return `${head}=(${arr
      .keys()
      .map((k) => `[${quoteKey(k)}]=${quoteValue(arr.get(k) ?? "")} `)
      .join("")})`;
  }
  return e.value === undefined ? head : `${head}=${quoteValue(e.value)}`;
}

/** A value as declare -p shows it: $'...' when it has control characters, else double-quoted. */
export function quoteValue(v: string): string {
  if (/[\x00-\x1f\x7f]/.test(v)) return ansiC(v);
  return `"${v.replace(/[\\"$`]/g, "\\$&")}"`;
}

/** An associative array's key: double-quoted when the shell would read it otherwise. */
function quoteKey(k: string): string {
  if (/[\s'"\\|&;()<>!{}*[?\]^$`]/.test(k) || /^[~#]/.test(k)) return quoteValue(k);
  return k;
}

const ANSI_ESCAPES: Record<string, string> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\x1b": "\\E",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
  "\\": "\\\\",
  "'": "\\'",
};

/** bash's ansic_quote: $'...' with C escapes, other control bytes in octal. */
function ansiC(v: string): string {
  let s = "";
  for (const c of v) {
    const code = c.charCodeAt(0);
    if (ANSI_ESCAPES[c]) s += ANSI_ESCAPES[c];
    else if (code < 0x20 || code === 0x7f) s += `\\${code.toString(8).padStart(3, "0")}`;
    else s += c;
  }
  return `$'${s}'`;
}

const declare = (name: string): Builtin => ({
  ...builtin(name, false, (sh, argv) => declareLike(sh, argv, "declare")),
  bashOnly: true,
});

export const declareBuiltins: Builtin[] = [declare("declare"), declare("typeset")];
