/** Pieces the image commands share: reference parsing with docker's errors, platform choice. */
import { EngineError } from "../../../engine/client";
import { type NamedRef, parseImageRef } from "../../../engine/images/refs";
import type { Gen } from "../../../kernel";
import { jsonMarshal } from "../../gojson";
import { execute, goStruct, parse } from "../../template";
import { CliError, type CommandContext } from "./context";

/** A reference as the client parses it (errors are the client's, exit 1). */
export function clientRef(s: string): NamedRef {
  const r = parseImageRef(s);
  if (!r.ok) throw new CliError(r.message);
  return r.ref;
}

/** A reference the daemon parses (errors come back as "Error response from daemon: ..."). */
export function daemonRef(s: string): NamedRef {
  const r = parseImageRef(s);
  if (!r.ok) throw new EngineError(r.message, 400);
  return r.ref;
}

export function isNameOnly(ref: NamedRef): boolean {
  return ref.tag === undefined && ref.digest === undefined;
}

/** command.PromptForConfirmation: "<message> [y/N] ", then one line of stdin ("y" or "Y" agrees). */
export function* confirm(ctx: CommandContext, message: string): Gen<boolean> {
  yield* ctx.out(`${message} [y/N] `);
  let line = "";
  for (;;) {
    const chunk = yield* ctx.sys.read(0, 1);
    if (chunk === "" || chunk === "\n") break;
    line += chunk;
  }
  return line.trim().toLowerCase() === "y";
}

/** Marshals like Go: objects are structs (field order kept) except under the keys named as maps. */
export function goValue(v: unknown, mapKeys: ReadonlySet<string>, asMap = false): unknown {
  if (Array.isArray(v)) return v.map((e) => goValue(e, mapKeys));
  if (v === null || typeof v !== "object") return v;
  const entries = Object.entries(v as Record<string, unknown>).map(([key, e]) => [key, goValue(e, mapKeys, !asMap && mapKeys.has(key))] as const);
  if (asMap) return Object.fromEntries(entries);
  return goStruct("struct", Object.fromEntries(entries));
}

/** docker inspect's output: a JSON array (4-space indent), or the --format template per object. */
export function inspectOutput(objects: unknown[], format: string): string {
  if (format === "") {
    if (objects.length === 0) return "[]\n";
    const r = jsonMarshal(objects, { indent: "    ", prefix: "" });
    if (!r.ok) throw new CliError(r.error);
    return `${r.text}\n`;
  }
  const parsed = parse(format.replaceAll("\\t", "\t").replaceAll("\\n", "\n"));
  if (!parsed.ok) throw new CliError(`template parsing error: ${parsed.error}`);
  let out = "";
  for (const o of objects) {
    const r = execute(parsed.template, o);
    if (!r.ok) throw new CliError(`template parsing error: ${r.error}`);
    out += `${r.output}\n`;
  }
  return out;
}
