/**
 * The parser of Go's text/template (parse/parse.go, Go 1.24), with its error texts:
 * `template: :1: function "foo" not defined`, `unexpected {{end}}`, `unclosed action`, ...
 */
import { quote } from "../gofmt";
import { parseGoFloat, parseGoInt, parseGoUint } from "../strconv";
import { type Item, type ItemType, itemString, Lexer, setQuoter } from "./lex";
import type { ArgNode, CommandNode, ListNode, Node, NumberValue, PipeNode } from "./nodes";
import { unquote, unquoteRune } from "./unquote";

setQuoter(quote);

export class TemplateParseError extends Error {}

export interface ParsedTemplate {
  /** The source text (byte string), for error positions. */
  text: string;
  name: string;
  root: ListNode;
  /** Templates from {{define}} and {{block}}. */
  defs: Map<string, ListNode>;
}

class Parser {
  private readonly lex: Lexer;
  private token: Item[] = [];
  private peekCount = 0;
  private vars: string[] = ["$"];
  private rangeDepth = 0;
  private actionLine = 0;

  constructor(
    text: string,
    private readonly name: string,
    private readonly hasFunction: (name: string) => boolean,
    readonly defs: Map<string, ListNode>,
  ) {
    this.lex = new Lexer(text);
    this.token = [];
  }

  errorf(msg: string): never {
    const line = this.token[0]?.line ?? 1;
    throw new TemplateParseError(`template: ${this.name}:${line}: ${msg}`);
  }

  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount];
  }

  private backup(): void {
    this.peekCount++;
  }

  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1];
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }

  private nextNonSpace(): Item {
    let t: Item;
    do t = this.next();
    while (t.typ === "space");
    return t;
  }

  private peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  private expect(expected: ItemType, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== expected) this.unexpected(t, context);
    return t;
  }

  private unexpected(t: Item, context: string): never {
    if (t.typ === "error") {
      let extra = "";
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.name}:${this.actionLine}`;
        if (t.val.endsWith(" action")) extra = extra.slice(" in action".length);
      }
      this.errorf(`${t.val}${extra}`);
    }
    this.errorf(`unexpected ${itemString(t)} in ${context}`);
  }

  parse(): ListNode {
    const root: ListNode = { type: "list", pos: this.peek().pos, nodes: [] };
    while (this.peek().typ !== "EOF") {
      if (this.peek().typ === "leftDelim") {
        const delim = this.next();
        if (this.nextNonSpace().typ === "define") {
          this.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === "end" || n.type === "else") this.errorf(`unexpected {{${n.type}}}`);
      root.nodes.push(n);
    }
    return root;
  }

  private parseDefinition(): void {
    const context = "define clause";
    const t = this.nextNonSpace();
    if (t.typ !== "string" && t.typ !== "rawString") this.unexpected(t, context);
    const name = unquote(t.val);
    if (name === undefined) this.errorf("invalid syntax");
    this.expect("rightDelim", context);
    const savedVars = this.vars;
    this.vars = ["$"];
    const [list, end] = this.itemList();
    this.vars = savedVars;
    if (end.type !== "end") this.errorf(`unexpected ${nodeLabel(end)} in ${context}`);
    this.addDefinition(name, list);
  }

  private addDefinition(name: string, list: ListNode): void {
    const existing = this.defs.get(name);
    if (existing && !isEmptyTree(existing) && !isEmptyTree(list)) {
      throw new TemplateParseError(`template: multiple definition of template ${quote(name)}`);
    }
    if (!existing || !isEmptyTree(list)) this.defs.set(name, list);
  }

  private itemList(): [ListNode, Node] {
    const list: ListNode = { type: "list", pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== "EOF") {
      const n = this.textOrAction();
      if (n.type === "end" || n.type === "else") return [list, n];
      list.nodes.push(n);
    }
    this.errorf("unexpected EOF");
  }

  private textOrAction(): Node {
    const t = this.nextNonSpace();
    if (t.typ === "text") return { type: "text", pos: t.pos, text: t.val };
    if (t.typ === "leftDelim") {
      this.actionLine = t.line;
      try {
        return this.action();
      } finally {
        this.actionLine = 0;
      }
    }
    this.unexpected(t, "input");
  }

  private action(): Node {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case "block":
        return this.blockControl();
      case "break":
      case "continue": {
        const next = this.nextNonSpace();
        if (next.typ !== "rightDelim") this.unexpected(next, `{{${t.typ}}}`);
        if (this.rangeDepth === 0) this.errorf(`{{${t.typ}}} outside {{range}}`);
        return { type: t.typ, pos: t.pos, line: t.line };
      }
      case "else":
        return this.elseControl();
      case "end":
        return { type: "end", pos: this.expect("rightDelim", "end").pos, line: t.line };
      case "if":
        return this.control("if");
      case "range":
        return this.control("range");
      case "template":
        return this.templateControl();
      case "with":
        return this.control("with");
    }
    this.backup();
    const token = this.peek();
    return { type: "action", pos: token.pos, line: token.line, pipe: this.pipeline("command", "rightDelim") };
  }

  private control(context: "if" | "with" | "range"): Node {
    const savedVars = this.vars.length;
    try {
      const pipe = this.pipeline(context, "rightDelim");
      if (context === "range") this.rangeDepth++;
      let [list, next] = this.itemList();
      if (context === "range") this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.type === "else") {
        if (
          (context === "if" && this.peek().typ === "if") ||
          (context === "with" && this.peek().typ === "with")
        ) {
          // {{else if x}} is {{else}}{{if x}} whose {{end}} is shared.
          this.next();
          elseList = { type: "list", pos: next.pos, nodes: [this.control(context)] };
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== "end") this.errorf(`expected end; found ${nodeLabel(next)}`);
        }
      }
      list = list ?? { type: "list", pos: 0, nodes: [] };
      return { type: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = savedVars;
    }
  }

  private elseControl(): Node {
    const peek = this.peekNonSpace();
    if (peek.typ === "if" || peek.typ === "with") return { type: "else", pos: peek.pos, line: peek.line };
    const t = this.expect("rightDelim", "else");
    return { type: "else", pos: t.pos, line: t.line };
  }

  private templateName(t: Item, context: string): string {
    if (t.typ !== "string" && t.typ !== "rawString") this.unexpected(t, context);
    const name = unquote(t.val);
    if (name === undefined) this.errorf("invalid syntax");
    return name;
  }

  private templateControl(): Node {
    const context = "template clause";
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().typ !== "rightDelim") {
      this.backup();
      pipe = this.pipeline(context, "rightDelim");
    }
    return { type: "template", pos: t.pos, line: t.line, name, pipe };
  }

  private blockControl(): Node {
    const context = "block clause";
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    const pipe = this.pipeline(context, "rightDelim");
    const savedVars = this.vars;
    const savedDepth = this.rangeDepth;
    this.vars = ["$"];
    this.rangeDepth = 0;
    const [list, end] = this.itemList();
    this.vars = savedVars;
    this.rangeDepth = savedDepth;
    if (end.type !== "end") this.errorf(`unexpected ${nodeLabel(end)} in ${context}`);
    this.addDefinition(name, list);
    return { type: "template", pos: t.pos, line: t.line, name, pipe };
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const token = this.peekNonSpace();
    const pipe: PipeNode = {
      type: "pipe",
      pos: token.pos,
      line: token.line,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== "variable") break;
      this.next();
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === "assign" || next.typ === "declare") {
        pipe.isAssign = next.typ === "assign";
        this.nextNonSpace();
        pipe.decl.push({ type: "variable", pos: v.pos, ident: v.val.split(".") });
        this.vars.push(v.val);
      } else if (next.typ === "char" && next.val === ",") {
        this.nextNonSpace();
        pipe.decl.push({ type: "variable", pos: v.pos, ident: v.val.split(".") });
        this.vars.push(v.val);
        if (context === "range" && pipe.decl.length < 2) {
          const p = this.peekNonSpace().typ;
          if (p === "variable" || p === "rightDelim" || p === "rightParen") continue;
          this.errorf("range can only initialize variables");
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (tokenAfterVariable.typ === "space") {
        this.backup3(v, tokenAfterVariable);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.typ) {
        case "bool":
        case "charConstant":
        case "complex":
        case "dot":
        case "field":
        case "identifier":
        case "number":
        case "nil":
        case "rawString":
        case "string":
        case "variable":
        case "leftParen":
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      if (["bool", "dot", "nil", "number", "string"].includes(c.args[0].type)) {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: "command", pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.typ === "space") continue;
      if (t.typ === "rightDelim" || t.typ === "rightParen") this.backup();
      else if (t.typ !== "pipe") this.unexpected(t, "operand");
      break;
    }
    if (cmd.args.length === 0) this.errorf("empty command");
    return cmd;
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().typ === "field") {
      const pos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().typ === "field") fields.push(this.next().val.slice(1));
      switch (node.type) {
        case "field":
          return { type: "field", pos, ident: [...node.ident, ...fields] };
        case "variable":
          return { type: "variable", pos, ident: [...node.ident, ...fields] };
        case "bool":
        case "string":
        case "number":
        case "nil":
        case "dot":
          this.errorf(`unexpected . after term ${quote(nodeStringOf(node))}`);
          break;
        default:
          return { type: "chain", pos, node, field: fields };
      }
    }
    return node;
  }

  private term(): ArgNode | undefined {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case "identifier":
        if (!this.hasFunction(t.val)) this.errorf(`function ${quote(t.val)} not defined`);
        return { type: "identifier", pos: t.pos, ident: t.val };
      case "dot":
        return { type: "dot", pos: t.pos };
      case "nil":
        return { type: "nil", pos: t.pos };
      case "variable":
        return this.variableNode(t.pos, t.val);
      case "field":
        return { type: "field", pos: t.pos, ident: [t.val.slice(1)] };
      case "bool":
        return { type: "bool", pos: t.pos, value: t.val === "true" };
      case "charConstant":
      case "complex":
      case "number":
        return { type: "number", pos: t.pos, value: this.number(t) };
      case "leftParen":
        return this.pipeline("parenthesized pipeline", "rightParen");
      case "string":
      case "rawString": {
        const s = unquote(t.val);
        if (s === undefined) this.errorf("invalid syntax");
        return { type: "string", pos: t.pos, quoted: t.val, text: s };
      }
    }
    this.backup();
    return undefined;
  }

  private variableNode(pos: number, name: string): ArgNode {
    const ident = name.split(".");
    if (!this.vars.includes(ident[0])) this.errorf(`undefined variable ${quote(ident[0])}`);
    return { type: "variable", pos, ident };
  }

  private number(t: Item): NumberValue {
    const text = t.val;
    const n: NumberValue = { text, isInt: false, isFloat: false, int: 0n, float: 0 };
    if (t.typ === "charConstant") {
      const r = unquoteRune(text);
      if (r === undefined) this.errorf("invalid syntax");
      if (r === "malformed") this.errorf(`malformed character constant: ${text}`);
      return { text, isInt: true, isFloat: true, int: BigInt(r), float: r };
    }
    if (t.typ === "complex" || text.endsWith("i"))
      this.errorf(`complex constants are not supported: ${quote(text)}`);
    const u = parseGoUint(text);
    const i = parseGoInt(text);
    if (i.ok) {
      n.isInt = true;
      n.int = i.value;
    }
    if (n.isInt) {
      n.isFloat = true;
      n.float = Number(n.int);
    } else if (u.ok) {
      n.isFloat = true;
      n.float = Number(u.value);
    } else {
      const f = parseGoFloat(text);
      if (f.ok) {
        if (!/[.eEpP]/.test(text)) this.errorf(`integer overflow: ${quote(text)}`);
        n.isFloat = true;
        n.float = f.value;
        if (Number.isInteger(f.value) && Math.abs(f.value) < 2 ** 63) {
          n.isInt = true;
          n.int = BigInt(f.value);
        }
      }
    }
    if (!n.isInt && !u.ok && !n.isFloat) this.errorf(`illegal number syntax: ${quote(text)}`);
    return n;
  }
}

function nodeLabel(n: Node): string {
  return n.type === "end" || n.type === "else" ? `{{${n.type}}}` : n.type;
}

function nodeStringOf(n: ArgNode): string {
  switch (n.type) {
    case "bool":
      return String(n.value);
    case "string":
      return n.quoted;
    case "number":
      return n.value.text;
    case "nil":
      return "nil";
    default:
      return ".";
  }
}

function isEmptyTree(l: ListNode): boolean {
  return l.nodes.every((n) => (n.type === "text" && n.text.trim() === "") || n.type === "comment");
}

/** Parses a template; throws TemplateParseError with Go's message. */
export function parseTemplate(
  text: string,
  hasFunction: (name: string) => boolean,
  name = "",
): ParsedTemplate {
  const defs = new Map<string, ListNode>();
  const root = new Parser(text, name, hasFunction, defs).parse();
  return { text, name, root, defs };
}
