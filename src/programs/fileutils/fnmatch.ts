/** fnmatch(3) without flags (or with FNM_CASEFOLD): "*" and "?" match "/" and leading dots too. */
import { patternSource } from "../../shell/pattern";

const escapeRe = (c: string) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");

/** The shell's pattern rules are fnmatch's without FNM_PATHNAME: one implementation serves both. */
export function fnmatchRegExp(pattern: string, caseFold = false): RegExp {
  return new RegExp(`^(?:${patternSource(pattern)})$`, caseFold ? "i" : "");
}

export function fnmatch(pattern: string, text: string, caseFold = false): boolean {
  return fnmatchRegExp(pattern, caseFold).test(text);
}

/** A POSIX basic regular expression as a JavaScript one (for find -regex). */
export function breToRegExp(bre: string): RegExp {
  let re = "";
  for (let i = 0; i < bre.length; i++) {
    const c = bre[i];
    if (c === "\\" && i + 1 < bre.length) {
      const d = bre[++i];
      if ("(){}|".includes(d)) re += d;
      else if (d === "+" || d === "?") re += d;
      else re += escapeRe(d);
    } else if ("(){}|+?/".includes(c)) re += `\\${c}`;
    else if (c === "[") {
      const end = bre.indexOf("]", i + (bre[i + 1] === "]" ? 2 : bre[i + 1] === "^" && bre[i + 2] === "]" ? 3 : 1));
      if (end < 0) re += "\\[";
      else {
        re += bre.slice(i, end + 1).replace(/\\/g, "\\\\");
        i = end;
      }
    } else re += c;
  }
  return new RegExp(re);
}
