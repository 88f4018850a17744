/** Go's path.Match (shell-style globbing where "*" does not cross "/"), with its error text. */

const ERR_BAD_PATTERN = "syntax error in pattern";

class BadPattern {}

export function goPathMatch(pattern: string, name: string): { matched: boolean; error?: string } {
  try {
    return { matched: match(pattern, name) };
  } catch (e) {
    if (e instanceof BadPattern) return { matched: false, error: ERR_BAD_PATTERN };
    throw e;
  }
}

function match(pattern: string, name: string): boolean {
  patternLoop: while (pattern.length > 0) {
    const [star, chunk, rest] = scanChunk(pattern);
    pattern = rest;
    if (star && chunk === "") return !name.includes("/");
    const t = matchChunk(chunk, name);
    if (t !== undefined && (t.length === 0 || pattern.length > 0)) {
      name = t;
      continue;
    }
    if (star) {
      for (let i = 0; i < name.length && name[i] !== "/"; i++) {
        const t2 = matchChunk(chunk, name.slice(i + 1));
        if (t2 !== undefined) {
          if (pattern.length === 0 && t2.length > 0) continue;
          name = t2;
          continue patternLoop;
        }
      }
    }
    // Before answering "no", make sure the rest of the pattern is well formed.
    while (pattern.length > 0) {
      const [, c, r] = scanChunk(pattern);
      pattern = r;
      matchChunk(c, "");
    }
    return false;
  }
  return name.length === 0;
}

function scanChunk(pattern: string): [boolean, string, string] {
  let star = false;
  while (pattern.length > 0 && pattern[0] === "*") {
    pattern = pattern.slice(1);
    star = true;
  }
  let inRange = false;
  let i = 0;
  scan: for (; i < pattern.length; i++) {
    switch (pattern[i]) {
      case "\\":
        if (i + 1 < pattern.length) i++;
        break;
      case "[":
        inRange = true;
        break;
      case "]":
        inRange = false;
        break;
      case "*":
        if (!inRange) break scan;
        break;
    }
  }
  return [star, pattern.slice(0, i), pattern.slice(i)];
}

/** The rest of `s` after matching `chunk`, or undefined; throws BadPattern on a malformed chunk. */
function matchChunk(chunk: string, s: string): string | undefined {
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    switch (chunk[0]) {
      case "[": {
        let r = "";
        if (!failed) {
          r = s[0];
          s = s.slice(1);
        }
        chunk = chunk.slice(1);
        let negated = false;
        if (chunk.length > 0 && chunk[0] === "^") {
          negated = true;
          chunk = chunk.slice(1);
        }
        let matched = false;
        let nrange = 0;
        for (;;) {
          if (chunk.length > 0 && chunk[0] === "]" && nrange > 0) {
            chunk = chunk.slice(1);
            break;
          }
          let lo: string;
          let hi: string;
          [lo, chunk] = getEsc(chunk);
          hi = lo;
          if (chunk[0] === "-") [hi, chunk] = getEsc(chunk.slice(1));
          if (lo <= r && r <= hi) matched = true;
          nrange++;
        }
        if (matched === negated) failed = true;
        break;
      }
      case "?":
        if (!failed) {
          if (s[0] === "/") failed = true;
          s = s.slice(1);
        }
        chunk = chunk.slice(1);
        break;
      case "\\":
        chunk = chunk.slice(1);
        if (chunk.length === 0) throw new BadPattern();
        if (!failed) {
          if (chunk[0] !== s[0]) failed = true;
          s = s.slice(1);
        }
        chunk = chunk.slice(1);
        break;
      default:
        if (!failed) {
          if (chunk[0] !== s[0]) failed = true;
          s = s.slice(1);
        }
        chunk = chunk.slice(1);
    }
  }
  return failed ? undefined : s;
}

function getEsc(chunk: string): [string, string] {
  if (chunk.length === 0 || chunk[0] === "-" || chunk[0] === "]") throw new BadPattern();
  if (chunk[0] === "\\") {
    chunk = chunk.slice(1);
    if (chunk.length === 0) throw new BadPattern();
  }
  const r = chunk[0];
  const rest = chunk.slice(1);
  if (rest.length === 0) throw new BadPattern();
  return [r, rest];
}
