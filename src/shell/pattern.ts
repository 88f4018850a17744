/**
 * Shell patterns (fnmatch without FNM_PATHNAME): * ? [...] with ! or ^ negation, ranges and
 * [:class:]es. A backslash makes the next character literal; the expander backslash-escapes the
 * characters that were quoted in the source, as ash does.
 */

const CLASSES: Record<string, string> = {
  alpha: "a-zA-Z",
  digit: "0-9",
  alnum: "a-zA-Z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\r\\f\\v",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  print: " -~",
  graph: "!-~",
  cntrl: "\\x00-\\x1f\\x7f",
  xdigit: "0-9A-Fa-f",
};

function reEscape(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

/** Parses a bracket expression at pat[i] === "[". Returns [regex source, next index] or null. */
function bracket(pat: string, i: number): [string, number] | null {
  let j = i + 1;
  let negate = false;
  if (pat[j] === "!" || pat[j] === "^") {
    negate = true;
    j++;
  }
  let body = "";
  let first = true;
  while (j < pat.length) {
    const c = pat[j];
    if (c === "]" && !first) {
      if (body === "") return null;
      return [`[${negate ? "^" : ""}${body}]`, j + 1];
    }
    first = false;
    if (c === "[" && pat[j + 1] === ":") {
      const end = pat.indexOf(":]", j + 2);
      if (end > 0) {
        const cls = CLASSES[pat.slice(j + 2, end)];
        if (cls !== undefined) {
          body += cls;
          j = end + 2;
          continue;
        }
      }
    }
    let lo = c;
    if (c === "\\" && j + 1 < pat.length) {
      lo = pat[j + 1];
      j++;
    }
    j++;
    if (pat[j] === "-" && j + 1 < pat.length && pat[j + 1] !== "]") {
      let hi = pat[j + 1];
      j += 2;
      if (hi === "\\" && j < pat.length) {
        hi = pat[j];
        j++;
      }
      if (hi < lo) continue; // an empty range matches nothing
      body += `${reEscape(lo)}-${reEscape(hi)}`;
    } else {
      body += reEscape(lo);
    }
  }
  return null;
}

/** Regex source for a pattern (unanchored). */
export function patternSource(pat: string): string {
  let out = "";
  for (let i = 0; i < pat.length; ) {
    const c = pat[i];
    if (c === "\\") {
      out += i + 1 < pat.length ? reEscape(pat[i + 1]) : "\\\\";
      i += 2;
    } else if (c === "*") {
      out += "[^]*";
      i++;
    } else if (c === "?") {
      out += "[^]";
      i++;
    } else if (c === "[") {
      const b = bracket(pat, i);
      if (b) {
        out += b[0];
        i = b[1];
      } else {
        out += "\\[";
        i++;
      }
    } else {
      out += reEscape(c);
      i++;
    }
  }
  return out;
}

const cache = new Map<string, RegExp>();

export function patternRegExp(pat: string): RegExp {
  let re = cache.get(pat);
  if (!re) {
    re = new RegExp(`^(?:${patternSource(pat)})$`);
    if (cache.size > 500) cache.clear();
    cache.set(pat, re);
  }
  return re;
}

export function matchPattern(pat: string, s: string): boolean {
  return patternRegExp(pat).test(s);
}

/** True when the pattern has an unescaped * ? or a complete [...]. */
export function hasGlobChars(pat: string): boolean {
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === "\\") i++;
    else if (c === "*" || c === "?") return true;
    else if (c === "[" && bracket(pat, i)) return true;
  }
  return false;
}

/** Removes backslash escapes (a pattern used as a plain string). */
export function unescapePattern(pat: string): string {
  let out = "";
  for (let i = 0; i < pat.length; i++) {
    if (pat[i] === "\\" && i + 1 < pat.length) i++;
    out += pat[i];
  }
  return out;
}

/** ${v#p} ${v##p} ${v%p} ${v%%p}. */
export function removeAffix(value: string, pat: string, op: "#" | "##" | "%" | "%%"): string {
  const re = patternRegExp(pat);
  const n = value.length;
  if (op === "#") {
    for (let i = 0; i <= n; i++) if (re.test(value.slice(0, i))) return value.slice(i);
  } else if (op === "##") {
    for (let i = n; i >= 0; i--) if (re.test(value.slice(0, i))) return value.slice(i);
  } else if (op === "%") {
    for (let i = n; i >= 0; i--) if (re.test(value.slice(i))) return value.slice(0, i);
  } else {
    for (let i = 0; i <= n; i++) if (re.test(value.slice(i))) return value.slice(0, i);
  }
  return value;
}

/** ${v/p/r} and ${v//p/r}: leftmost, longest matches (busybox 1.35 has no /# or /% anchors). */
export function replacePattern(value: string, pat: string, rep: string, all: boolean): string {
  const re = patternRegExp(pat);
  const n = value.length;
  let out = "";
  let i = 0;
  while (i <= n) {
    let matched = -1;
    for (let j = n; j >= i; j--) {
      if (re.test(value.slice(i, j))) {
        matched = j;
        break;
      }
    }
    if (matched < 0 || (matched === i && pat !== "" && !re.test(""))) {
      if (i < n) out += value[i];
      i++;
      continue;
    }
    if (matched === i) {
      // empty match: bash/ash do not loop on it
      if (i < n) out += value[i];
      i++;
      continue;
    }
    out += rep;
    i = matched;
    if (!all) return out + value.slice(i);
  }
  return out;
}

/** bash's ${x/#pat/rep} and ${x/%pat/rep}: replace the longest match at the start, or at the end. */
export function replaceAnchored(value: string, pat: string, rep: string, anchor: "#" | "%"): string {
  const re = patternRegExp(pat);
  if (anchor === "#") {
    for (let j = value.length; j >= 0; j--) if (re.test(value.slice(0, j))) return rep + value.slice(j);
  } else {
    for (let i = 0; i <= value.length; i++) if (re.test(value.slice(i))) return value.slice(0, i) + rep;
  }
  return value;
}
