/** The parse tree of Go's text/template (parse/node.go), with Go's String() forms for error messages. */
import { quote } from "../gofmt";

export interface NumberValue {
  text: string;
  isInt: boolean;
  isFloat: boolean;
  int: bigint;
  float: number;
}

export type Node =
  | { type: "text"; pos: number; text: string }
  | { type: "comment"; pos: number; text: string }
  | { type: "action"; pos: number; line: number; pipe: PipeNode }
  | ControlNode
  | { type: "template"; pos: number; line: number; name: string; pipe?: PipeNode }
  | { type: "break" | "continue"; pos: number; line: number }
  | { type: "end" | "else"; pos: number; line: number }
  | ListNode
  | PipeNode
  | CommandNode
  | ArgNode;

export type ArgNode =
  | { type: "field"; pos: number; ident: string[] }
  | { type: "variable"; pos: number; ident: string[] }
  | { type: "chain"; pos: number; node: ArgNode; field: string[] }
  | { type: "identifier"; pos: number; ident: string }
  | { type: "dot"; pos: number }
  | { type: "nil"; pos: number }
  | { type: "bool"; pos: number; value: boolean }
  | { type: "number"; pos: number; value: NumberValue }
  | { type: "string"; pos: number; quoted: string; text: string }
  | PipeNode;

/** {{if}}, {{with}} and {{range}}. */
export interface ControlNode {
  type: "if" | "with" | "range";
  pos: number;
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}

export interface ListNode {
  type: "list";
  pos: number;
  nodes: Node[];
}

export interface PipeNode {
  type: "pipe";
  pos: number;
  line: number;
  isAssign: boolean;
  decl: { type: "variable"; pos: number; ident: string[] }[];
  cmds: CommandNode[];
}

export interface CommandNode {
  type: "command";
  pos: number;
  args: ArgNode[];
}

export function nodeString(n: Node): string {
  switch (n.type) {
    case "text":
      return quote(n.text);
    case "comment":
      return `{{${n.text}}}`;
    case "action":
      return `{{${nodeString(n.pipe)}}}`;
    case "if":
    case "with":
    case "range": {
      const els = n.elseList ? `{{else}}${nodeString(n.elseList)}` : "";
      return `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}${els}{{end}}`;
    }
    case "template":
      return n.pipe ? `{{template ${quote(n.name)} ${nodeString(n.pipe)}}}` : `{{template ${quote(n.name)}}}`;
    case "break":
    case "continue":
      return `{{${n.type}}}`;
    case "end":
    case "else":
      return `{{${n.type}}}`;
    case "list":
      return n.nodes.map(nodeString).join("");
    case "pipe": {
      let s = "";
      if (n.decl.length > 0) {
        s = `${n.decl.map((v) => v.ident.join(".")).join(", ")} ${n.isAssign ? "=" : ":="} `;
      }
      return s + n.cmds.map(nodeString).join(" | ");
    }
    case "command":
      return n.args.map((a) => (a.type === "pipe" ? `(${nodeString(a)})` : nodeString(a))).join(" ");
    case "field":
      return n.ident.map((i) => `.${i}`).join("");
    case "variable":
      return n.ident.join(".");
    case "chain": {
      const base = n.node.type === "pipe" ? `(${nodeString(n.node)})` : nodeString(n.node);
      return base + n.field.map((f) => `.${f}`).join("");
    }
    case "identifier":
      return n.ident;
    case "dot":
      return ".";
    case "nil":
      return "nil";
    case "bool":
      return n.value ? "true" : "false";
    case "number":
      return n.value.text;
    case "string":
      return n.quoted;
  }
}
