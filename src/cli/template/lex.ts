/**
 * The lexer of Go's text/template (parse/lex.go, Go 1.24): text and {{actions}}, trim markers
 * "{{- " / " -}}", comments, and the tokens inside actions. Positions are byte offsets.
 */
import { decodeRune } from "../utf8";

export type ItemType =
  | "error"
  | "bool"
  | "char"
  | "charConstant"
  | "complex"
  | "assign"
  | "declare"
  | "EOF"
  | "field"
  | "identifier"
  | "leftDelim"
  | "leftParen"
  | "number"
  | "pipe"
  | "rawString"
  | "rightDelim"
  | "rightParen"
  | "space"
  | "string"
  | "text"
  | "variable"
  // keywords
  | "block"
  | "break"
  | "continue"
  | "dot"
  | "define"
  | "else"
  | "end"
  | "if"
  | "nil"
  | "range"
  | "template"
  | "with";

const KEYWORDS: Record<string, ItemType> = {
  ".": "dot",
  block: "block",
  break: "break",
  continue: "continue",
  define: "define",
  else: "else",
  end: "end",
  if: "if",
  range: "range",
  nil: "nil",
  template: "template",
  with: "with",
};

const KEYWORD_TYPES = new Set(Object.values(KEYWORDS));

export interface Item {
  typ: ItemType;
  pos: number;
  val: string;
  line: number;
}

/** How Go prints a token in "unexpected ..." errors. */
export function itemString(i: Item): string {
  if (i.typ === "EOF") return "EOF";
  if (i.typ === "error") return i.val;
  if (KEYWORD_TYPES.has(i.typ)) return `<${i.val}>`;
  if (i.val.length > 10) return `${goQuote(i.val.slice(0, 10))}...`;
  return goQuote(i.val);
}

// Lazily bound to avoid an import cycle with gofmt in tests that only lex.
let goQuote: (s: string) => string = (s) => JSON.stringify(s);
export function setQuoter(q: (s: string) => string): void {
  goQuote = q;
}

const LEFT_DELIM = "{{";
const RIGHT_DELIM = "}}";
const LEFT_COMMENT = "/*";
const RIGHT_COMMENT = "*/";
const SPACE_CHARS = " \t\r\n";
const EOF = -1;

const isSpace = (r: number) => r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
const isAlphaNumeric = (r: number) =>
  r === 0x5f ||
  (r >= 0x30 && r <= 0x39) ||
  (r >= 0x41 && r <= 0x5a) ||
  (r >= 0x61 && r <= 0x7a) ||
  (r >= 0x80 && /^[\p{L}\p{Nd}]$/u.test(String.fromCodePoint(r)));
const hasLeftTrimMarker = (s: string) => s.length >= 2 && s[0] === "-" && isSpace(s.charCodeAt(1));
const hasRightTrimMarker = (s: string) => s.length >= 2 && isSpace(s.charCodeAt(0)) && s[1] === "-";

function formatRune(r: number): string {
  // Go's %#U: U+0041 'A'
  const hex = r.toString(16).toUpperCase().padStart(4, "0");
  return `U+${hex} '${String.fromCodePoint(r)}'`;
}

export class Lexer {
  private pos = 0;
  private start = 0;
  private width = 0;
  private parenDepth = 0;
  private line = 1;
  private startLine = 1;
  private readonly items: Item[] = [];
  private done = false;
  private state: (() => (() => unknown) | null) | null = () => this.lexText();

  constructor(private readonly input: string) {}

  /** The next token; after EOF or an error, keeps returning it. */
  nextItem(): Item {
    while (this.items.length === 0 && !this.done) {
      if (!this.state) {
        this.done = true;
        break;
      }
      this.state = this.state() as typeof this.state;
    }
    const item = this.items.shift();
    if (item) {
      this.last = item;
      return item;
    }
    return this.last ?? { typ: "EOF", pos: this.input.length, val: "", line: this.line };
  }

  private last: Item | undefined;

  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const [r, w] = decodeRune(this.input, this.pos);
    this.width = w;
    this.pos += w;
    if (r === 0x0a) this.line++;
    return r;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
    if (this.width === 1 && this.input[this.pos] === "\n") this.line--;
  }

  private emit(t: ItemType): null {
    this.items.push({
      typ: t,
      pos: this.start,
      val: this.input.slice(this.start, this.pos),
      line: this.startLine,
    });
    this.start = this.pos;
    this.startLine = this.line;
    return null;
  }

  private ignore(): void {
    this.line += countNewlines(this.input.slice(this.start, this.pos));
    this.start = this.pos;
    this.startLine = this.line;
  }

  private accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCharCode(r))) return true;
    this.backup();
    return false;
  }

  private acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || !valid.includes(String.fromCharCode(r))) break;
    }
    this.backup();
  }

  private errorf(msg: string): null {
    this.items.push({ typ: "error", pos: this.start, val: msg, line: this.startLine });
    this.start = 0;
    this.pos = 0;
    this.done = true;
    return null;
  }

  private lexText(): () => unknown {
    this.width = 0;
    const x = this.input.indexOf(LEFT_DELIM, this.pos);
    if (x >= 0) {
      this.pos = x;
      let trimLength = 0;
      if (hasLeftTrimMarker(this.input.slice(this.pos + LEFT_DELIM.length))) {
        const text = this.input.slice(this.start, this.pos);
        trimLength = text.length - trimRight(text).length;
      }
      this.pos -= trimLength;
      this.line += countNewlines(this.input.slice(this.start, this.pos));
      if (this.pos > this.start) this.emitText();
      this.pos += trimLength;
      this.ignore();
      return () => this.lexLeftDelim();
    }
    this.pos = this.input.length;
    this.line += countNewlines(this.input.slice(this.start, this.pos));
    if (this.pos > this.start) this.emitText();
    this.emit("EOF");
    return () => null;
  }

  /** Text items carry the line they start on; the lexer's line is already past them. */
  private emitText(): void {
    this.items.push({
      typ: "text",
      pos: this.start,
      val: this.input.slice(this.start, this.pos),
      line: this.startLine,
    });
    this.start = this.pos;
    this.startLine = this.line;
  }

  private atRightDelim(): [boolean, boolean] {
    const rest = this.input.slice(this.pos);
    if (rest.startsWith(RIGHT_DELIM)) return [true, false];
    if (hasRightTrimMarker(rest) && rest.slice(2).startsWith(RIGHT_DELIM)) return [true, true];
    return [false, false];
  }

  private lexLeftDelim(): () => unknown {
    this.pos += LEFT_DELIM.length;
    const trimSpace = hasLeftTrimMarker(this.input.slice(this.pos));
    const afterMarker = trimSpace ? 2 : 0;
    if (this.input.startsWith(LEFT_COMMENT, this.pos + afterMarker)) {
      this.pos += afterMarker;
      this.ignore();
      return () => this.lexComment();
    }
    this.emit("leftDelim");
    this.pos += afterMarker;
    this.ignore();
    this.parenDepth = 0;
    return () => this.lexInsideAction();
  }

  private lexComment(): (() => unknown) | null {
    this.pos += LEFT_COMMENT.length;
    const x = this.input.indexOf(RIGHT_COMMENT, this.pos);
    if (x < 0) return this.errorf("unclosed comment");
    this.pos = x + RIGHT_COMMENT.length;
    const [delim, trimSpace] = this.atRightDelim();
    if (!delim) return this.errorf("comment ends before closing delimiter");
    if (trimSpace) this.pos += 2;
    this.pos += RIGHT_DELIM.length;
    if (trimSpace) this.pos += leftTrimLength(this.input.slice(this.pos));
    this.ignore();
    return () => this.lexText();
  }

  private lexRightDelim(): () => unknown {
    const [, trimSpace] = this.atRightDelim();
    if (trimSpace) {
      this.pos += 2;
      this.ignore();
    }
    this.pos += RIGHT_DELIM.length;
    this.emit("rightDelim");
    if (trimSpace) {
      this.pos += leftTrimLength(this.input.slice(this.pos));
      this.ignore();
    }
    return () => this.lexText();
  }

  private lexInsideAction(): (() => unknown) | null {
    const [delim] = this.atRightDelim();
    if (delim) {
      if (this.parenDepth === 0) return () => this.lexRightDelim();
      return this.errorf("unclosed left paren");
    }
    const r = this.next();
    const inside = () => this.lexInsideAction();
    if (r === EOF) return this.errorf("unclosed action");
    if (isSpace(r)) {
      this.backup();
      return () => this.lexSpace();
    }
    switch (String.fromCharCode(r)) {
      case "=":
        this.emit("assign");
        return inside;
      case ":":
        if (this.next() !== 0x3d) return this.errorf("expected :=");
        this.emit("declare");
        return inside;
      case "|":
        this.emit("pipe");
        return inside;
      case '"':
        return () => this.lexQuote();
      case "`":
        return () => this.lexRawQuote();
      case "$":
        return () => this.lexVariable();
      case "'":
        return () => this.lexChar();
      case "(":
        this.emit("leftParen");
        this.parenDepth++;
        return inside;
      case ")":
        this.emit("rightParen");
        this.parenDepth--;
        if (this.parenDepth < 0) return this.errorf(`unexpected right paren ${formatRune(r)}`);
        return inside;
    }
    if (r === 0x2e) {
      // "." followed by a non-digit is a field; otherwise it may start a number.
      if (this.pos < this.input.length) {
        const c = this.input[this.pos];
        if (c < "0" || c > "9") return () => this.lexFieldOrVariable("field");
      }
      this.backup();
      return () => this.lexNumber();
    }
    if (r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
      this.backup();
      return () => this.lexNumber();
    }
    if (isAlphaNumeric(r)) {
      this.backup();
      return () => this.lexIdentifier();
    }
    if (r < 0x80 && r >= 0x20 && r < 0x7f) {
      this.emit("char");
      return inside;
    }
    return this.errorf(`unrecognized character in action: ${formatRune(r)}`);
  }

  private lexSpace(): () => unknown {
    let numSpaces = 0;
    while (isSpace(this.peek())) {
      this.next();
      numSpaces++;
    }
    // A space before " -}}" belongs to the trim marker.
    if (
      hasRightTrimMarker(this.input.slice(this.pos - 1)) &&
      this.input.startsWith(RIGHT_DELIM, this.pos - 1 + 2)
    ) {
      this.backup();
      if (numSpaces === 1) return () => this.lexInsideAction();
    }
    this.emit("space");
    return () => this.lexInsideAction();
  }

  private lexIdentifier(): (() => unknown) | null {
    for (;;) {
      const r = this.next();
      if (isAlphaNumeric(r)) continue;
      this.backup();
      const word = this.input.slice(this.start, this.pos);
      if (!this.atTerminator()) return this.errorf(`bad character ${formatRune(r)}`);
      const kw = KEYWORDS[word];
      if (kw && word !== ".") this.emit(kw);
      else if (word[0] === ".") this.emit("field");
      else if (word === "true" || word === "false") this.emit("bool");
      else this.emit("identifier");
      return () => this.lexInsideAction();
    }
  }

  private lexVariable(): (() => unknown) | null {
    if (this.atTerminator()) {
      this.emit("variable");
      return () => this.lexInsideAction();
    }
    return this.lexFieldOrVariable("variable");
  }

  private lexFieldOrVariable(typ: "field" | "variable"): (() => unknown) | null {
    if (this.atTerminator()) {
      this.emit(typ === "variable" ? "variable" : "dot");
      return () => this.lexInsideAction();
    }
    let r: number;
    for (;;) {
      r = this.next();
      if (!isAlphaNumeric(r)) {
        this.backup();
        break;
      }
    }
    if (!this.atTerminator()) return this.errorf(`bad character ${formatRune(r)}`);
    this.emit(typ);
    return () => this.lexInsideAction();
  }

  private atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    if (r === EOF) return true;
    if (".,|:)(".includes(String.fromCharCode(r))) return true;
    return this.input.startsWith(RIGHT_DELIM, this.pos);
  }

  private lexChar(): (() => unknown) | null {
    for (;;) {
      let r = this.next();
      if (r === 0x5c) {
        r = this.next();
        if (r !== EOF && r !== 0x0a) continue;
        return this.errorf("unterminated character constant");
      }
      if (r === EOF || r === 0x0a) return this.errorf("unterminated character constant");
      if (r === 0x27) break;
    }
    this.emit("charConstant");
    return () => this.lexInsideAction();
  }

  private lexNumber(): (() => unknown) | null {
    if (!this.scanNumber())
      return this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
    const sign = this.peek();
    if (sign === 0x2b || sign === 0x2d) {
      if (!this.scanNumber() || this.input[this.pos - 1] !== "i") {
        return this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
      }
      this.emit("complex");
    } else this.emit("number");
    return () => this.lexInsideAction();
  }

  private scanNumber(): boolean {
    this.accept("+-");
    let digits = "0123456789_";
    if (this.accept("0")) {
      if (this.accept("xX")) digits = "0123456789abcdefABCDEF_";
      else if (this.accept("oO")) digits = "01234567_";
      else if (this.accept("bB")) digits = "01_";
    }
    this.acceptRun(digits);
    if (this.accept(".")) this.acceptRun(digits);
    if (digits.length === 10 + 1 && this.accept("eE")) {
      this.accept("+-");
      this.acceptRun("0123456789_");
    }
    if (digits.length === 16 + 6 + 1 && this.accept("pP")) {
      this.accept("+-");
      this.acceptRun("0123456789_");
    }
    this.accept("i");
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }

  private lexQuote(): (() => unknown) | null {
    for (;;) {
      let r = this.next();
      if (r === 0x5c) {
        r = this.next();
        if (r !== EOF && r !== 0x0a) continue;
        return this.errorf("unterminated quoted string");
      }
      if (r === EOF || r === 0x0a) return this.errorf("unterminated quoted string");
      if (r === 0x22) break;
    }
    this.emit("string");
    return () => this.lexInsideAction();
  }

  private lexRawQuote(): (() => unknown) | null {
    for (;;) {
      const r = this.next();
      if (r === EOF) return this.errorf("unterminated raw quoted string");
      if (r === 0x60) break;
    }
    this.emit("rawString");
    return () => this.lexInsideAction();
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i >= 0; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

function trimRight(s: string): string {
  let end = s.length;
  while (end > 0 && SPACE_CHARS.includes(s[end - 1])) end--;
  return s.slice(0, end);
}

function leftTrimLength(s: string): number {
  let i = 0;
  while (i < s.length && SPACE_CHARS.includes(s[i])) i++;
  return i;
}
