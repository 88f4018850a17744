/**
 * Word expansion in POSIX order: tilde, parameter, command substitution and arithmetic, then
 * field splitting on IFS, pathname expansion and quote removal.
 *
 * Expansion first produces a stream of characters, each knowing whether it was quoted (protected
 * from globbing) and whether it came from an unquoted expansion (subject to splitting), plus field
 * breaks for "$@". Splitting and globbing then work on that stream.
 */
import type { Gen, Sys } from "../kernel/api";
import { ArithError, type ArithVars, evalArith } from "./arith";
import type { ParamPart, Program, Word, WordPart } from "./ast";
import { glob } from "./glob";
import { hasGlobChars, matchPattern, removeAffix, replaceAnchored, replacePattern } from "./pattern";
import { BadSubscript, elementKey, subscriptVars } from "./subscript";
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
  /** bash's runtime error: "NAME: line N: MSG"; with a status it also aborts the command. */
  lineError(msg: string, status?: number): Gen<void>;
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
    // Unsplit, the words of "$@" are joined: by a space in bash, by IFS's first character in ash.
    const brk = this.h.dialect === "bash" ? " " : this.ifs().slice(0, 1);
    let s = "";
    for (const p of pieces) {
      if ("c" in p) s += p.c;
      else if ("brk" in p) s += brk;
    }
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

  arithVars(): ArithVars {
    const vars = this.h.vars;
    const h = this.h;
    const plain: ArithVars = {
      get: (name: string) => {
        const v = vars.get(name);
        if (v === undefined && h.option("nounset")) throw new ArithError(`${name}: parameter not set`);
        return v;
      },
      set: (name: string, value: string) => vars.set(name, value),
    };
    // bash's arithmetic also reads and assigns array elements: a[i+1].
    return h.dialect === "bash" ? subscriptVars(vars, plain) : plain;
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

  /**
   * A parameter's value: a string, undefined when unset, or a list ("$@", "${a[@]}") with how it
   * joins: "@" keeps its words apart when quoted, "*" joins them with IFS's first character.
   */
  private *value(part: ParamPart): Gen<{ raw: string | string[] | undefined; list: "@" | "*" | null }> {
    const { name, subscript } = part;
    if (subscript === undefined) {
      const raw = this.lookup(name);
      return { raw, list: Array.isArray(raw) ? (name as "@" | "*") : null };
    }
    const vars = this.h.vars;
    const arr = vars.array(name);
    if (subscript === "@" || subscript === "*") {
      const scalar = vars.get(name);
      return { raw: arr ? arr.values() : scalar === undefined ? [] : [scalar], list: subscript };
    }
    const text = yield* this.string(subscript, { tilde: false });
    try {
      const key = elementKey(vars, name, text, this.arithVars());
      if (arr)
        return { raw: arr.kind === "indexed" ? arr.get(Number(key)) : arr.get(String(key)), list: null };
      return { raw: key === 0 ? vars.get(name) : undefined, list: null };
    } catch (e) {
      if (e instanceof BadSubscript) {
        yield* this.h.lineError(`${name}: bad array subscript`);
        return { raw: undefined, list: null };
      }
      if (e instanceof ArithError) return yield* this.h.fail(e.message);
      throw e;
    }
  }

  private *param(part: ParamPart, out: Piece[]): Gen<void> {
    const { name, op, quoted } = part;
    if (op === "bad") {
      if (this.h.dialect === "bash") return yield* this.h.lineError(`\${${part.text}}: bad substitution`, 1);
      return yield* this.h.fail("syntax error: bad substitution");
    }
    if (op === "keys") {
      const arr = this.h.vars.array(name);
      const keys = arr ? arr.keys().map(String) : this.h.vars.isSet(name) ? ["0"] : [];
      this.pushValue(out, keys, part.subscript as "@" | "*", quoted);
      return;
    }
    if (op === "indirect") return yield* this.indirect(part, out);
    const { raw, list } = yield* this.value(part);
    const isList = Array.isArray(raw);
    const isSet = isList ? raw.length > 0 : raw !== undefined;
    const joined = isList ? raw.join(list === "*" && quoted ? this.ifs().slice(0, 1) : " ") : (raw ?? "");
    const nullOrUnset = !isSet || (part.colon && joined === "");
    const eachValue = (f: (v: string) => string) =>
      isList ? raw.map(f) : raw === undefined ? undefined : f(raw);

    const checkUnset = function* (this: Expander): Gen<void> {
      if (!isSet && !isList && this.h.option("nounset")) yield* this.h.fail(`${name}: parameter not set`);
    };

    switch (op) {
      case "": {
        yield* checkUnset.call(this);
        this.pushValue(out, raw, list, quoted);
        return;
      }
      case "len": {
        yield* checkUnset.call(this);
        const n = isList ? raw.length : joined.length;
        pushText(out, String(n), quoted, !quoted, this.ifs());
        return;
      }
      case "-":
      case "+": {
        const useArg = op === "-" ? nullOrUnset : !nullOrUnset;
        if (useArg) yield* this.argPieces(part, out);
        else if (op === "-") this.pushValue(out, raw, list, quoted);
        else if (quoted) out.push({ mark: true });
        return;
      }
      case "=": {
        if (nullOrUnset) {
          if (isList || part.subscript !== undefined || /^[\d@*#?$!-]/.test(name)) {
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
        } else this.pushValue(out, raw, list, quoted);
        return;
      }
      case "?": {
        if (nullOrUnset) {
          const msg = part.arg ? yield* this.string(part.arg) : "";
          const text = msg !== "" ? msg : part.colon ? "parameter not set or null" : "parameter not set";
          return yield* this.h.fail(`${name}: ${text}`);
        }
        this.pushValue(out, raw, list, quoted);
        return;
      }
      case "%":
      case "%%":
      case "#":
      case "##":
      case "/":
      case "//": {
        yield* checkUnset.call(this);
        const anchor = op === "/" && this.h.dialect === "bash" ? anchorOf(part.arg) : null;
        const pat = yield* this.pattern(anchor ? anchor.rest : (part.arg ?? { parts: [] }));
        const rep = part.arg2 ? yield* this.string(part.arg2, { tilde: false }) : "";
        const apply = anchor
          ? (v: string) => replaceAnchored(v, pat, rep, anchor.at)
          : op === "/" || op === "//"
            ? (v: string) => replacePattern(v, pat, rep, op === "//")
            : (v: string) => removeAffix(v, pat, op);
        this.pushValue(out, eachValue(apply), list, quoted);
        return;
      }
      case "^":
      case "^^":
      case ",":
      case ",,": {
        const pat = part.arg ? yield* this.pattern(part.arg) : "";
        const upper = op[0] === "^";
        const convert = (ch: string) => {
          if (pat !== "" && !matchPattern(pat, ch)) return ch;
          return upper ? ch.toUpperCase() : ch.toLowerCase();
        };
        const apply = (v: string) =>
          op.length === 2 ? [...v].map(convert).join("") : v === "" ? v : convert(v[0]) + v.slice(1);
        this.pushValue(out, eachValue(apply), list, quoted);
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
        if (isList && this.h.dialect === "bash") {
          if (len !== undefined && len < 0)
            return yield* this.h.lineError(`${lenText}: substring expression < 0`, 1);
          this.pushValue(out, this.sliceList(part, off, len), list, quoted);
          return;
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

  /**
   * bash's ${a[@]:off:len}: the elements whose index is at least `off` (negative: from the end),
   * `len` of them; for ${@:off:len} the positions count $0 as 0.
   */
  private sliceList(part: ParamPart, off: number, len: number | undefined): string[] {
    let entries: [number, string][];
    let end: number;
    const arr = part.subscript !== undefined ? this.h.vars.array(part.name) : undefined;
    if (part.subscript === undefined) {
      entries = [this.h.arg0, ...this.h.positional].map((v, i) => [i, v]);
      end = entries.length;
    } else if (arr?.kind === "indexed") {
      entries = arr.keys().map((k) => [k, arr.get(k) as string]);
      end = arr.end();
    } else {
      const scalar = this.h.vars.get(part.name);
      const values = arr ? arr.values() : scalar === undefined ? [] : [scalar];
      entries = values.map((v, i) => [i, v]);
      end = entries.length;
    }
    if (off < 0) off += end;
    if (off < 0) return [];
    const from = entries.filter(([k]) => k >= off).map(([, v]) => v);
    return len === undefined ? from : from.slice(0, len);
  }

  /** bash's ${!name}: the parameter whose name (maybe with a subscript) is NAME's value. */
  private *indirect(part: ParamPart, out: Piece[]): Gen<void> {
    const { raw: target } = yield* this.value(part);
    const ref =
      typeof target === "string"
        ? /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])(?:\[(.*)\])?$/s.exec(target)
        : null;
    if (!ref) {
      const shown = typeof target === "string" ? target : part.name;
      return yield* this.h.lineError(`${shown}: invalid indirect expansion`, 1);
    }
    const inner: ParamPart = { ...part, name: ref[1], op: "", subscript: undefined };
    const sub = ref[2];
    if (sub !== undefined) {
      inner.subscript =
        sub === "@" || sub === "*" ? sub : { parts: [{ type: "lit", value: sub, quoted: true }] };
    }
    yield* this.param(inner, out);
  }

  private pushValue(
    out: Piece[],
    raw: string | string[] | undefined,
    list: "@" | "*" | null,
    quoted: boolean,
  ): void {
    if (Array.isArray(raw)) {
      // "$*": one word joined by IFS's first character (none when IFS is empty).
      if (quoted && list === "*") {
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

/** bash's ${x/#pat/rep} and ${x/%pat/rep}: an unquoted # or % first anchors the pattern. */
function anchorOf(arg: Word | undefined): { at: "#" | "%"; rest: Word } | null {
  const first = arg?.parts[0];
  if (!arg || first?.type !== "lit" || first.quoted || (first.value[0] !== "#" && first.value[0] !== "%"))
    return null;
  const rest = first.value.slice(1);
  const parts = rest === "" ? arg.parts.slice(1) : [{ ...first, value: rest }, ...arg.parts.slice(1)];
  return { at: first.value[0] as "#" | "%", rest: { parts } };
}
