/**
 * The `set` options of each shell: their long names in `set -o` order, the letter `set` and $-
 * use, and the key the shell stores in Shell.options (the letter, or the name when it has none).
 * busybox 1.35 ash, dash 0.5.12 (src/options.c optlist) and bash 5.2 (flags.c, builtins/set.def).
 */
import type { Dialect } from "./shell";

export interface SetOption {
  name: string;
  /** What Shell.options holds while it is on. */
  key: string;
  /** Its `set -X` letter, if any. */
  letter?: string;
}

const opt = (name: string, letter?: string, key = letter ?? name): SetOption => ({ name, key, letter });

const ASH: SetOption[] = [
  opt("errexit", "e"),
  opt("noglob", "f"),
  opt("ignoreeof", "I"),
  opt("monitor", "m"),
  opt("noexec", "n"),
  opt("xtrace", "x"),
  opt("verbose", "v"),
  opt("noclobber", "C"),
  opt("allexport", "a"),
  opt("notify", "b"),
  opt("nounset", "u"),
  opt("errtrace", "E"),
  opt("vi"),
  opt("pipefail"),
];

const DASH: SetOption[] = [
  opt("errexit", "e"),
  opt("noglob", "f"),
  opt("ignoreeof", "I"),
  opt("interactive", "i"),
  opt("monitor", "m"),
  opt("noexec", "n"),
  opt("stdin", "s"),
  opt("xtrace", "x"),
  opt("verbose", "v"),
  opt("vi", "V", "vi"),
  opt("emacs", "E", "emacs"),
  opt("noclobber", "C"),
  opt("allexport", "a"),
  opt("notify", "b"),
  opt("nounset", "u"),
  opt("privileged", "p"),
  opt("nolog", "q", "nolog"),
  opt("debug"),
];

const BASH: SetOption[] = [
  opt("allexport", "a"),
  opt("braceexpand", "B"),
  opt("emacs"),
  opt("errexit", "e"),
  opt("errtrace", "E"),
  opt("functrace", "T"),
  opt("hashall", "h"),
  opt("histexpand", "H"),
  opt("history"),
  opt("ignoreeof", undefined, "I"),
  opt("interactive-comments"),
  opt("keyword", "k"),
  opt("monitor", "m"),
  opt("noclobber", "C"),
  opt("noexec", "n"),
  opt("noglob", "f"),
  opt("nolog"),
  opt("notify", "b"),
  opt("nounset", "u"),
  opt("onecmd", "t"),
  opt("physical", "P"),
  opt("pipefail"),
  opt("posix"),
  opt("privileged", "p"),
  opt("verbose", "v"),
  opt("vi"),
  opt("xtrace", "x"),
];

export function setOptionTable(dialect: Dialect): SetOption[] {
  return dialect === "bash" ? BASH : dialect === "dash" ? DASH : ASH;
}

/** The key `set -X` sets, or undefined when the shell has no such letter (i, s, c are invocation-only). */
export function keyForLetter(dialect: Dialect, letter: string): string | undefined {
  if (dialect === "ash") return "efImnxvCabuE".includes(letter) ? letter : undefined;
  if (letter === "i" || letter === "s") return undefined;
  return setOptionTable(dialect).find((o) => o.letter === letter)?.key;
}

/**
 * $-. ash and dash list their option letters from the end of the table backwards ("smi"); dash has
 * no letter for -c. bash lists its flags in flags.c order, then c (-c) and s (commands from stdin).
 */
export function optionLetters(dialect: Dialect, options: ReadonlySet<string>): string {
  if (dialect === "bash") {
    let s = "";
    for (const c of "abefhikmnptuvxBCEHPT") if (options.has(c)) s += c;
    if (options.has("c")) s += "c";
    if (options.has("s")) s += "s";
    return s;
  }
  const letters = dialect === "dash" ? "efIimnsxvVECabupq" : "efIimnscxvCabuE";
  let s = "";
  for (const c of [...letters].reverse()) {
    const key = dialect === "dash" ? (c === "V" ? "vi" : c === "E" ? "emacs" : c === "q" ? "nolog" : c) : c;
    if (options.has(key)) s += c;
  }
  return s;
}

/** `set -o` (on) and `set +o` (off) listings. */
export function listSetOptions(dialect: Dialect, options: ReadonlySet<string>, on: boolean): string {
  const table = setOptionTable(dialect);
  const state = (o: SetOption) => options.has(o.key);
  if (!on) return table.map((o) => `set ${state(o) ? "-" : "+"}o ${o.name}\n`).join("");
  if (dialect === "bash") return table.map((o) => `${o.name.padEnd(15)}\t${state(o) ? "on" : "off"}\n`).join("");
  const head = dialect === "dash" ? "Current option settings\n" : "";
  return head + table.map((o) => `${o.name.padEnd(16)}${state(o) ? "on" : "off"}\n`).join("");
}
