/**
 * The syntax tree of a shell program, as produced by parser.ts and walked by the executor.
 *
 * Words keep their quoting as structure: every part knows whether it was quoted, which decides
 * field splitting, pathname expansion and quote removal later (ash does the same with control
 * characters embedded in the word text).
 */

/** A literal run of characters. `quoted` chars are protected from splitting and globbing. */
export interface LitPart {
  type: "lit";
  value: string;
  quoted: boolean;
}

export type ParamOp =
  | "" // $x ${x}
  | "-" // ${x-w}  (with colon: also when empty)
  | "=" // ${x=w}
  | "?" // ${x?w}
  | "+" // ${x+w}
  | "%" // ${x%pat}
  | "%%"
  | "#" // ${x#pat}
  | "##"
  | "/" // ${x/pat/rep}
  | "//"
  | "len" // ${#x}
  | "substr" // ${x:off:len}
  | "keys" // bash: ${!a[@]} ${!a[*]}
  | "indirect" // bash: ${!x}
  | "^" // bash: ${x^pat} ${x^^pat} ${x,pat} ${x,,pat}
  | "^^"
  | ","
  | ",,"
  | "bad"; // unparsable ${...}: "bad substitution" when expanded

export interface ParamPart {
  type: "param";
  name: string;
  op: ParamOp;
  /** The `:` form of - = ? + (test for empty too). */
  colon: boolean;
  /** Word after the operator (pattern for % # /, offset for substr). */
  arg?: Word;
  /** Replacement for / and //; length for substr. */
  arg2?: Word;
  quoted: boolean;
  /** bash's ${a[...]}: "@" and "*" for all elements, else the subscript's text as a word. */
  subscript?: Word | "@" | "*";
  /** For "bad": the text between "${" and "}" (bash names it in its message). */
  text?: string;
}

export interface CmdSubPart {
  type: "cmdsub";
  body: Program;
  quoted: boolean;
}

export interface ArithPart {
  type: "arith";
  /** The expression text, itself a word (parameters and command substitutions expand first). */
  expr: Word;
  quoted: boolean;
}

export type WordPart = LitPart | ParamPart | CmdSubPart | ArithPart;

export interface Word {
  parts: WordPart[];
}

export type RedirOp = "<" | ">" | ">>" | "<>" | ">|" | "<&" | ">&" | "&>" | "<<" | "<<-";

export interface Redir {
  /** File descriptor redirected (defaults filled in by the parser: 0 for input, 1 for output). */
  fd: number;
  op: RedirOp;
  /** File name, fd number (for <& >&), or, for here-documents, the body. */
  target: Word;
  /** Here-document with a quoted delimiter: the body is taken literally. */
  heredocQuoted?: boolean;
}

export interface Assign {
  name: string;
  value: Word;
  /** bash: `name[subscript]=value`. */
  subscript?: Word;
  /** bash: `name+=value` appends. */
  append?: boolean;
  /** bash: `name=(...)`: the elements (value is then empty). */
  elements?: ArrayElement[];
}

/** One word of `name=(...)`: a plain value, or `[key]=value`. */
export interface ArrayElement {
  key?: Word;
  value: Word;
  /** The word as written (what `set -x` shows). */
  text: string;
}

export interface SimpleCommand {
  type: "simple";
  line: number;
  assigns: Assign[];
  words: Word[];
  /** bash: arguments of declare/local/readonly/... written `name=(...)`, by index in `words`. */
  compoundArgs?: Map<number, Assign>;
  redirs: Redir[];
}

export interface Pipeline {
  type: "pipeline";
  negate: boolean;
  cmds: Command[];
}

export interface AndOr {
  type: "and" | "or";
  left: Command;
  right: Command;
}

export interface ListItem {
  cmd: Command;
  /** Terminated by "&": runs in the background. */
  async: boolean;
}

export interface List {
  type: "list";
  items: ListItem[];
}

export interface Subshell {
  type: "subshell";
  body: Command;
  redirs: Redir[];
  line: number;
}

export interface Group {
  type: "group";
  body: Command;
  redirs: Redir[];
}

export interface If {
  type: "if";
  clauses: { cond: Command; body: Command }[];
  elseBody: Command | null;
  redirs: Redir[];
}

export interface Loop {
  type: "while" | "until";
  cond: Command;
  body: Command;
  redirs: Redir[];
}

export interface For {
  type: "for";
  name: string;
  /** null: no `in` list, iterate over "$@". */
  words: Word[] | null;
  body: Command;
  redirs: Redir[];
  line: number;
}

export interface CaseItem {
  patterns: Word[];
  body: Command | null;
}

export interface Case {
  type: "case";
  word: Word;
  items: CaseItem[];
  redirs: Redir[];
  line: number;
}

export interface FuncDef {
  type: "funcdef";
  name: string;
  body: Command;
  line: number;
}

/** The expression inside bash's [[ ]]: words are expanded without splitting or globbing. */
export type CondExpr =
  | { kind: "and" | "or"; left: CondExpr; right: CondExpr }
  | { kind: "not"; expr: CondExpr }
  | { kind: "unary"; op: string; arg: Word }
  | { kind: "binary"; op: string; left: Word; right: Word }
  | { kind: "word"; word: Word };

export interface Cond {
  type: "cond";
  expr: CondExpr;
  redirs: Redir[];
  line: number;
}

export type Command =
  | Cond
  | SimpleCommand
  | Pipeline
  | AndOr
  | List
  | Subshell
  | Group
  | If
  | Loop
  | For
  | Case
  | FuncDef;

/** A whole parsed input, or the body of a command substitution. */
export type Program = Command | null;

export function lit(value: string, quoted = false): LitPart {
  return { type: "lit", value, quoted };
}
