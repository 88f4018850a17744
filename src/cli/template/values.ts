/**
 * How JS values stand for the Go values that docker's templates and fmt see.
 *
 * - string: a Go string, as a byte string (one char per byte, UTF-8), like all program I/O here.
 * - boolean: bool. number: int when integral, float64 otherwise; GoFloat marks an integral float64
 *   (template literals such as `3.0`, or data that Go would hold as float64).
 * - null: nil (an interface holding nothing, printed "<nil>"). undefined: no value at all (Go's invalid
 *   reflect.Value: what a missing map key gives; printed "<no value>").
 * - array: []interface {}; goSlice(elemType, array) gives a typed slice such as []string. Plain object: map[string]interface {} (Go prints and encodes maps with sorted
 *   keys, and a missing key evaluates to "<no value>").
 * - goStruct(typeName, fields): a Go struct (or pointer to one) named typeName, e.g.
 *   "*formatter.ContainerContext". Fields keep their order; a missing field is an execution error
 *   ("can't evaluate field X in type T"); a function-valued field is a method, called with the
 *   template's arguments.
 * - function elsewhere: a Go func value.
 */

export class GoFloat {
  constructor(readonly value: number) {}
}

/**
 * A typed nil pointer (a struct field such as *container.Health holding nil): printed "<nil>",
 * false, encoded null; unlike an interface's nil it stays a value through a pipeline, and
 * evaluating a field of it is an error.
 */
export class GoNil {
  constructor(readonly type: string) {}
}

const NIL_COLLECTION = Symbol("goNilCollection");

/** A nil slice of a typed struct field: prints "[]" like an empty one, but encodes as JSON null. */
export function goNilSlice<T>(elemType: string): T[] {
  return Object.assign(goSlice<T>(elemType, []), { [NIL_COLLECTION]: true });
}

/** A nil map of a typed struct field: prints "map[]", encodes as JSON null. */
export function goNilMap(): Record<string, unknown> {
  return Object.assign(Object.create(Object.prototype) as Record<string, unknown>, { [NIL_COLLECTION]: true });
}

const JSON_FORM = Symbol("goJSONForm");

/**
 * Gives a typed struct the JSON its fields came from: json.Marshal writes a struct by its JSON
 * names and omitempty rules, which is that JSON again (decoded and re-encoded by the same types).
 */
export function withJSONForm<T extends object>(v: T, form: () => unknown): T {
  return Object.assign(v, { [JSON_FORM]: form });
}

/** The JSON form withJSONForm gave `v`, or undefined. */
export function jsonFormOf(v: unknown): unknown {
  if (typeof v !== "object" || v === null || !(JSON_FORM in v)) return undefined;
  return (v as { [JSON_FORM]: () => unknown })[JSON_FORM]();
}

/** Whether json.Marshal writes null for `v` (nil pointer, slice or map of a typed value). */
export function isTypedNil(v: unknown): boolean {
  return v instanceof GoNil || (typeof v === "object" && v !== null && NIL_COLLECTION in v);
}

const STRUCT_TYPE = Symbol("goStructType");
const ELEM_TYPE = Symbol("goSliceElemType");

/** A slice with a Go element type, e.g. goSlice("string", [...]) is a []string (what `join` takes). */
export function goSlice<T>(elemType: string, items: T[]): T[] {
  return Object.assign(items, { [ELEM_TYPE]: elemType });
}

/** The element type of a slice ("interface {}" for a plain array). */
export function sliceElemType(v: unknown[]): string {
  return (v as unknown as { [ELEM_TYPE]?: string })[ELEM_TYPE] ?? "interface {}";
}

export type GoStruct = Record<string, unknown> & { readonly [STRUCT_TYPE]: string };

export function goStruct<T extends Record<string, unknown>>(typeName: string, fields: T): T & GoStruct {
  return Object.assign(Object.create(null), fields, { [STRUCT_TYPE]: typeName });
}

export function isGoStruct(v: unknown): v is GoStruct {
  return typeof v === "object" && v !== null && STRUCT_TYPE in v;
}

export function structTypeName(v: GoStruct): string {
  return v[STRUCT_TYPE];
}

export type Kind =
  | "invalid"
  | "nil"
  | "bool"
  | "int"
  | "float"
  | "string"
  | "slice"
  | "map"
  | "struct"
  | "func";

export function kindOf(v: unknown): Kind {
  if (v === undefined) return "invalid";
  if (v === null || v instanceof GoNil) return "nil";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "number":
      return Number.isInteger(v) ? "int" : "float";
    case "bigint":
      return "int";
    case "string":
      return "string";
    case "function":
      return "func";
  }
  if (v instanceof GoFloat) return "float";
  if (Array.isArray(v)) return "slice";
  if (isGoStruct(v)) return "struct";
  return "map";
}

/** Go's %T. */
export function typeName(v: unknown): string {
  if (v instanceof GoNil) return v.type;
  switch (kindOf(v)) {
    case "invalid":
    case "nil":
      return "<nil>";
    case "bool":
      return "bool";
    case "int":
      return "int";
    case "float":
      return "float64";
    case "string":
      return "string";
    case "slice":
      return `[]${sliceElemType(v as unknown[])}`;
    case "map":
      return "map[string]interface {}";
    case "struct":
      return structTypeName(v as GoStruct);
    case "func":
      return "func()";
  }
}

/** The number in an int or float value. */
export function numberOf(v: unknown): number {
  if (v instanceof GoFloat) return v.value;
  if (typeof v === "bigint") return Number(v);
  return v as number;
}

/** Own enumerable fields of a struct or map, in order (methods included). */
export function entries(v: object): [string, unknown][] {
  return Object.keys(v).map((k) => [k, (v as Record<string, unknown>)[k]]);
}

/** Map keys in Go's print/encode order (sorted). */
export function sortedKeys(v: object): string[] {
  return Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Struct fields, without methods. */
export function structFields(v: GoStruct): [string, unknown][] {
  return entries(v).filter(([, f]) => typeof f !== "function");
}

/** Go's template truth: false, 0, nil, and empty strings, slices and maps are false. */
export function isTrue(v: unknown): boolean {
  switch (kindOf(v)) {
    case "invalid":
    case "nil":
      return false;
    case "bool":
      return v as boolean;
    case "int":
    case "float":
      return numberOf(v) !== 0;
    case "string":
      return (v as string).length > 0;
    case "slice":
      return (v as unknown[]).length > 0;
    case "map":
      return Object.keys(v as object).length > 0;
    default:
      return true;
  }
}
