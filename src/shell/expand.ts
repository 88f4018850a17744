/**
 * Word expansion in POSIX order: tilde, parameter, command substitution and arithmetic, then
 * field splitting on IFS, pathname expansion and quote removal.
 *
 * Expansion first produces a stream of characters, each knowing whether it was quoted (protected
 * from globbing) and whether it came from an unquoted expansion (subject to splitting), plus field
 * breaks for "$@". Splitting and globbing then work on that stream.
 */
import type { Gen, Sys } from "../kernel/api";
import { ArithError, evalArith } from "./arith";
import type { ParamPart, Program, Word, WordPart } from "./ast";
import { glob } from "./glob";
import { hasGlobChars, removeAffix, replacePattern } from "./pattern";
import { ReadonlyError, type Vars } from "./vars";

export interface ExpandHost {
  readonly sys: Sys;
  readonly vars: Vars;
  positional: string[];
  arg0: string;
  lastStatus: number;
  readonly rootPid: number;
  lastBgPid: number | undefined;
  optionString(): string;
  option(name: "nounset" | "noglob"): boolean;
  /** Runs a command substitution; returns its output with trailing newlines removed. */
  commandSubstitution(body: Program): Gen<string>;
  /** Prints an error the way ash does and aborts the current command (throws). */
  fail(msg: string): Gen<never>;
  lineno: number;
  readonly dialect: string;
}

/** Characters of an expansion result (a run sharing the same flags). */
interface Ch {
  c: string;
  /** Quoted: literal for globbing, never split. */
  q: boolean;
  /** From an unquoted expansion: IFS characters here split fields. */
  s: boolean;
}

/** A field break (between the words of "$@"), or a marker that the current field is quoted. */
type Piece = Ch | { brk: true } | { mark: true };

const DEFAULT_IFS = " \t\n";

export class Expander {
  constructor(private readonly h: ExpandHost) {}

  /** Full expansion of command words into fields. */
  *fields(words: Word[]): Gen<string[]> {
    const out: string[] = [];
    for (const w of words) {
      const pieces = yield* this.pieces(w, { tilde: true });
      for (const f of this.split(pieces)) {
        if (!this.h.option("noglob") && f.hasMagic) {
          const matches = glob(this.h.sys, f.pattern);
          if (matches.length > 0) {
            out.push(...matches);
            continue;
          }
        }
        out.push(f.text);
      }
    }
    return out;
  }

  /** Expansion without splitting or globbing (assignments, redirection targets, case words). */
  *string(w: Word, opts: { tilde?: boolean; assignment?: boolean } = {}): Gen<string> {
    const pieces = yield* this.pieces(w, { tilde: opts.tilde ?? true, assignment: opts.assignment });
    let s = "";
    for (const p of pieces) if ("c" in p) s += p.c;
    return s;
  }

  /** Expansion for [[ =~ ]]: quoted characters match literally, the rest is a regex. */
  *regex(w: Word): Gen<string> {
    const pieces = yield* this.pieces(w, { tilde: true });
    let s = "";
    for (const p of pieces) if ("c" in p) s += p.q ? p.c.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&") : p.c;
    return s;
  }

  /** Expansion to a pattern: quoted characters are backslash-escaped, the rest stay magic. */
  *pattern(w: Word): Gen<string> {
    const pieces = yield* this.pieces(w, { tilde: true });
    let s = "";
    for (const p of pieces) if ("c" in p) s += p.q ? escapeChar(p.c) : p.c;
    return s;
  }

  // --- stage 1: parts to pieces ---

  private *pieces(w: Word, opts: { tilde: boolean; assignment?: boolean }): Gen<Piece[]> {
    const out: Piece[] = [];
    const parts = w.parts;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (part.type === "lit") {
        let value = part.value;
        if (!part.quoted && opts.tilde && (i === 0 || opts.assignment)) {
          value = this.tildes(value, i === 0, opts.assignment === true, parts[i + 1]);
          if (value !== part.value) {
            // The expanded home directory is not split or globbed.
            pushText(out, value, true, false, this.ifs());
            continue;
          }
        }
        if (part.quoted && value === "") out.push({ mark: true });
        pushText(out, value, part.quoted, false, this.ifs());
      } else {
        yield* this.expandPart(part, out);
      }
    }
    return out;
  }

  private tildes(value: string, atStart: boolean, assignment: boolean, next: WordPart | undefined): string {
    const expandAt = (s: string): string => {
      if (!s.startsWith("~")) return s;
      const slash = s.indexOf("/");
      const end = slash < 0 ? s.length : slash;
      // "~user" followed by a quoted or expanded part is not a tilde prefix.
      if (slash < 0 && next !== undefined && !assignment) return s;
      const user = s.slice(1, end);
      const home = this.homeOf(user);
      return home === undefined ? s : home + s.slice(end);
    };
    if (!assignment) return atStart ? expandAt(value) : value;
    // In assignments, a tilde may follow the "=" (start) or any ":".
    return value
      .split(":")
      .map((seg, idx) => (idx === 0 && !atStart ? seg : expandAt(seg)))
      .join(":");
  }

  private homeOf(user: string): string | undefined {
    if (user === "") {
      const home = this.h.vars.get("HOME");
      if (home !== undefined) return home;
      return this.passwdHome((f) => Number(f[2]) === this.h.sys.getuid());
    }
    return this.passwdHome((f) => f[0] === user);
  }

  private passwdHome(match: (fields: string[]) => boolean): string | undefined {
    let passwd: string;
    try {
      passwd = this.h.sys.readFile("/etc/passwd");
    } catch {
      return undefined;
    }
    for (const line of passwd.split("\n")) {
      const f = line.split(":");
      if (f.length >= 6 && match(f)) return f[5];
    }
    return undefined;
  }

  private *expandPart(part: WordPart, out: Piece[]): Gen<void> {
    switch (part.type) {
      case "lit":
        pushText(out, part.value, part.quoted, false, this.ifs());
        return;
      case "cmdsub": {
        const text = yield* this.h.commandSubstitution(part.body);
        if (part.quoted) out.push({ mark: true });
        pushText(out, text, part.quoted, !part.quoted, this.ifs());
        return;
      }
      case "arith": {
        const expr = yield* this.string(part.expr, { tilde: false });
        let v: bigint;
        try {
          v = evalArith(expr, this.arithVars());
        } catch (e) {
          if (e instanceof ArithError) return yield* this.h.fail(e.message);
          if (e instanceof ReadonlyError) return yield* this.h.fail(e.message);
          throw e;
        }
        pushText(out, v.toString(), part.quoted, !part.quoted, this.ifs());
        return;
      }
      case "param":
        yield* this.param(part, out);
        return;
    }
  }

  arithVars() {
    const vars = this.h.vars;
    const h = this.h;
    return {
      get: (name: string) => {
        const v = vars.get(name);
        if (v === undefined && h.option("nounset")) throw new ArithError(`${name}: parameter not set`);
        return v;
      },
      set: (name: string, value: string) => vars.set(name, value),
    };
  }

  /** Value of a parameter: a string, undefined when unset, or a list for $@ and $*. */
  private lookup(name: string): string | string[] | undefined {
    const h = this.h;
    switch (name) {
      case "@":
      case "*":
        return h.positional;
      case "#":
        return String(h.positional.length);
      case "?":
        return String(h.lastStatus);
      case "$":
        return String(h.rootPid);
      case "!":
        return h.lastBgPid === undefined ? undefined : String(h.lastBgPid);
      case "-":
        return h.optionString();
      case "0":
        return h.arg0;
    }
    if (/^\d+$/.test(name)) return h.positional[Number(name) - 1];
    if (name === "LINENO") return String(h.lineno);
    // ash and bash give a new number in 0..32767 at each expansion; dash has no $RANDOM.
    if (name === "RANDOM" && h.dialect !== "dash") {
      const b = h.sys.random(2);
      return String(((b.charCodeAt(0) << 8) | b.charCodeAt(1)) & 0x7fff);
    }
    return h.vars.get(name);
  }

  private ifs(): string {
    const v = this.h.vars.get("IFS");
    return v === undefined ? DEFAULT_IFS : v;
  }

  private *param(part: ParamPart, out: Piece[]): Gen<void> {
    const { name, op, quoted } = part;
    if (op === "bad") return yield* this.h.fail("syntax error: bad substitution");
    const raw = this.lookup(name);
    const isList = Array.isArray(raw);
    const isSet = isList ? raw.length > 0 : raw !== undefined;
    const joined = isList ? raw.join(this.joinSep(name, quoted)) : (raw ?? "");
    const nullOrUnset = !isSet || (part.colon && joined === "");

    const checkUnset = function* (this: Expander): Gen<void> {
      if (!isSet && !isList && this.h.option("nounset")) yield* this.h.fail(`${name}: parameter not set`);
    };

    switch (op) {
      case "": {
        yield* checkUnset.call(this);
        this.pushValue(out, raw, name, quoted);
        return;
      }
      case "len": {
        yield* checkUnset.call(this);
        const n = isList && (name === "@" || name === "*") ? raw.length : joined.length;
        pushText(out, String(n), quoted, !quoted, this.ifs());
        return;
      }
      case "-":
      case "+": {
        const useArg = op === "-" ? nullOrUnset : !nullOrUnset;
        if (useArg) yield* this.argPieces(part, out);
        else if (op === "-") this.pushValue(out, raw, name, quoted);
        else if (quoted) out.push({ mark: true });
        return;
      }
      case "=": {
        if (nullOrUnset) {
          if (isList || /^[\d@*#?$!-]/.test(name)) {
            return yield* this.h.fail(`${name}: cannot assign in this way`);
          }
          const value = yield* this.string(part.arg ?? { parts: [] }, { tilde: true });
          try {
            this.h.vars.set(name, value);
          } catch (e) {
            if (e instanceof ReadonlyError) return yield* this.h.fail(e.message);
            throw e;
          }
          if (quoted) out.push({ mark: true });
          pushText(out, value, quoted, !quoted, this.ifs());
        } else this.pushValue(out, raw, name, quoted);
        return;
      }
      case "?": {
        if (nullOrUnset) {
          const msg = part.arg ? yield* this.string(part.arg) : "";
          const text = msg !== "" ? msg : part.colon ? "parameter not set or null" : "parameter not set";
          return yield* this.h.fail(`${name}: ${text}`);
        }
        this.pushValue(out, raw, name, quoted);
        return;
      }
      case "%":
      case "%%":
      case "#":
      case "##": {
        yield* checkUnset.call(this);
        const pat = yield* this.pattern(part.arg ?? { parts: [] });
        const apply = (v: string) => removeAffix(v, pat, op);
        this.pushValue(
          out,
          isList ? raw.map(apply) : raw === undefined ? undefined : apply(raw),
          name,
          quoted,
        );
        return;
      }
      case "/":
      case "//": {
        yield* checkUnset.call(this);
        const pat = yield* this.pattern(part.arg ?? { parts: [] });
        const rep = part.arg2 ? yield* this.string(part.arg2, { tilde: false }) : "";
        const apply = (v: string) => replacePattern(v, pat, rep, op === "//");
        this.pushValue(
          out,
          isList ? raw.map(apply) : raw === undefined ? undefined : apply(raw),
          name,
          quoted,
        );
        return;
      }
      case "substr": {
        yield* checkUnset.call(this);
        const offText = yield* this.string(part.arg ?? { parts: [] }, { tilde: false });
        const lenText = part.arg2 ? yield* this.string(part.arg2, { tilde: false }) : undefined;
        let off: number;
        let len: number | undefined;
        try {
          off = Number(evalArith(offText, this.arithVars()));
          len = lenText === undefined ? undefined : Number(evalArith(lenText, this.arithVars()));
        } catch (e) {
          if (e instanceof ArithError) return yield* this.h.fail(e.message);
          throw e;
        }
        const v = joined;
        if (off < 0) off = Math.max(0, v.length + off);
        let end = len === undefined ? v.length : len < 0 ? v.length + len : off + len;
        if (end < off) end = off;
        pushText(out, v.slice(off, end), quoted, !quoted, this.ifs());
        if (quoted) out.push({ mark: true });
        return;
      }
    }
  }

  /** How "$*" joins: the first char of IFS (none when IFS is empty); unquoted lists break fields. */
  private joinSep(name: string, quoted: boolean): string {
    if (name === "*" && quoted) return this.ifs().slice(0, 1);
    return " ";
  }

  private pushValue(out: Piece[], raw: string | string[] | undefined, name: string, quoted: boolean): void {
    if (Array.isArray(raw)) {
      if (quoted && name === "*") {
        out.push({ mark: true });
        pushText(out, raw.join(this.ifs().slice(0, 1)), true, false, this.ifs());
        return;
      }
      raw.forEach((v, i) => {
        if (i > 0) out.push({ brk: true });
        if (quoted) out.push({ mark: true });
        pushText(out, v, quoted, !quoted, this.ifs());
      });
      return;
    }
    if (quoted) out.push({ mark: true });
    pushText(out, raw ?? "", quoted, !quoted, this.ifs());
  }

  /** The word of ${x-word} ${x+word}: its unquoted text is split when the ${} is unquoted. */
  private *argPieces(part: ParamPart, out: Piece[]): Gen<void> {
    if (part.quoted) out.push({ mark: true });
    if (!part.arg) return;
    const inner = yield* this.pieces(part.arg, { tilde: true });
    for (const p of inner) {
      if (!("c" in p)) out.push(p);
      else if (part.quoted) out.push({ c: p.c, q: true, s: false });
      else pushText(out, p.c, p.q, !p.q, this.ifs());
    }
  }

  // --- stage 2: field splitting ---

  private split(pieces: Piece[]): { text: string; pattern: string; hasMagic: boolean }[] {
    const ifs = this.ifs();
    const fields: { text: string; pattern: string; hasMagic: boolean }[] = [];
    let text = "";
    let pattern = "";
    let quoted = false;
    let unquotedChars = false;
    const emit = (force: boolean) => {
      if (force || text !== "" || quoted) {
        fields.push({ text, pattern, hasMagic: unquotedChars && hasGlobChars(pattern) });
      }
      text = "";
      pattern = "";
      quoted = false;
      unquotedChars = false;
    };
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i];
      if ("brk" in p) {
        emit(false);
        continue;
      }
      if ("mark" in p) {
        quoted = true;
        continue;
      }
      if (p.s && ifs.includes(p.c)) {
        let ifsWhite = DEFAULT_IFS.includes(p.c);
        if (ifsWhite && text === "" && !quoted) continue; // leading IFS white space
        emit(true);
        // Absorb following IFS white space, and at most one non-white IFS char after white space.
        for (; i + 1 < pieces.length; i++) {
          const n = pieces[i + 1];
          if (!("c" in n) || !n.s || !ifs.includes(n.c)) break;
          if (!DEFAULT_IFS.includes(n.c)) {
            if (ifsWhite) ifsWhite = false;
            else break;
          }
        }
        continue;
      }
      text += p.c;
      if (p.q) pattern += escapeChar(p.c);
      else {
        pattern += p.c;
        unquotedChars = true;
      }
    }
    emit(false);
    return fields;
  }
}

/**
 * Appends text as pieces: runs of characters share one piece (a 10 MB variable must not become ten
 * million objects), except that characters that may split fields (IFS, in unquoted expansions)
 * stand alone.
 */
function pushText(out: Piece[], text: string, q: boolean, s: boolean, ifs: string): void {
  if (!s) {
    if (text !== "") out.push({ c: text, q, s });
    return;
  }
  let run = "";
  for (const c of text) {
    if (!ifs.includes(c)) {
      run += c;
      continue;
    }
    if (run !== "") out.push({ c: run, q, s });
    run = "";
    out.push({ c, q, s });
  }
  if (run !== "") out.push({ c: run, q, s });
}

/** Backslash-escapes glob magic in a run of quoted characters. */
function escapeChar(text: string): string {
  return text.replace(/[\\*?[\]]/g, "\\$&");
}
