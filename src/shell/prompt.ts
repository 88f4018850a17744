/**
 * Prompts: PS1/PS2 get parameter and command expansion (ash's ASH_EXPAND_PRMT), then busybox
 * lineedit's backslash escapes (\u \h \w \W \$ \n ...).
 */
import type { Gen } from "../kernel/api";
import { ShellAbort } from "./errors";
import { Parser, ShellSyntaxError } from "./parser";
import type { Shell } from "./shell";

function userName(sh: Shell): string {
  const uid = sh.sys.geteuid();
  try {
    for (const line of sh.sys.readFile("/etc/passwd").split("\n")) {
      const f = line.split(":");
      if (f.length >= 3 && Number(f[2]) === uid) return f[0];
    }
  } catch {
    // no passwd
  }
  return String(uid);
}

function cwd(sh: Shell): string {
  try {
    return sh.sys.getcwd();
  } catch {
    return sh.vars.get("PWD") ?? "/";
  }
}

/** The lineedit escapes, applied after expansion. */
export function promptEscapes(sh: Shell, text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== "\\" || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const e = text[++i];
    const home = sh.vars.get("HOME");
    switch (e) {
      case "u":
        out += userName(sh);
        break;
      case "s":
      case "v":
      case "V": {
        // bash's shell name and version ("5.2", or with the patch level "5.2.15"); not busybox's.
        if (sh.dialect !== "bash") {
          out += `\\${e}`;
          break;
        }
        if (e === "s") {
          out += sh.arg0.slice(sh.arg0.lastIndexOf("/") + 1);
          break;
        }
        const v = (sh.vars.get("BASH_VERSION") ?? "").replace(/\(.*/, "");
        out += e === "v" ? v.split(".").slice(0, 2).join(".") : v;
        break;
      }
      case "h":
        out += sh.sys.uname().nodename.split(".")[0];
        break;
      case "H":
        out += sh.sys.uname().nodename;
        break;
      case "w": {
        const dir = cwd(sh);
        out +=
          home && home !== "/" && (dir === home || dir.startsWith(`${home}/`))
            ? `~${dir.slice(home.length)}`
            : dir;
        break;
      }
      case "W": {
        const dir = cwd(sh);
        out +=
          home && dir === home && home !== "/"
            ? "~"
            : dir === "/"
              ? "/"
              : dir.slice(dir.lastIndexOf("/") + 1);
        break;
      }
      case "$":
        out += sh.sys.geteuid() === 0 ? "#" : "$";
        break;
      case "n":
        out += "\n";
        break;
      case "r":
        out += "\r";
        break;
      case "e":
        out += "\x1b";
        break;
      case "a":
        out += "\x07";
        break;
      case "\\":
        out += "\\";
        break;
      case "[":
      case "]":
        break;
      default:
        if (e >= "0" && e <= "7") {
          let digits = e;
          while (digits.length < 3 && text[i + 1] >= "0" && text[i + 1] <= "7") digits += text[++i];
          out += String.fromCharCode(Number.parseInt(digits, 8) & 0xff);
        } else out += `\\${e}`;
    }
  }
  return out;
}

/** Expands $PS1 or $PS2 into the text to show. */
export function* expandPrompt(sh: Shell, name: "PS1" | "PS2"): Gen<string> {
  const raw = sh.vars.get(name) ?? "";
  // "\$" must survive expansion for the escape pass; park it on a byte prompts never contain.
  const parked = raw.replace(/\\\$/g, "\x01");
  let expanded = parked;
  if (/[$`]/.test(parked)) {
    const saved = sh.lastStatus;
    try {
      const word = new Parser(parked, {}).readHereDocText();
      expanded = yield* sh.expander.string(word, { tilde: false });
    } catch (e) {
      if (!(e instanceof ShellAbort) && !(e instanceof ShellSyntaxError)) throw e;
      expanded = parked;
    }
    sh.lastStatus = saved;
  }
  return promptEscapes(sh, expanded.replace(/\x01/g, "\\$"));
}
