/**
 * Executing a parsed template the way Go's text/template (exec.go, Go 1.24) does, including its
 * execution errors: `template: :1:2: executing "" at <.Foo>: can't evaluate field Foo in type T`.
 */
import { sprint } from "../gofmt";
import {
  BUILTINS,
  FuncError,
  type FuncMap,
  type GoFunc,
  PARAM_TYPE_NAMES,
  type ParamType,
} from "./functions";
import {
  type ArgNode,
  type CommandNode,
  type ControlNode,
  type ListNode,
  type Node,
  nodeString,
  type PipeNode,
} from "./nodes";
import type { ParsedTemplate } from "./parse";
import {
  GoFloat,
  GoNil,
  goStruct,
  isGoStruct,
  isTrue,
  kindOf,
  numberOf,
  sliceElemType,
  sortedKeys,
  structTypeName,
  typeName,
} from "./values";

const METHOD = Symbol("goMethod");

/** A struct method taking arguments, e.g. docker ps's `{{.Label "com.example"}}`. */
export function goMethod(params: ParamType[], call: GoFunc["call"], variadic?: ParamType): GoFunc {
  return Object.assign({ params, variadic, call }, { [METHOD]: true });
}

function asMethod(v: unknown): GoFunc | undefined {
  if (typeof v === "function") return { params: [], call: v as GoFunc["call"] };
  if (typeof v === "object" && v !== null && METHOD in v) return v as unknown as GoFunc;
  return undefined;
}

export class TemplateExecError extends Error {}

/** Go stops at 100000 nested {{template}} calls; JS stacks are smaller, so stop earlier, same words. */
const MAX_EXEC_DEPTH = 1000;

class Control {
  constructor(readonly kind: "break" | "continue") {}
}

/** The "missing" final value of a pipeline's first command. */
const MISSING = Symbol("missing");

interface Variable {
  name: string;
  value: unknown;
}

export interface ExecOptions {
  /** Go's Option("missingkey=error"): a missing map key is an error instead of "<no value>". */
  missingKeyError?: boolean;
}

class State {
  out = "";
  node: Node | undefined;
  vars: Variable[];
  depth = 0;

  constructor(
    private readonly tmpl: ParsedTemplate,
    private readonly funcs: FuncMap,
    private readonly options: ExecOptions,
    dot: unknown,
  ) {
    this.vars = [{ name: "$", value: dot }];
  }

  errorf(msg: string): never {
    const name = this.tmpl.name;
    if (!this.node) throw new TemplateExecError(`template: ${name}: ${msg}`);
    const pos = this.node.pos;
    const text = this.tmpl.text.slice(0, pos);
    const nl = text.lastIndexOf("\n");
    const col = nl === -1 ? pos : pos - (nl + 1);
    const line = 1 + (text.match(/\n/g)?.length ?? 0);
    throw new TemplateExecError(
      `template: ${name}:${line}:${col}: executing ${JSON.stringify(name)} at <${nodeString(this.node)}>: ${msg}`,
    );
  }

  private at(n: Node): void {
    this.node = n;
  }

  private mark(): number {
    return this.vars.length;
  }

  private pop(mark: number): void {
    this.vars.length = mark;
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    this.errorf(`undefined variable: ${name}`);
  }

  walk(dot: unknown, node: Node): void {
    this.at(node);
    switch (node.type) {
      case "action": {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case "break":
      case "continue":
        throw new Control(node.type);
      case "comment":
        return;
      case "if":
      case "with": {
        const mark = this.mark();
        const val = this.evalPipeline(dot, node.pipe);
        if (isTrue(val)) this.walk(node.type === "with" ? val : dot, node.list);
        else if (node.elseList) this.walk(dot, node.elseList);
        this.pop(mark);
        return;
      }
      case "list":
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case "range":
        this.walkRange(dot, node);
        return;
      case "template":
        this.walkTemplate(dot, node);
        return;
      case "text":
        this.out += node.text;
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkRange(dot: unknown, r: ControlNode): void {
    this.at(r);
    const outer = this.mark();
    const val = this.evalPipeline(dot, r.pipe);
    const mark = this.mark();
    const decl = r.pipe.decl;
    const oneIteration = (index: unknown, elem: unknown): boolean => {
      if (decl.length > 0) {
        if (r.pipe.isAssign) this.setVar(decl[0].ident[0], decl.length > 1 ? index : elem);
        else this.vars[this.vars.length - 1].value = elem;
      }
      if (decl.length > 1) {
        if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem);
        else this.vars[this.vars.length - 2].value = index;
      }
      try {
        this.walk(elem, r.list);
      } catch (e) {
        if (!(e instanceof Control)) throw e;
        if (e.kind === "break") return false;
      } finally {
        this.pop(mark);
      }
      return true;
    };
    let iterated = false;
    switch (kindOf(val)) {
      case "slice":
        (val as unknown[]).every((e, i) => {
          iterated = true;
          return oneIteration(i, e);
        });
        break;
      case "map":
        sortedKeys(val as object).every((k) => {
          iterated = true;
          return oneIteration(k, (val as Record<string, unknown>)[k]);
        });
        break;
      case "int": {
        if (decl.length > 1) this.errorf(`can't use ${sprint(val)} to iterate over more than one variable`);
        const n = numberOf(val);
        for (let i = 0; i < n; i++) {
          iterated = true;
          if (!oneIteration(i, i)) break;
        }
        break;
      }
      case "invalid":
      case "nil":
        break;
      default:
        this.errorf(`range can't iterate over ${sprint(val)}`);
    }
    if (!iterated && r.elseList) this.walk(dot, r.elseList);
    this.pop(outer);
  }

  private walkTemplate(dot: unknown, t: Extract<Node, { type: "template" }>): void {
    this.at(t);
    const tree = this.tmpl.defs.get(t.name);
    if (!tree) this.errorf(`template ${JSON.stringify(t.name)} not defined`);
    if (this.depth >= MAX_EXEC_DEPTH) this.errorf("exceeded maximum template depth (100000)");
    const newDot = t.pipe ? this.evalPipeline(dot, t.pipe) : undefined;
    const saved = this.vars;
    this.vars = [{ name: "$", value: newDot }];
    this.depth++;
    try {
      this.walk(newDot, tree as ListNode);
    } finally {
      this.depth--;
      this.vars = saved;
    }
  }

  private evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    this.at(pipe);
    let value: unknown = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // Go digs into an interface{} result: a nil one becomes "no value".
      if (value === null) value = undefined;
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0], value);
      else this.vars.push({ name: v.ident[0], value });
    }
    return value;
  }

  private notAFunction(args: ArgNode[], final: unknown): void {
    if (args.length > 1 || final !== MISSING)
      this.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: unknown): unknown {
    const first = cmd.args[0];
    switch (first.type) {
      case "field":
        this.at(first);
        return this.evalFieldChain(dot, dot, first, first.ident, cmd.args, final);
      case "chain":
        return this.evalChain(dot, first, cmd.args, final);
      case "identifier":
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case "pipe":
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case "variable":
        return this.evalVariable(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case "bool":
        return first.value;
      case "dot":
        return dot;
      case "nil":
        this.errorf("nil is not a command");
        break;
      case "number":
        return this.idealConstant(first);
      case "string":
        return first.text;
    }
    this.errorf(`can't evaluate command ${JSON.stringify(nodeString(first))}`);
  }

  private idealConstant(n: Extract<ArgNode, { type: "number" }>): unknown {
    this.at(n);
    const v = n.value;
    const isHexInt = /^[+-]?0[xX]/.test(v.text) && !/[pP]/.test(v.text);
    if (v.isFloat && !isHexInt && !v.text.startsWith("'") && /[.eEpP]/.test(v.text))
      return new GoFloat(v.float);
    if (v.isInt) {
      if (v.int > 9223372036854775807n || v.int < -9223372036854775808n)
        this.errorf(`${v.text} overflows int`);
      return Number.isSafeInteger(Number(v.int)) ? Number(v.int) : v.int;
    }
    this.errorf(`${v.text} overflows int`);
  }

  private evalChain(
    dot: unknown,
    chain: Extract<ArgNode, { type: "chain" }>,
    args: ArgNode[],
    final: unknown,
  ): unknown {
    this.at(chain);
    if (chain.node.type === "nil") this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, "any", chain.node, true);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  private evalVariable(
    dot: unknown,
    v: Extract<ArgNode, { type: "variable" }>,
    args: ArgNode[],
    final: unknown,
  ): unknown {
    this.at(v);
    const value = this.varValue(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(
    dot: unknown,
    receiver: unknown,
    node: Node,
    ident: string[],
    args: ArgNode[],
    final: unknown,
  ): unknown {
    for (let i = 0; i < ident.length - 1; i++)
      receiver = this.evalField(dot, ident[i], node, [], MISSING, receiver);
    return this.evalField(dot, ident[ident.length - 1], node, args, final, receiver);
  }

  private evalField(
    dot: unknown,
    fieldName: string,
    node: Node,
    args: ArgNode[],
    final: unknown,
    receiver: unknown,
  ): unknown {
    if (receiver === undefined) {
      if (this.options.missingKeyError)
        this.errorf(`nil data; no entry for key ${JSON.stringify(fieldName)}`);
      return undefined;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${fieldName}`);
    if (receiver instanceof GoNil) this.errorf(`nil pointer evaluating ${receiver.type}.${fieldName}`);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (isGoStruct(receiver)) {
      if (Object.hasOwn(receiver, fieldName)) {
        const field = receiver[fieldName];
        const method = asMethod(field);
        if (method) return this.evalCall(dot, method, false, node, fieldName, args, final);
        if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        return field;
      }
      this.errorf(`can't evaluate field ${fieldName} in type ${structTypeName(receiver)}`);
    }
    if (kindOf(receiver) === "map") {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      if (Object.hasOwn(receiver as object, fieldName))
        return (receiver as Record<string, unknown>)[fieldName];
      if (this.options.missingKeyError) this.errorf(`map has no entry for key ${JSON.stringify(fieldName)}`);
      return undefined;
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typeName(receiver)}`);
  }

  /** `cmd` is the whole command (or the identifier itself as an argument): errors from the call point at it. */
  private evalFunction(
    dot: unknown,
    node: Extract<ArgNode, { type: "identifier" }>,
    cmd: Node,
    args: ArgNode[],
    final: unknown,
  ) {
    this.at(node);
    const name = node.ident;
    const f = this.funcs[name] ?? BUILTINS[name];
    if (!f) this.errorf(`${JSON.stringify(name)} is not a defined function`);
    return this.evalCall(dot, f, !this.funcs[name], cmd, name, args, final);
  }

  private evalCall(
    dot: unknown,
    f: GoFunc,
    isBuiltin: boolean,
    node: Node,
    name: string,
    argNodes: ArgNode[],
    final: unknown,
  ): unknown {
    const args = argNodes.slice(1);
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    const numParams = f.params.length + (f.variadic ? 1 : 0);
    const numFixed = f.variadic ? f.params.length : args.length;
    if (f.variadic) {
      if (numIn < numFixed) {
        this.errorf(`wrong number of args for ${name}: want at least ${f.params.length} got ${args.length}`);
      }
    } else if (numIn !== numParams) {
      this.errorf(`wrong number of args for ${name}: want ${numParams} got ${numIn}`);
    }

    if (isBuiltin && (name === "and" || name === "or")) {
      let v: unknown;
      for (const arg of args) {
        v = this.evalArg(dot, "value", arg);
        if (isTrue(v) === (name === "or")) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }

    const argv: unknown[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, f.params[i], args[i]));
    if (f.variadic) for (; i < args.length; i++) argv.push(this.evalArg(dot, f.variadic, args[i]));
    if (final !== MISSING) {
      let t: ParamType;
      if (!f.variadic) t = f.params[f.params.length - 1];
      else t = numIn - 1 < numFixed ? f.params[numIn - 1] : f.variadic;
      argv.push(this.validateType(final, t));
    }
    try {
      return f.call(...argv);
    } catch (e) {
      if (e instanceof FuncError) {
        this.at(node);
        this.errorf(`error calling ${name}: ${e.message}`);
      }
      throw e;
    }
  }

  /** Evaluates an argument for a parameter of type t (Go's evalArg). */
  private evalArg(dot: unknown, t: ParamType, n: ArgNode, untyped = false): unknown {
    this.at(n);
    switch (n.type) {
      case "dot":
        return this.check(dot, t, untyped);
      case "nil":
        if (t === "any" || t === "value") return null;
        this.errorf(`cannot assign nil to ${PARAM_TYPE_NAMES[t]}`);
        break;
      case "field":
        return this.check(this.evalFieldChain(dot, dot, n, n.ident, [n], MISSING), t, untyped);
      case "variable":
        return this.check(this.evalVariable(dot, n, [], MISSING), t, untyped);
      case "pipe":
        return this.check(this.evalPipeline(dot, n), t, untyped);
      case "identifier":
        return this.check(this.evalFunction(dot, n, n, [n], MISSING), t, untyped);
      case "chain":
        return this.check(this.evalChain(dot, n, [], MISSING), t, untyped);
    }
    switch (t) {
      case "bool":
        if (n.type === "bool") return n.value;
        this.errorf(`expected bool; found ${nodeString(n)}`);
        break;
      case "float64":
        if (n.type === "number" && n.value.isFloat) return new GoFloat(n.value.float);
        this.errorf(`expected float; found ${nodeString(n)}`);
        break;
      case "int":
        if (n.type === "number" && n.value.isInt) return Number(n.value.int);
        this.errorf(`expected integer; found ${nodeString(n)}`);
        break;
      case "string":
        if (n.type === "string") return n.text;
        this.errorf(`expected string; found ${nodeString(n)}`);
        break;
      case "any":
      case "value":
        switch (n.type) {
          case "bool":
            return n.value;
          case "number":
            return this.idealConstant(n);
          case "string":
            return n.text;
        }
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${PARAM_TYPE_NAMES[t]}`);
  }

  private check(v: unknown, t: ParamType, untyped: boolean): unknown {
    return untyped ? v : this.validateType(v, t);
  }

  /** Go's validateType: can a value of this dynamic type be passed as t? */
  private validateType(v: unknown, t: ParamType): unknown {
    if (t === "value") return v;
    if (v === undefined) {
      if (t === "any") return null;
      if (t === "[]string") return [];
      this.errorf(`invalid value; expected ${PARAM_TYPE_NAMES[t]}`);
    }
    const k = kindOf(v);
    let ok: boolean;
    switch (t) {
      case "any":
        return v;
      case "string":
        ok = k === "string";
        break;
      case "int":
        ok = k === "int";
        break;
      case "bool":
        ok = k === "bool";
        break;
      case "float64":
        ok = k === "float";
        break;
      case "[]string":
        ok = k === "slice" && sliceElemType(v as unknown[]) === "string";
        break;
    }
    if (!ok) this.errorf(`wrong type for value; expected ${PARAM_TYPE_NAMES[t]}; got ${typeName(v)}`);
    return v;
  }

  private printValue(n: Node, v: unknown): void {
    this.at(n);
    if (v === undefined) {
      this.out += "<no value>";
      return;
    }
    if (typeof v === "function") this.errorf(`can't print ${nodeString(n)} of type ${typeName(v)}`);
    // printableValue: a pointer is printed as what it points to; a nil one as fmt prints nil.
    if (isGoStruct(v) && structTypeName(v).startsWith("*")) v = goStruct(structTypeName(v).slice(1), { ...v });
    this.out += v instanceof GoNil ? "<nil>" : sprint(v);
  }
}

export type ExecResult = { ok: true; output: string } | { ok: false; output: string; error: string };

/** Runs a parsed template over `data`; on error, `output` holds what was written before it. */
export function executeTemplate(
  tmpl: ParsedTemplate,
  data: unknown,
  funcs: FuncMap,
  options: ExecOptions = {},
): ExecResult {
  const state = new State(tmpl, funcs, options, data);
  try {
    state.walk(data, tmpl.root);
    return { ok: true, output: state.out };
  } catch (e) {
    if (e instanceof TemplateExecError) return { ok: false, output: state.out, error: e.message };
    if (e instanceof Control) return { ok: false, output: state.out, error: "template: unexpected break" };
    throw e;
  }
}
