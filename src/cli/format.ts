/**
 * docker's --format handling (cli/command/formatter.Context): "table ..." formats get a header row
 * (the template run over the header map with docker's header functions) and go through tabwriter;
 * "json" is {{json .}}; literal "\t" and "\n" in the format become tab and newline; each row ends
 * with a newline.
 */
import { dockerTableWriter } from "./tabwriter";
import { DOCKER_FUNCTIONS, DOCKER_HEADER_FUNCTIONS, execute, type FuncMap, parse } from "./template";

export const TABLE_FORMAT_KEY = "table";
export const JSON_FORMAT_KEY = "json";

export type FormatResult =
  | { ok: true; output: string }
  | { ok: false; output: string; error: string; stage: "parse" | "execute"; detail: string };

export function isTableFormat(format: string): boolean {
  return format.startsWith(TABLE_FORMAT_KEY);
}

/** The template text docker actually parses for a --format value. */
export function finalFormat(format: string): string {
  let f = format;
  if (isTableFormat(f)) f = f.slice(TABLE_FORMAT_KEY.length);
  else if (f === JSON_FORMAT_KEY) f = "{{json .}}";
  f = f.replace(/^ +| +$/g, "");
  return f.replaceAll("\\t", "\t").replaceAll("\\n", "\n");
}

/**
 * Renders rows with a format. `header` maps field names to column titles (docker's FullHeader,
 * e.g. { ID: "CONTAINER ID" }). Errors carry docker's "template parsing error: " prefix; `output`
 * then holds nothing, as docker prints nothing but the error.
 */
export function formatRows(
  format: string,
  rows: readonly unknown[],
  header: Record<string, string>,
  funcs: FuncMap = DOCKER_FUNCTIONS,
): FormatResult {
  const parsed = parse(finalFormat(format), funcs);
  if (!parsed.ok) return { ok: false, output: "", error: `template parsing error: ${parsed.error}`, stage: "parse", detail: parsed.error };
  let body = "";
  for (const row of rows) {
    const r = execute(parsed.template, row);
    if (!r.ok) return { ok: false, output: "", error: `template parsing error: ${r.error}`, stage: "execute", detail: r.error };
    body += `${r.output}\n`;
  }
  if (!isTableFormat(format)) return { ok: true, output: body };
  // docker ignores errors while rendering the header: whatever was written before them stays.
  const head = execute(parsed.template, { ...header }, { funcs: DOCKER_HEADER_FUNCTIONS });
  const w = dockerTableWriter();
  w.write(head.output);
  w.write("\n");
  w.write(body);
  return { ok: true, output: w.flush() };
}
