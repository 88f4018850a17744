/** fnmatch(3) without flags (or with FNM_CASEFOLD): "*" and "?" match "/" and leading dots too. */

const CLASSES: Record<string, string> = {
  alpha: "a-zA-Z",
  digit: "0-9",
  alnum: "a-zA-Z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\r\\f\\v",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  xdigit: "0-9A-Fa-f",
  cntrl: "\\x00-\\x1f\\x7f",
  print: "\\x20-\\x7e",
  graph: "\\x21-\\x7e",
};

const escapeRe = (c: string) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");

export function fnmatchRegExp(pattern: string, caseFold = false): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") re += "[\\s\\S]*";
    else if (c === "?") re += "[\\s\\S]";
    else if (c === "\\" && i + 1 < pattern.length) re += escapeRe(pattern[++i]);
    else if (c === "[") {
      const parsed = bracket(pattern, i);
      if (parsed) {
        re += parsed.re;
        i = parsed.end;
      } else re += "\\[";
    } else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`, caseFold ? "i" : "");
}

/** A bracket expression starting at pattern[start] === "["; null when it is not closed. */
function bracket(pattern: string, start: number): { re: string; end: number } | null {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === "!" || pattern[i] === "^") {
    negate = true;
    i++;
  }
  let body = "";
  let first = true;
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "]" && !first) return { re: `[${negate ? "^" : ""}${body}]`, end: i };
    first = false;
    if (c === "[" && pattern[i + 1] === ":") {
      const close = pattern.indexOf(":]", i + 2);
      if (close > 0) {
        const cls = CLASSES[pattern.slice(i + 2, close)];
        if (cls !== undefined) {
          body += cls;
          i = close + 1;
          continue;
        }
      }
    }
    if (c === "\\" && i + 1 < pattern.length) {
      body += escapeRe(pattern[++i]);
      continue;
    }
    if (c === "-" && body !== "" && pattern[i + 1] !== "]" && i + 1 < pattern.length) {
      body += "-";
      continue;
    }
    body += escapeRe(c);
  }
  return null;
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
