/**
 * docker inspect's output (cli/command/inspect): the objects as an indented JSON array, or a
 * --format template run over each typed object, falling back to the raw JSON map (with
 * missingkey=error) when the typed run fails, as TemplateInspector does.
 */
import { jsonMarshal } from "../../gojson";
import { execute, GoFloat, parse } from "../../template";
import { CliError } from "./context";
import { goValue } from "./images";
import { isContainerJSON, typedContainer } from "./inspect-types";

/**
 * The raw JSON as the inspector decodes it into interface{} with UseNumber: a number is a
 * json.Number, printed as its JSON text (integers as ints here, others as floats).
 */
function rawValue(v: unknown): unknown {
  if (typeof v === "number") return Number.isInteger(v) ? v : new GoFloat(v);
  if (Array.isArray(v)) return v.map(rawValue);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, e]) => [k, rawValue(e)]));
  return v;
}

export interface InspectResult {
  stdout: string;
  /** Errors of objects whose template failed (each a line). */
  errors: string[];
}

/**
 * Renders `objects` (plain JSON-like values) with `mapKeys` naming the Go maps among them;
 * `typedOf` gives the client's Go value of an object (a container's, or a generic one by default).
 */
export function renderInspect(
  objects: Record<string, unknown>[],
  format: string,
  mapKeys: ReadonlySet<string>,
  typedOf: (o: Record<string, unknown>) => unknown = (o) => (isContainerJSON(o) ? typedContainer(o, mapKeys) : goValue(o, mapKeys)),
): InspectResult {
  if (format === "") {
    if (objects.length === 0) return { stdout: "[]\n", errors: [] };
    const r = jsonMarshal(objects.map((o) => goValue(o, mapKeys)), { indent: "    ", prefix: "" });
    if (!r.ok) throw new CliError(r.error);
    return { stdout: `${r.text}\n`, errors: [] };
  }
  const parsed = parse(format.replaceAll("\\t", "\t").replaceAll("\\n", "\n"));
  if (!parsed.ok) throw new CliError(`template parsing error: ${parsed.error}`);
  let out = "";
  const errors: string[] = [];
  for (const o of objects) {
    const typed = execute(parsed.template, typedOf(o));
    if (typed.ok) {
      out += `${typed.output}\n`;
      continue;
    }
    const raw = execute(parsed.template, rawValue(JSON.parse(JSON.stringify(o))), { missingKeyError: true });
    if (raw.ok) out += `${raw.output}\n`;
    else errors.push(`template parsing error: ${raw.error}`);
  }
  // An empty buffer still flushes a newline.
  return { stdout: out === "" ? "\n" : out, errors };
}
