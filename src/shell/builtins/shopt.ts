/** bash's shopt: its shell options, listed and set as bash 5.2 does (they change nothing else here). */
import { type Builtin, builtin } from "./types";

/** bash 5.2's options in its listing order, "+" marking those on by default. */
const DEFAULTS =
  "autocd assoc_expand_once cdable_vars cdspell checkhash checkjobs +checkwinsize +cmdhist compat31 compat32 compat40 compat41 compat42 compat43 compat44 +complete_fullquote direxpand dirspell dotglob execfail expand_aliases extdebug extglob +extquote failglob +force_fignore +globasciiranges +globskipdots globstar gnu_errfmt histappend histreedit histverify +hostcomplete huponexit inherit_errexit +interactive_comments lastpipe lithist localvar_inherit localvar_unset login_shell mailwarn no_empty_cmd_completion nocaseglob nocasematch noexpand_translation nullglob +patsub_replacement +progcomp progcomp_alias +promptvars restricted_shell shift_verbose +sourcepath varredir_close xpg_echo";

/** A fresh bash's options; interactive shells expand aliases, login shells say so. */
export function defaultShopts(interactive: boolean, login: boolean): Map<string, boolean> {
  const m = new Map<string, boolean>();
  for (const w of DEFAULTS.split(" ")) m.set(w.replace("+", ""), w.startsWith("+"));
  m.set("expand_aliases", interactive);
  m.set("login_shell", login);
  return m;
}

export const shoptBuiltin: Builtin = {
  ...builtin("shopt", false, function* (sh, argv) {
    let mode: "s" | "u" | null = null;
    let print = false;
    let quiet = false;
    let i = 1;
    for (; i < argv.length && argv[i].startsWith("-") && argv[i] !== "-"; i++) {
      if (argv[i] === "--") {
        i++;
        break;
      }
      for (const c of argv[i].slice(1)) {
        if (c === "s" || c === "u") mode = c;
        else if (c === "p") print = true;
        else if (c === "q") quiet = true;
        else {
          yield* sh.message(`-${c}: invalid option`);
          yield* sh.write(2, "shopt: usage: shopt [-pqsu] [-o] [optname ...]\n");
          return 2;
        }
      }
    }
    const names = argv.slice(i);
    const opts = sh.shopts;
    const line = (n: string, on: boolean) => (print ? `shopt ${on ? "-s" : "-u"} ${n}\n` : `${n.padEnd(15)}\t${on ? "on" : "off"}\n`);
    let status = 0;
    for (const n of names) {
      if (opts.has(n)) continue;
      yield* sh.message(`${n}: invalid shell option name`);
      status = 1;
    }
    const known = names.filter((n) => opts.has(n));
    if (mode !== null && names.length > 0) {
      for (const n of known) opts.set(n, mode === "s");
      return status;
    }
    let text = "";
    const listed = names.length > 0 ? known : [...opts.keys()];
    for (const n of listed) {
      const on = opts.get(n)!;
      if (names.length > 0 && !on) status = 1;
      if (mode === null || (mode === "s") === on) text += line(n, on);
    }
    if (!quiet) yield* sh.write(1, text);
    return status;
  }),
  bashOnly: true,
};
