/**
 * Go's text/template as docker uses it for --format: parse with docker's functions, execute over
 * JS values standing for Go values (see values.ts).
 */
import { executeTemplate, type ExecOptions, type ExecResult } from "./exec";
import { BUILTINS, DOCKER_FUNCTIONS, type FuncMap } from "./functions";
import { type ParsedTemplate, parseTemplate, TemplateParseError } from "./parse";

export { executeTemplate, type ExecOptions, type ExecResult, goMethod } from "./exec";
export {
  BUILTINS,
  DOCKER_FUNCTIONS,
  DOCKER_HEADER_FUNCTIONS,
  FuncError,
  type FuncMap,
  type GoFunc,
  type ParamType,
} from "./functions";
export type { ParsedTemplate } from "./parse";
export { GoFloat, GoNil, goNilMap, goNilSlice, goSlice, goStruct, isTrue, kindOf, typeName, withJSONForm } from "./values";

export interface Template {
  parsed: ParsedTemplate;
  funcs: FuncMap;
}

export type ParseResult = { ok: true; template: Template } | { ok: false; error: string };

/** templates.Parse: a template named "" with docker's functions (plus Go's builtins). */
export function parse(text: string, funcs: FuncMap = DOCKER_FUNCTIONS): ParseResult {
  try {
    const parsed = parseTemplate(text, (name) => name in funcs || name in BUILTINS);
    return { ok: true, template: { parsed, funcs } };
  } catch (e) {
    if (e instanceof TemplateParseError) return { ok: false, error: e.message };
    throw e;
  }
}

/** Executes with the template's functions, or others of the same names (docker's header functions). */
export function execute(
  t: Template,
  data: unknown,
  options: ExecOptions & { funcs?: FuncMap } = {},
): ExecResult {
  const funcs = options.funcs ? { ...t.funcs, ...options.funcs } : t.funcs;
  return executeTemplate(t.parsed, data, funcs, options);
}
