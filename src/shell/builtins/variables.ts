/** Builtins on variables and parameters: export readonly unset set shift local let getopts. */
import type { Gen } from "../../kernel/api";
import { ArithError, evalArith } from "../arith";
import { isName } from "../lexer";
import type { Shell } from "../shell";
import { keyForLetter, listSetOptions, setOptionTable } from "../option-tables";
import { BadSubscript, elementKey } from "../subscript";
import { ReadonlyError } from "../vars";
import { declareLike } from "./declare";
import { singleQuote } from "../xtrace";
import { type Builtin, builtin, immediate, number } from "./types";

function bytewise(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** ash's showvars: "prefix NAME='value'" sorted; unset ones without "=...". */
function* showVars(sh: Shell, prefix: string, filter: (n: string) => boolean): Gen<number> {
  const names = sh.vars.names().filter(filter).sort(bytewise);
  let out = "";
  for (const n of names) {
    const v = sh.vars.get(n);
    if (v === undefined && prefix === "") continue;
    out += `${prefix}${prefix ? " " : ""}${n}${v === undefined ? "" : `=${singleQuote(v)}`}\n`;
  }
  yield* sh.write(1, out);
  return 0;
}

function* guard(sh: Shell, f: () => void): Gen<void> {
  try {
    f();
  } catch (e) {
    if (e instanceof ReadonlyError) yield* sh.fail(e.message);
    throw e;
  }
}

function exportLike(name: "export" | "readonly"): Builtin {
  return builtin(name, true, function* (sh, argv) {
    let args = argv.slice(1);
    // bash's arrays: `readonly -a a=(...)` is declare's work.
    if (sh.dialect === "bash" && (args.some((a) => /^-[aA]+$/.test(a)) || (sh.compoundArgs?.size ?? 0) > 0)) {
      return yield* declareLike(sh, ["declare", name === "export" ? "-x" : "-r", ...args], "declare");
    }
    let list = false;
    while (args[0]?.startsWith("-")) {
      if (args[0] === "--") {
        args = args.slice(1);
        break;
      }
      if (args[0] === "-p") list = true;
      else return yield* sh.fail(`illegal option ${args[0]}`);
      args = args.slice(1);
    }
    if (args.length === 0 || list) {
      return yield* showVars(sh, name, (n) =>
        name === "export" ? !!sh.vars.entry(n)?.exported : !!sh.vars.entry(n)?.readonly,
      );
    }
    for (const a of args) {
      const eq = a.indexOf("=");
      const n = eq < 0 ? a : a.slice(0, eq);
      if (!isName(n)) return yield* sh.fail(`${n}: bad variable name`);
      if (eq >= 0) yield* guard(sh, () => sh.vars.set(n, a.slice(eq + 1)));
      if (name === "export") sh.vars.markExported(n);
      else sh.vars.markReadonly(n);
    }
    return 0;
  });
}

function* setOptions(sh: Shell, args: string[]): Gen<number> {
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a[0] !== "-" && a[0] !== "+") break;
    const on = a[0] === "-";
    if (a === "-" || a === "--") {
      if (a === "-") {
        sh.options.delete("x");
        sh.options.delete("v");
      } else if (i + 1 === args.length) sh.positional = [];
      i++;
      break;
    }
    for (const c of a.slice(1)) {
      if (c === "o") {
        const name = args[i + 1];
        if (name === undefined) {
          yield* sh.write(1, listSetOptions(sh.dialect, sh.options, on));
          continue;
        }
        i++;
        const key = setOptionTable(sh.dialect).find((o) => o.name === name)?.key;
        if (!key) {
          if (sh.dialect === "bash") {
            yield* sh.message(`${name}: invalid option name`);
            return 2;
          }
          if (sh.dialect === "dash") return yield* sh.fail(`Illegal option ${on ? "-" : "+"}o ${name}`);
          yield* sh.message(`illegal option ${on ? "-" : "+"}o ${name}`);
          return 1;
        }
        if (on) sh.options.add(key);
        else sh.options.delete(key);
        continue;
      }
      const key = keyForLetter(sh.dialect, c);
      if (!key) {
        if (sh.dialect === "bash") {
          yield* sh.message(`${on ? "-" : "+"}${c}: invalid option`);
          yield* sh.write(2, "set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n");
          return 2;
        }
        return yield* sh.fail(`${sh.dialect === "dash" ? "Illegal" : "illegal"} option ${on ? "-" : "+"}${c}`);
      }
      if (on) sh.options.add(key);
      else sh.options.delete(key);
    }
  }
  if (i < args.length) sh.positional = args.slice(i);
  return 0;
}

export { setOptions };

/** bash's unset NAME and unset 'NAME[sub]' (one element; [@] and [*] the whole array). */
function* unsetBash(sh: Shell, arg: string): Gen<number> {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(.*)\])?$/s.exec(arg);
  // bash 5.2 passes over a name that cannot be a variable, silently.
  if (!m) return 0;
  const [, name, sub] = m;
  try {
    if (sub === undefined || sub === "@" || sub === "*") sh.vars.unset(name);
    else sh.vars.unsetElement(name, elementKey(sh.vars, name, sub, sh.expander.arithVars()));
  } catch (e) {
    if (e instanceof BadSubscript) {
      yield* sh.message(`[${sub}]: bad array subscript`);
      return 1;
    }
    if (e instanceof ReadonlyError) {
      yield* sh.message(`${name}: cannot unset: readonly variable`);
      return 1;
    }
    throw e;
  }
  return 0;
}

export const variableBuiltins: Builtin[] = [
  exportLike("export"),
  exportLike("readonly"),
  builtin("unset", true, function* (sh, argv) {
    let args = argv.slice(1);
    let fn = false;
    while (args[0] === "-f" || args[0] === "-v") {
      fn = args[0] === "-f";
      args = args.slice(1);
    }
    let status = 0;
    for (const n of args) {
      if (fn) sh.functions.delete(n);
      else if (sh.dialect === "bash") status = (yield* unsetBash(sh, n)) || status;
      else if (!isName(n)) return yield* sh.fail(`${n}: bad variable name`);
      else yield* guard(sh, () => sh.vars.unset(n));
    }
    return status;
  }),
  builtin("set", true, function* (sh, argv) {
    if (argv.length === 1) return yield* showVars(sh, "", () => true);
    return yield* setOptions(sh, argv.slice(1));
  }),
  builtin("shift", true, function* (sh, argv) {
    const n = argv[1] !== undefined ? yield* number(sh, argv[1]) : 1;
    if (n > sh.positional.length) return 1;
    sh.positional = sh.positional.slice(n);
    sh.optind = 1;
    return 0;
  }),
  builtin("local", true, function* (sh, argv) {
    if (sh.dialect === "bash") return yield* declareLike(sh, argv, "local");
    if (!sh.vars.inFunction) return yield* sh.fail("not in a function");
    for (const a of argv.slice(1)) {
      const eq = a.indexOf("=");
      const n = eq < 0 ? a : a.slice(0, eq);
      if (n === "-") continue;
      if (!isName(n)) return yield* sh.fail(`${n}: bad variable name`);
      sh.vars.makeLocal(n);
      if (eq >= 0) yield* guard(sh, () => sh.vars.set(n, a.slice(eq + 1)));
      // busybox ash starts a local without a value unset (and unexported); dash keeps the value.
      else if (sh.dialect === "ash") yield* guard(sh, () => sh.vars.unset(n));
    }
    return 0;
  }),
  builtin("let", false, function* (sh, argv) {
    if (argv.length < 2) return yield* sh.fail("expression expected");
    let v = 0n;
    for (const expr of argv.slice(1)) {
      try {
        v = evalArith(expr, sh.expander.arithVars());
      } catch (e) {
        if (e instanceof ArithError || e instanceof ReadonlyError) return yield* sh.fail(e.message);
        throw e;
      }
    }
    return v === 0n ? 1 : 0;
  }),
  builtin("getopts", false, function* (sh, argv) {
    if (argv.length < 3) return yield* sh.fail("usage: getopts optstring var [arg]");
    const optstr = argv[1];
    const optvar = argv[2];
    const args = argv.length > 3 ? argv.slice(3) : sh.positional;
    if (sh.optind > args.length + 1 || sh.optind < 1) {
      sh.optind = 1;
      sh.optoff = -1;
    }
    return yield* getopts(sh, optstr, optvar, args);
  }),
];

/** ash's getopts(): OPTIND/OPTARG bookkeeping with the position inside a cluster of flags. */
function* getopts(sh: Shell, optstr: string, optvar: string, args: string[]): Gen<number> {
  let ind = sh.optind;
  let p: string | null = null;
  let pos = 0;
  let c = "?";
  let done = false;
  const setv = (n: string, v: string) => sh.vars.set(n, v);
  const out = (): Gen<number> => {
    setv("OPTIND", String(ind));
    setv(optvar, c);
    return immediate(done ? 1 : 0);
  };
  if (ind > 1 && sh.optoff >= 0 && sh.optoff < (args[ind - 2] ?? "").length) {
    p = args[ind - 2];
    pos = sh.optoff;
  }
  if (p === null) {
    const next = args[ind - 1];
    if (next === undefined || next[0] !== "-" || next === "-" || next === "--") {
      if (next === "--") ind++;
      sh.vars.unset("OPTARG");
      done = true;
      sh.optoff = -1;
      sh.optind = ind;
      return yield* out();
    }
    p = next;
    pos = 1;
    ind++;
  }
  c = p[pos++];
  const idx = optstr.indexOf(c);
  const silent = optstr[0] === ":" || sh.vars.get("OPTERR") === "0";
  if (idx < 0 || c === ":") {
    if (silent) setv("OPTARG", c);
    else {
      yield* sh.write(2, `Illegal option -${c}\n`);
      sh.vars.unset("OPTARG");
    }
    c = "?";
  } else if (optstr[idx + 1] === ":") {
    if (pos < p.length) {
      setv("OPTARG", p.slice(pos));
      pos = p.length;
    } else if (args[ind - 1] !== undefined) {
      setv("OPTARG", args[ind - 1]);
      ind++;
      pos = 0;
      p = null;
    } else {
      if (silent) {
        setv("OPTARG", c);
        c = ":";
      } else {
        yield* sh.write(2, `No arg for -${c} option\n`);
        sh.vars.unset("OPTARG");
        c = "?";
      }
    }
  } else setv("OPTARG", "");
  sh.optoff = p !== null && pos < p.length ? pos : -1;
  sh.optind = ind;
  return yield* out();
}
