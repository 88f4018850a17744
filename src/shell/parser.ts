/**
 * The grammar, following ash's parser (list/andor/pipeline/command/simplecmd with one token of
 * push-back and the `checkkwd` flags) so that syntax errors name the same tokens ash names.
 */
import type {
  ArrayElement,
  Assign,
  CaseItem,
  CondExpr,
  Command,
  For,
  FuncDef,
  ListItem,
  Program,
  Redir,
  RedirOp,
  LitPart,
  SimpleCommand,
  Word,
  WordPart,
} from "./ast";
import { EOF, isName, Lexer, PartBuilder } from "./lexer";

export { NeedMoreInput, ShellSyntaxError } from "./lexer";

const CHKALIAS = 1;
const CHKKWD = 2;
const CHKNL = 4;
const CHKEOFMARK = 8;

/** ash's reserved words (also what `type` and `set -x` recognize). */
export const KEYWORDS: ReadonlySet<string> = new Set([
  "!",
  "case",
  "do",
  "done",
  "elif",
  "else",
  "esac",
  "fi",
  "for",
  "function",
  "if",
  "in",
  "then",
  "until",
  "while",
  "{",
  "}",
]);

/** Operators of [[ ]] that take one operand, and those between two. */
const COND_UNARY = new Set([
  "-a",
  "-b",
  "-c",
  "-d",
  "-e",
  "-f",
  "-g",
  "-h",
  "-k",
  "-n",
  "-p",
  "-r",
  "-s",
  "-t",
  "-u",
  "-w",
  "-x",
  "-z",
  "-G",
  "-L",
  "-N",
  "-O",
  "-S",
  "-v",
]);
const COND_BINARY = new Set([
  "=",
  "==",
  "!=",
  "=~",
  "-eq",
  "-ne",
  "-lt",
  "-le",
  "-gt",
  "-ge",
  "-nt",
  "-ot",
  "-ef",
]);

/** Tokens after which a list ends (ash's tokendlist). */
const LIST_END = new Set(["eof", ")", ";;", "do", "done", "elif", "else", "esac", "fi", "then", "}"]);

type TokKind = string; // "eof" "nl" "redir" "word" an operator, or a keyword

interface PendingHereDoc {
  redir: Redir;
  delim: string;
  stripTabs: boolean;
}

/** Special builtins cannot be function names (ash: "bad function name"). */
const SPECIAL_BUILTINS = new Set([
  ".",
  ":",
  "break",
  "continue",
  "eval",
  "exec",
  "exit",
  "export",
  "readonly",
  "return",
  "set",
  "shift",
  "times",
  "trap",
  "unset",
]);

export interface ParserOptions {
  /** First line number (ash: 1 for files, the current $LINENO for -c and eval strings). */
  line?: number;
  /** More input may follow the text (see NeedMoreInput). */
  more?: boolean;
  aliases?: Map<string, string>;
  /** bash's syntax (arrays and the rest the lexer knows); ash and dash reject it. */
  bash?: boolean;
}

/** Builtins whose `name=(...)` arguments bash parses as array assignments. */
const DECLARATION_BUILTINS = new Set(["declare", "typeset", "local", "readonly", "export"]);

export class Parser extends Lexer {
  private pushback = false;
  private lastTok: TokKind = "eof";
  private lastWord: Word = { parts: [] };
  private lastText = "";
  private lastQuoted = false;
  private lastRedir: Redir | null = null;
  /** The last word was `name=` directly followed by "(" (bash). */
  private lastCompound = false;
  /** Reading the arguments of a declaration builtin (bash), or the words of name=(...). */
  private declarationArgs = false;
  private inArrayList = false;
  private checkkwd = 0;
  private heredocs: PendingHereDoc[] = [];
  private readonly aliases: Map<string, string>;
  /** Alias expansions in effect: [end position in src, name], to stop recursion. */
  private aliasSpans: { end: number; name: string; blank: boolean }[] = [];
  /** Where the last word token started in src. */
  private tokStart = 0;
  /** Net characters inserted into src by alias expansion (to map positions back). */
  private inserted = 0;

  constructor(text: string, opts: ParserOptions = {}) {
    super(text, 0, opts.line ?? 1, opts.more ?? false);
    this.aliases = opts.aliases ?? new Map();
    this.bash = opts.bash ?? false;
  }

  /** Position in the original text up to which input has been consumed. */
  get consumed(): number {
    return this.pos - this.inserted;
  }

  /** True when the parser has already seen the end of input after the last command. */
  get atEof(): boolean {
    return this.pushback && this.lastTok === "eof";
  }

  /**
   * Parses one command line (ash's parsecmd): a list ending at a newline or end of input.
   * Returns "eof" at end of input, null for an empty line.
   */
  parseCommandLine(): Command | null | "eof" {
    this.pushback = false;
    this.checkkwd = 0;
    this.heredocs = [];
    const r = this.list(1);
    return r;
  }

  /** Parses everything (for eval-like uses that want the whole text at once). */
  parseAll(): Command[] {
    const out: Command[] = [];
    for (;;) {
      const c = this.parseCommandLine();
      if (c === "eof") return out;
      if (c) out.push(c);
    }
  }

  private tokname(t: TokKind): string {
    if (t === "eof") return "end of file";
    if (t === "nl") return "newline";
    if (t === "redir") return "redirection";
    if (t === "word") return "word";
    return `"${t}"`;
  }

  private unexpected(expecting: TokKind | null): never {
    let msg = `unexpected ${this.tokname(this.lastTok)}`;
    if (expecting !== null) msg += ` (expecting ${this.tokname(expecting)})`;
    this.error(msg);
  }

  // --- tokens ---

  private xxreadtoken(): TokKind {
    if (this.pushback) {
      this.pushback = false;
      return this.lastTok;
    }
    for (;;) {
      const c = this.getcEat();
      if (c === " " || c === "\t") continue;
      if (c === "#") {
        for (;;) {
          const n = this.getc();
          if (n === "\n" || n === EOF) {
            this.ungetc(n);
            break;
          }
        }
        continue;
      }
      if (c === EOF) return (this.lastTok = "eof");
      if (c === "\n") return (this.lastTok = "nl");
      if (c === "(" || c === ")") return (this.lastTok = c);
      if (c === "&" || c === "|" || c === ";") {
        const n = this.getcEat();
        if (n === c) return (this.lastTok = c + c);
        if (c === "&" && n === ">") {
          this.ungetc(n);
          return this.readRedir(-1, "&");
        }
        this.ungetc(n);
        return (this.lastTok = c);
      }
      if (c === "<" || c === ">") return this.readRedir(-1, c);
      this.ungetc(c);
      this.tokStart = this.pos;
      return this.readWordToken();
    }
  }

  private readWordToken(): TokKind {
    const eofMark = (this.checkkwd & CHKEOFMARK) !== 0;
    // Where an assignment may stand: a command's start, its assignment prefix, declare's arguments.
    const assignOk = (this.checkkwd & ~CHKEOFMARK) !== 0 || this.declarationArgs;
    const subscripts = !this.bash ? "" : this.inArrayList ? "element" : assignOk ? "assignment" : "";
    const { word, quoted, raw } = this.readWord(eofMark, subscripts);
    const next = this.peekEat();
    // "2>file": a word of digits directly followed by < or > is the fd of a redirection.
    if (!quoted && (next === "<" || next === ">") && /^\d+$/.test(raw) && raw.length <= 9) {
      const c = this.getcEat();
      return this.readRedir(Number(raw), c);
    }
    this.lastWord = word;
    this.lastQuoted = quoted;
    this.lastText = raw;
    // bash's "name=(": the start of an array assignment, where the grammar allows one.
    const last = word.parts[word.parts.length - 1];
    this.lastCompound =
      this.bash && next === "(" && last?.type === "lit" && !last.quoted && last.value.endsWith("=");
    return (this.lastTok = "word");
  }

  private readRedir(fd: number, c: string): TokKind {
    let op: RedirOp;
    if (c === "&") {
      this.getcEat(); // the ">"
      op = "&>";
    } else if (c === ">") {
      const n = this.getcEat();
      if (n === ">") op = ">>";
      else if (n === "|") op = ">|";
      else if (n === "&") op = ">&";
      else {
        this.ungetc(n);
        op = ">";
      }
    } else {
      const n = this.getcEat();
      if (n === "<") {
        const m = this.getcEat();
        if (m === "-") op = "<<-";
        else {
          this.ungetc(m);
          op = "<<";
        }
      } else if (n === "&") op = "<&";
      else if (n === ">") op = "<>";
      else {
        this.ungetc(n);
        op = "<";
      }
    }
    const defaultFd = op === "<" || op === "<<" || op === "<<-" || op === "<&" || op === "<>" ? 0 : 1;
    this.lastRedir = { fd: fd >= 0 ? fd : defaultFd, op, target: { parts: [] } };
    return (this.lastTok = "redir");
  }

  private readtoken(): TokKind {
    let kwd = this.checkkwd;
    for (;;) {
      let t = this.xxreadtoken();
      if (kwd & CHKNL) {
        while (t === "nl") {
          this.parseHereDocs();
          this.checkkwd = 0;
          t = this.xxreadtoken();
        }
      }
      kwd |= this.checkkwd;
      this.checkkwd = 0;
      if (t !== "word" || this.lastQuoted) return t;
      // The word after an alias whose value ends in a blank is checked for aliases too.
      const ended = this.aliasSpans.filter((s) => s.end <= this.tokStart);
      if (ended.some((s) => s.blank)) kwd |= CHKALIAS;
      this.aliasSpans = this.aliasSpans.filter((s) => s.end > this.tokStart);
      if (kwd & CHKKWD && KEYWORDS.has(this.lastText) && this.isPlainWord()) {
        return (this.lastTok = this.lastText);
      }
      if (kwd & CHKALIAS && this.expandAlias()) continue;
      return t;
    }
  }

  private isPlainWord(): boolean {
    const p = this.lastWord.parts;
    return p.length === 1 && p[0].type === "lit" && !p[0].quoted;
  }

  private expandAlias(): boolean {
    if (!this.isPlainWord() || this.aliases.size === 0) return false;
    const name = this.lastText;
    const value = this.aliases.get(name);
    if (value === undefined) return false;
    const wordStart = this.tokStart;
    if (this.aliasSpans.some((s) => s.name === name)) return false;
    if (this.src.slice(wordStart, this.pos) !== name) return false;
    this.src = this.src.slice(0, wordStart) + value + this.src.slice(this.pos);
    this.inserted += value.length - name.length;
    for (const s of this.aliasSpans) s.end += value.length - name.length;
    this.pos = wordStart;
    // An alias ending in a blank makes the next word subject to alias expansion too.
    const blank = value.endsWith(" ") || value.endsWith("\t");
    this.aliasSpans.push({ end: wordStart + value.length, name, blank });
    return true;
  }

  // --- here-documents ---

  private parseHereDocs(): void {
    const list = this.heredocs;
    this.heredocs = [];
    for (const h of list) {
      const quoted = h.redir.heredocQuoted === true;
      const startLine = this.line;
      const body = this.readHereDocBody(h.delim, h.stripTabs, quoted);
      if (quoted) h.redir.target = { parts: [{ type: "lit", value: body, quoted: true }] };
      else {
        const sub = new Parser(body, { line: startLine, aliases: this.aliases, bash: this.bash });
        h.redir.target = sub.readHereDocText();
      }
    }
  }

  // --- grammar ---

  private list(nlflag: number): Command | null | "eof" {
    const chknl = nlflag & 1 ? 0 : CHKNL;
    const items: ListItem[] = [];
    const result = (): Command | null => {
      if (items.length === 0) return null;
      if (items.length === 1 && !items[0].async) return items[0].cmd;
      return { type: "list", items };
    };
    for (;;) {
      this.checkkwd = chknl | CHKKWD | CHKALIAS;
      let tok = this.readtoken();
      if (tok === "nl") {
        this.parseHereDocs();
        return result();
      }
      if (tok === "eof") {
        this.parseHereDocs();
        this.pushback = true;
        this.lastTok = "eof";
        if (items.length === 0 && !chknl) return "eof";
        return result();
      }
      this.pushback = true;
      if (nlflag === 2 && LIST_END.has(tok)) return result();
      nlflag |= 2;
      const cmd = this.andor();
      tok = this.readtoken();
      items.push({ cmd, async: tok === "&" });
      switch (tok) {
        case "eof":
          this.parseHereDocs();
          this.pushback = true;
          this.lastTok = "eof";
          return result();
        case "nl":
          this.pushback = true;
          break;
        case "&":
        case ";":
          break;
        default:
          if (!chknl) this.unexpected(null);
          this.pushback = true;
          return result();
      }
    }
  }

  /** list() where the caller needs a command (nested contexts never see top-level EOF). */
  private sublist(nlflag: number): Command | null {
    const r = this.list(nlflag);
    return r === "eof" ? null : r;
  }

  private andor(): Command {
    let left = this.pipeline();
    for (;;) {
      const t = this.readtoken();
      if (t !== "&&" && t !== "||") {
        this.pushback = true;
        return left;
      }
      this.checkkwd = CHKNL | CHKKWD | CHKALIAS;
      const right = this.pipeline();
      left = { type: t === "&&" ? "and" : "or", left, right };
    }
  }

  private pipeline(): Command {
    let negate = false;
    if (this.readtoken() === "!") {
      negate = true;
      this.checkkwd = CHKKWD | CHKALIAS;
    } else this.pushback = true;
    const first = this.command();
    const cmds = [first];
    while (this.readtoken() === "|") {
      this.checkkwd = CHKNL | CHKKWD | CHKALIAS;
      cmds.push(this.command());
    }
    this.pushback = true;
    if (cmds.length === 1 && !negate) return first;
    return { type: "pipeline", negate, cmds };
  }

  private parseFname(redir: Redir): void {
    if (redir.op === "<<" || redir.op === "<<-") this.checkkwd = CHKEOFMARK;
    if (this.readtoken() !== "word") this.unexpected(null);
    if (redir.op === "<<" || redir.op === "<<-") {
      redir.heredocQuoted = this.lastQuoted;
      this.heredocs.push({ redir, delim: this.lastText, stripTabs: redir.op === "<<-" });
    } else {
      redir.target = this.lastWord;
    }
  }

  private simpleCommand(): Command {
    const words: Word[] = [];
    const assigns: Assign[] = [];
    const redirs: Redir[] = [];
    const compoundArgs = new Map<number, Assign>();
    let saveCheck = CHKALIAS;
    const line = this.line;
    let functionKw = false;
    for (;;) {
      this.checkkwd = saveCheck;
      this.declarationArgs = words.length > 0 && DECLARATION_BUILTINS.has(plainText(words[0]));
      const t = this.readtoken();
      this.declarationArgs = false;
      if (t === "function" && words.length === 0 && assigns.length === 0 && redirs.length === 0) {
        if (this.readtoken() !== "word") this.unexpected("word");
        this.pushback = true;
        functionKw = true;
        continue;
      }
      if (t === "word") {
        const assign = saveCheck ? splitAssignment(this.lastWord, this.bash) : null;
        const declaration = words.length > 0 && DECLARATION_BUILTINS.has(plainText(words[0]));
        if (this.lastCompound && (assign || declaration)) {
          const word = this.lastWord;
          const compound = splitAssignment(word, true);
          if (compound && !compound.subscript) {
            compound.elements = this.arrayElements();
            if (assign) assigns.push(compound);
            else {
              compoundArgs.set(words.length, compound);
              words.push(word);
            }
            continue;
          }
        }
        if (assign) assigns.push(assign);
        else {
          words.push(this.lastWord);
          saveCheck = 0;
        }
        if (functionKw) {
          this.checkkwd = CHKNL | CHKKWD;
          const n = this.readtoken();
          this.pushback = true;
          if (n === "{" || n === "if" || n === "case" || n === "until" || n === "while" || n === "for") {
            return this.funcDef(words, assigns, redirs, true);
          }
          if (n === "(") {
            functionKw = false;
            continue;
          }
          this.unexpected(null);
        }
        continue;
      }
      if (t === "redir") {
        const r = this.lastRedir!;
        redirs.push(r);
        this.parseFname(r);
        continue;
      }
      if (t === "(" && words.length === 1 && assigns.length === 0 && redirs.length === 0) {
        return this.funcDef(words, assigns, redirs, false);
      }
      this.pushback = true;
      break;
    }
    const cmd: SimpleCommand = { type: "simple", line, assigns, words, redirs };
    if (compoundArgs.size > 0) cmd.compoundArgs = compoundArgs;
    return cmd;
  }

  /** The words of bash's `name=(...)`, after "name=": newlines and comments may come between. */
  private arrayElements(): ArrayElement[] {
    if (this.xxreadtoken() !== "(") this.unexpected(null);
    const elements: ArrayElement[] = [];
    for (;;) {
      this.inArrayList = true;
      const t = this.xxreadtoken();
      this.inArrayList = false;
      if (t === ")") return elements;
      if (t === "nl") continue;
      if (t !== "word") this.unexpected(null);
      elements.push({ ...splitKeyedElement(this.lastWord), text: this.src.slice(this.tokStart, this.pos) });
    }
  }

  private funcDef(words: Word[], _a: Assign[], _r: Redir[], viaKeyword: boolean): FuncDef {
    if (!viaKeyword && this.readtoken() !== ")") this.unexpected(")");
    const w = words[0];
    const name =
      w.parts.length === 1 && w.parts[0].type === "lit" && !w.parts[0].quoted ? w.parts[0].value : "";
    if (!isName(name) || SPECIAL_BUILTINS.has(name)) this.error("bad function name");
    this.checkkwd = CHKNL | CHKKWD | CHKALIAS;
    const line = this.line;
    const body = this.command();
    return { type: "funcdef", name, body, line };
  }

  private command(): Command {
    const line = this.line;
    let node: Command;
    let closer: TokKind;
    switch (this.readtoken()) {
      case "if": {
        const clauses: { cond: Command; body: Command }[] = [];
        const cond = this.sublist(0);
        if (this.readtoken() !== "then") this.unexpected("then");
        const body = this.sublist(0);
        clauses.push({ cond: cond ?? emptyCmd(line), body: body ?? emptyCmd(line) });
        let elseBody: Command | null = null;
        while (this.readtoken() === "elif") {
          const c = this.sublist(0);
          if (this.readtoken() !== "then") this.unexpected("then");
          const b = this.sublist(0);
          clauses.push({ cond: c ?? emptyCmd(line), body: b ?? emptyCmd(line) });
        }
        if (this.lastTok === "else") elseBody = this.sublist(0) ?? emptyCmd(line);
        else this.pushback = true;
        node = { type: "if", clauses, elseBody, redirs: [] };
        closer = "fi";
        break;
      }
      case "while":
      case "until": {
        const kind = this.lastTok as "while" | "until";
        const cond = this.sublist(0);
        if (this.readtoken() !== "do") this.unexpected("do");
        const body = this.sublist(0);
        node = { type: kind, cond: cond ?? emptyCmd(line), body: body ?? emptyCmd(line), redirs: [] };
        closer = "done";
        break;
      }
      case "for": {
        if (this.readtoken() !== "word" || this.lastQuoted || !isName(this.lastText)) {
          this.error("bad for loop variable");
        }
        const name = this.lastText;
        let words: Word[] | null = null;
        this.checkkwd = CHKNL | CHKKWD | CHKALIAS;
        if (this.readtoken() === "in") {
          words = [];
          while (this.readtoken() === "word") words.push(this.lastWord);
          if (this.lastTok !== "nl" && this.lastTok !== ";") this.unexpected(null);
        } else if (this.lastTok !== ";") {
          this.pushback = true;
        }
        this.checkkwd = CHKNL | CHKKWD | CHKALIAS;
        if (this.readtoken() !== "do") this.unexpected("do");
        const body = this.sublist(0) ?? emptyCmd(line);
        const f: For = { type: "for", name, words, body, redirs: [], line };
        node = f;
        closer = "done";
        break;
      }
      case "case": {
        if (this.readtoken() !== "word") this.unexpected("word");
        const word = this.lastWord;
        this.checkkwd = CHKNL | CHKKWD | CHKALIAS;
        if (this.readtoken() !== "in") this.unexpected("in");
        const items: CaseItem[] = [];
        this.checkkwd = CHKNL | CHKKWD;
        let t = this.readtoken();
        while (t !== "esac") {
          if (this.lastTok === "(") this.readtoken();
          const patterns: Word[] = [];
          for (;;) {
            patterns.push(this.lastWord);
            if (this.readtoken() !== "|") break;
            this.readtoken();
          }
          if (this.lastTok !== ")") this.unexpected(")");
          const body = this.sublist(2);
          items.push({ patterns, body });
          this.checkkwd = CHKNL | CHKKWD;
          t = this.readtoken();
          if (t !== "esac") {
            if (t !== ";;") this.unexpected(";;");
            this.checkkwd = CHKNL | CHKKWD;
            t = this.readtoken();
          }
        }
        node = { type: "case", word, items, redirs: [], line };
        return this.trailingRedirs(node);
      }
      case "(": {
        const body = this.sublist(0);
        node = { type: "subshell", body: body ?? emptyCmd(line), redirs: [], line };
        closer = ")";
        break;
      }
      case "{": {
        const body = this.sublist(0);
        node = { type: "group", body: body ?? emptyCmd(line), redirs: [] };
        closer = "}";
        break;
      }
      case "word":
        if (this.bash && this.lastText === "[[" && this.isPlainWord()) return this.condCommand(line);
        this.pushback = true;
        return this.simpleCommand();
      case "function":
      case "redir":
        this.pushback = true;
        return this.simpleCommand();
      default:
        this.unexpected(null);
    }
    if (this.readtoken() !== closer) this.unexpected(closer);
    return this.trailingRedirs(node);
  }

  // --- [[ ]] ---

  private condCommand(line: number): Command {
    const expr = this.condOr();
    if (this.condToken() !== "]]") this.condUnexpected();
    return this.trailingRedirs({ type: "cond", expr, redirs: [], line });
  }

  /** The next token inside [[ ]]: "]]", "&&", "||", "(", ")", "!", "<", ">", "word", or another. */
  private condToken(): string {
    let t = this.xxreadtoken();
    while (t === "nl") {
      this.parseHereDocs();
      t = this.xxreadtoken();
    }
    if (t === "redir") {
      const r = this.lastRedir!;
      if ((r.op === "<" && r.fd === 0) || (r.op === ">" && r.fd === 1)) return r.op;
      return t;
    }
    if (t === "word" && this.isPlainWord() && (this.lastText === "]]" || this.lastText === "!"))
      return this.lastText;
    return t;
  }

  private condUnexpected(): never {
    if (this.lastTok === "word") this.error(`unexpected word \`${this.lastText}' in conditional command`);
    this.error(`unexpected token ${this.tokname(this.lastTok)} in conditional command`);
  }

  private condOr(): CondExpr {
    let left = this.condAnd();
    while (this.condToken() === "||") left = { kind: "or", left, right: this.condAnd() };
    this.pushback = true;
    return left;
  }

  private condAnd(): CondExpr {
    let left = this.condNot();
    while (this.condToken() === "&&") left = { kind: "and", left, right: this.condNot() };
    this.pushback = true;
    return left;
  }

  private condNot(): CondExpr {
    if (this.condToken() === "!") return { kind: "not", expr: this.condNot() };
    this.pushback = true;
    return this.condPrimary();
  }

  private condPrimary(): CondExpr {
    const t = this.condToken();
    if (t === "(") {
      const expr = this.condOr();
      if (this.condToken() !== ")") this.condUnexpected();
      return expr;
    }
    if (t !== "word") this.condUnexpected();
    const first = this.lastWord;
    const firstText = this.isPlainWord() ? this.lastText : "";
    const next = this.condToken();
    if (COND_UNARY.has(firstText) && next === "word")
      return { kind: "unary", op: firstText, arg: this.lastWord };
    if (next === "<" || next === ">") {
      if (this.condToken() !== "word") this.condUnexpected();
      return { kind: "binary", op: next, left: first, right: this.lastWord };
    }
    if (next === "word" && this.isPlainWord() && COND_BINARY.has(this.lastText)) {
      const op = this.lastText;
      const right =
        op === "=~"
          ? this.condRegexWord()
          : this.condToken() === "word"
            ? this.lastWord
            : this.condUnexpected();
      return { kind: "binary", op, left: first, right };
    }
    this.pushback = true;
    return { kind: "word", word: first };
  }

  /** bash reads the right side of =~ up to a blank outside parentheses, so ( ) | belong to it. */
  private condRegexWord(): Word {
    const b = new PartBuilder();
    let c = this.getcEat();
    while (c === " " || c === "\t") c = this.getcEat();
    this.ungetc(c);
    let depth = 0;
    for (;;) {
      c = this.getcEat();
      if (c === "(" || (c === ")" && depth > 0) || c === "|") {
        depth += c === "(" ? 1 : c === ")" ? -1 : 0;
        b.lit(c, false);
        continue;
      }
      this.ungetc(c);
      if (c === EOF || " \t\n;&<>)".includes(c)) break;
      for (const p of this.readWord(false).word.parts) b.push(p);
    }
    const word = b.word();
    if (word.parts.length === 0) this.condUnexpected();
    return word;
  }

  private trailingRedirs(node: Command): Command {
    this.checkkwd = CHKKWD | CHKALIAS;
    while (this.readtoken() === "redir") {
      const r = this.lastRedir!;
      this.parseFname(r);
      (node as { redirs: Redir[] }).redirs.push(r);
    }
    this.pushback = true;
    return node;
  }

  // --- nested programs ---

  protected parseCmdSubBody(): Program {
    const saveHere = this.heredocs;
    this.heredocs = [];
    const savePush = this.pushback;
    this.pushback = false;
    const body = this.sublist(2);
    if (this.readtoken() !== ")") this.unexpected(")");
    this.parseHereDocs();
    this.heredocs = saveHere;
    this.pushback = savePush;
    return body;
  }

  protected parseNested(text: string, line: number): Program {
    const sub = new Parser(text, { line, aliases: this.aliases, bash: this.bash });
    const items: ListItem[] = [];
    for (;;) {
      const c = sub.parseCommandLine();
      if (c === "eof") break;
      if (c) items.push({ cmd: c, async: false });
    }
    if (items.length === 0) return null;
    if (items.length === 1) return items[0].cmd;
    return { type: "list", items };
  }
}

/** `:`-like placeholder for syntactically empty bodies (ash allows e.g. `if true; then fi`? no: kept for safety). */
function emptyCmd(line: number): Command {
  return { type: "simple", line, assigns: [], words: [], redirs: [] };
}

/**
 * NAME=value at the start of a word (the NAME unquoted) makes it an assignment; bash also has
 * NAME+=value and NAME[subscript]=value (and +=).
 */
function splitAssignment(word: Word, bash = false): Assign | null {
  const first = word.parts[0];
  if (first?.type !== "lit" || first.quoted) return null;
  const m = (bash ? /^([A-Za-z_][A-Za-z0-9_]*)(\+?=|\[)/ : /^([A-Za-z_][A-Za-z0-9_]*)(=)/).exec(first.value);
  if (!m) return null;
  const rest: Word = { parts: [...word.parts] };
  rest.parts[0] = { type: "lit", value: first.value.slice(m[0].length), quoted: false };
  if (m[2] !== "[") return { name: m[1], value: trimEmpty(rest), ...(m[2] === "+=" ? { append: true } : {}) };
  const split = splitAtBracket(rest);
  if (!split) return null;
  const op = /^\+?=/.exec(
    split.after.parts[0]?.type === "lit" && !split.after.parts[0].quoted ? split.after.parts[0].value : "",
  );
  if (!op) return null;
  const value = split.after;
  value.parts[0] = {
    type: "lit",
    value: (value.parts[0] as LitPart).value.slice(op[0].length),
    quoted: false,
  };
  const assign: Assign = { name: m[1], value: trimEmpty(value), subscript: split.inside };
  if (op[0] === "+=") assign.append = true;
  return assign;
}

/** An array word `[key]=value` (the brackets unquoted), else a plain value. */
function splitKeyedElement(word: Word): Omit<ArrayElement, "text"> {
  const first = word.parts[0];
  if (first?.type !== "lit" || first.quoted || !first.value.startsWith("[")) return { value: word };
  const rest: Word = { parts: [...word.parts] };
  rest.parts[0] = { type: "lit", value: first.value.slice(1), quoted: false };
  const split = splitAtBracket(rest);
  const after = split?.after.parts[0];
  if (!split || after?.type !== "lit" || after.quoted || !after.value.startsWith("=")) return { value: word };
  const value = split.after;
  value.parts[0] = { type: "lit", value: after.value.slice(1), quoted: false };
  return { key: split.inside, value: trimEmpty(value) };
}

/** Splits a word after an opening "[" at its matching unquoted "]": the inside and what follows. */
function splitAtBracket(word: Word): { inside: Word; after: Word } | null {
  let depth = 0;
  const inside: WordPart[] = [];
  for (let i = 0; i < word.parts.length; i++) {
    const p = word.parts[i];
    if (p.type !== "lit" || p.quoted) {
      inside.push(p);
      continue;
    }
    for (let j = 0; j < p.value.length; j++) {
      const c = p.value[j];
      if (c === "[") depth++;
      else if (c === "]" && depth-- === 0) {
        if (j > 0) inside.push({ type: "lit", value: p.value.slice(0, j), quoted: false });
        const after: WordPart[] = [
          { type: "lit", value: p.value.slice(j + 1), quoted: false },
          ...word.parts.slice(i + 1),
        ];
        return { inside: trimEmpty({ parts: inside }), after: { parts: after } };
      }
    }
    inside.push(p);
  }
  return null;
}

/** Drops empty unquoted literals left by splitting. */
function trimEmpty(word: Word): Word {
  return { parts: word.parts.filter((p) => !(p.type === "lit" && !p.quoted && p.value === "")) };
}

/** The text of a word made of one unquoted literal, else "". */
function plainText(word: Word): string {
  const p = word.parts;
  return p.length === 1 && p[0].type === "lit" && !p[0].quoted ? p[0].value : "";
}

/** Convenience: parse a whole string (no incremental input). Throws ShellSyntaxError. */
export function parse(text: string, line = 1): Command[] {
  return new Parser(text, { line }).parseAll();
}

export { PartBuilder };
