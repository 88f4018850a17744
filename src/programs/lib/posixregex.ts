/**
 * POSIX regular expressions (glibc flavour, as busybox grep/sed use them) translated to JS RegExp:
 * basic (BRE: \( \) \{ \} \| \+ \? are the operators) and extended (ERE) syntax, bracket expressions
 * with [:classes:], back-references, \< \> \b \B \w \W \s \S anchors and classes.
 * Matching is leftmost-first (JS) rather than POSIX leftmost-longest; for alternations whose
 * branches are prefixes of one another the chosen match can differ.
 */

export class RegexSyntaxError extends Error {}

const CLASS_RANGES: Record<string, string> = {
  alpha: "A-Za-z",
  digit: "0-9",
  alnum: "0-9A-Za-z",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\v\\f\\r",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  print: " -~",
  graph: "!-~",
  cntrl: "\\x00-\\x1f\\x7f",
  xdigit: "0-9A-Fa-f",
};

const JS_SPECIAL = /[\\^$.*+?()[\]{}|/]/;
const lit = (c: string) => (JS_SPECIAL.test(c) ? `\\${c}` : c === "\n" ? "\\n" : c);

/** Parses a bracket expression starting at re[i] === "["; returns the JS class and the index after it. */
function bracket(re: string, i: number, icase: boolean): [string, number] {
  let j = i + 1;
  let negate = false;
  if (re[j] === "^") {
    negate = true;
    j++;
  }
  const items: string[] = [];
  let first = true;
  for (;;) {
    if (j >= re.length) throw new RegexSyntaxError("Unmatched [, [^, [:, [., or [=");
    const c = re[j];
    if (c === "]" && !first) {
      j++;
      break;
    }
    first = false;
    if (c === "[" && (re[j + 1] === ":" || re[j + 1] === "=" || re[j + 1] === ".")) {
      const kind = re[j + 1];
      const close = re.indexOf(`${kind}]`, j + 2);
      if (close < 0) throw new RegexSyntaxError("Unmatched [, [^, [:, [., or [=");
      const name = re.slice(j + 2, close);
      if (kind === ":") {
        const r = CLASS_RANGES[name];
        if (r === undefined) throw new RegexSyntaxError("Invalid character class name");
        items.push(icase && (name === "upper" || name === "lower") ? "A-Za-z" : r);
      } else items.push(name.split("").map(classLit).join(""));
      j = close + 2;
      continue;
    }
    // A range "a-z" (a "-" first or last is literal).
    if (re[j + 1] === "-" && re[j + 2] !== undefined && re[j + 2] !== "]") {
      let end = re[j + 2];
      let after = j + 3;
      if (end === "[" && re[j + 3] === ".") {
        const close = re.indexOf(".]", j + 4);
        end = re.slice(j + 4, close);
        after = close + 2;
      }
      if (end.charCodeAt(0) < c.charCodeAt(0)) throw new RegexSyntaxError("Invalid range end");
      items.push(`${classLit(c)}-${classLit(end)}`);
      j = after;
      continue;
    }
    items.push(classLit(c));
    j++;
  }
  return [`[${negate ? "^" : ""}${items.join("")}]`, j];
}

function classLit(c: string): string {
  return c === "\\" || c === "]" || c === "[" || c === "^" || c === "-" ? `\\${c}` : c === "\n" ? "\\n" : c;
}

/**
 * Translates a POSIX regex to JS RegExp source. `extended` selects ERE. Throws RegexSyntaxError with
 * glibc's message for malformed expressions.
 */
export function posixToJs(re: string, extended: boolean, icase = false): string {
  let out = "";
  // Start index (in `out`) of the last atom, for quantifiers; -1 when there is none.
  let atomStart = -1;
  let lastWasQuantifier = false;
  const groupStarts: number[] = [];
  let atExprStart = true;
  let groups = 0;
  const quantify = (q: string) => {
    if (atomStart < 0) {
      // Nothing to repeat: literal in BRE (and in glibc ERE at the start).
      out += lit(q[0]) + q.slice(1);
      atomStart = -1;
      return;
    }
    if (lastWasQuantifier) out = `${out.slice(0, atomStart)}(?:${out.slice(atomStart)})`;
    out += q;
    lastWasQuantifier = true;
  };
  const atom = (js: string) => {
    atomStart = out.length;
    out += js;
    lastWasQuantifier = false;
    atExprStart = false;
  };
  const interval = (i: number, closeBackslash: boolean): [string, number] | null => {
    const m = (closeBackslash ? /^(\d*)(,(\d*))?\\\}/ : /^(\d*)(,(\d*))?\}/).exec(re.slice(i));
    if (!m || (m[1] === "" && !closeBackslash && m[2] === undefined)) return null;
    const min = m[1] === "" ? "0" : m[1];
    if (m[3] !== undefined && m[3] !== "" && Number(m[3]) < Number(min)) throw new RegexSyntaxError("Invalid content of \\{\\}");
    return [`{${min}${m[2] !== undefined ? `,${m[3] ?? ""}` : ""}}`, i + m[0].length];
  };
  for (let i = 0; i < re.length; ) {
    const c = re[i];
    if (c === "\\") {
      const n = re[i + 1];
      if (n === undefined) throw new RegexSyntaxError("Trailing backslash");
      i += 2;
      if (!extended && n === "(") {
        groupStarts.push(out.length);
        groups++;
        out += "(";
        atomStart = -1;
        lastWasQuantifier = false;
        atExprStart = true;
        continue;
      }
      if (!extended && n === ")") {
        const start = groupStarts.pop();
        if (start === undefined) throw new RegexSyntaxError("Unmatched ) or \\)");
        out += ")";
        atomStart = start;
        lastWasQuantifier = false;
        continue;
      }
      if (!extended && n === "{") {
        const q = interval(i, true);
        if (!q) throw new RegexSyntaxError("Unmatched \\{");
        if (atomStart < 0) throw new RegexSyntaxError("Invalid preceding regular expression");
        quantify(q[0]);
        i = q[1];
        continue;
      }
      if (!extended && (n === "+" || n === "?")) {
        if (atomStart < 0) atom(lit(n));
        else quantify(n);
        continue;
      }
      if (!extended && n === "|") {
        out += "|";
        atomStart = -1;
        lastWasQuantifier = false;
        atExprStart = true;
        continue;
      }
      if (n >= "1" && n <= "9") {
        if (Number(n) > groups) throw new RegexSyntaxError("Invalid back reference");
        atom(`\\${n}`);
        continue;
      }
      const special: Record<string, string> = {
        "<": "\\b(?=\\w)",
        ">": "\\b(?<=\\w)",
        b: "\\b",
        B: "\\B",
        w: "\\w",
        W: "\\W",
        s: "\\s",
        S: "\\S",
        "`": "^",
        "'": "$",
        n: "\\n",
        t: "t",
      };
      if (special[n] !== undefined) {
        if ("<>bB`'".includes(n)) {
          out += special[n];
          atomStart = -1;
          lastWasQuantifier = false;
        } else atom(special[n]);
        continue;
      }
      atom(lit(n));
      continue;
    }
    if (c === "[") {
      const [cls, next] = bracket(re, i, icase);
      atom(cls);
      i = next;
      continue;
    }
    if (c === ".") {
      atom("[^]");
      i++;
      continue;
    }
    if (c === "*") {
      if (atomStart < 0 && (!extended || atExprStart)) atom("\\*");
      else quantify("*");
      i++;
      continue;
    }
    if (c === "^") {
      // An anchor at the start of an expression (GNU: also after \( or \|, and anywhere in ERE).
      if (extended || atExprStart) {
        out += "^";
        atomStart = -1;
        lastWasQuantifier = false;
      } else atom("\\^");
      i++;
      continue;
    }
    if (c === "$") {
      const atEnd =
        i === re.length - 1 || (!extended && (re.startsWith("\\)", i + 1) || re.startsWith("\\|", i + 1))) || extended;
      if (atEnd) {
        out += "$";
        atomStart = -1;
        lastWasQuantifier = false;
      } else atom("\\$");
      i++;
      continue;
    }
    if (extended) {
      if (c === "(") {
        groupStarts.push(out.length);
        groups++;
        out += "(";
        atomStart = -1;
        lastWasQuantifier = false;
        atExprStart = true;
        i++;
        continue;
      }
      if (c === ")") {
        const start = groupStarts.pop();
        if (start === undefined) {
          atom("\\)");
          i++;
          continue;
        }
        out += ")";
        atomStart = start;
        lastWasQuantifier = false;
        i++;
        continue;
      }
      if (c === "|") {
        out += "|";
        atomStart = -1;
        lastWasQuantifier = false;
        atExprStart = true;
        i++;
        continue;
      }
      if (c === "+" || c === "?") {
        if (atomStart < 0) atom(lit(c));
        else quantify(c);
        i++;
        continue;
      }
      if (c === "{") {
        const q = atomStart >= 0 ? interval(i + 1, false) : null;
        if (q) {
          quantify(q[0]);
          i = q[1];
        } else {
          atom("\\{");
          i++;
        }
        continue;
      }
    }
    atom(lit(c));
    i++;
  }
  if (groupStarts.length) throw new RegexSyntaxError("Unmatched ( or \\(");
  return out;
}

/** Compiles a POSIX regex; flags are JS flags (e.g. "g", "i"). */
export function compilePosix(re: string, extended: boolean, flags = ""): RegExp {
  return new RegExp(posixToJs(re, extended, flags.includes("i")), flags);
}
