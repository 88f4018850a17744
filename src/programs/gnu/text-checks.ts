/**
 * GNU cut's and tr's checks of their command lines, made before any input is read, in GNU's words.
 * Each returns the usage error to report ("PROG: MESSAGE" then "Try 'PROG --help'..."), or undefined.
 */
import type { ParsedOpts } from "../lib/getopt";
import { quoteAlways } from "./quote";

/** cut: lists, delimiter and -s checked in command-line order, then the list itself (set_fields). */
export function cutUsageError(order: string[], opts: ParsedOpts): string | undefined {
  let mode: string | undefined;
  const taken: Record<string, number> = {};
  for (const letter of order) {
    if ("bcf".includes(letter)) {
      if (mode) return "only one list may be specified";
      mode = letter;
    } else if (letter === "d") {
      const d = opts.args.d?.[taken.d ?? 0] ?? "";
      taken.d = (taken.d ?? 0) + 1;
      if (d.length > 1) return "the delimiter must be a single character";
    }
  }
  if (!mode) return "you must specify a list of bytes, characters, or fields";
  if (opts.args.d && mode !== "f") return "an input delimiter may be specified only when operating on fields";
  if (opts.flags.s && mode !== "f") return "suppressing non-delimited lines makes sense\n\tonly when operating on fields";
  return listError(opts.args[mode]?.at(-1) ?? "", mode === "f");
}

function listError(list: string, fields: boolean): string | undefined {
  const numbered = fields ? "fields are numbered from 1" : "byte/character positions are numbered from 1";
  if (list === "") return numbered;
  for (const item of list.split(/[,\s]/)) {
    if (item === "-") return "invalid range with no endpoint: -";
    const m = /^(\d*)(-?)(\d*)$/.exec(item);
    if (!m) return `${fields ? "invalid field value" : "invalid byte/character position"} ${quoteAlways(item.replace(/^[\d-]*/, ""))}`;
    if ((m[1] !== "" && Number(m[1]) === 0) || (m[3] !== "" && Number(m[3]) === 0) || item === "") return numbered;
    if (m[1] !== "" && m[3] !== "" && Number(m[3]) < Number(m[1])) return "invalid decreasing range";
  }
  return undefined;
}

/** tr: how many strings -d and -s allow, with the line GNU adds to explain. */
export function trUsageError(operands: readonly string[], del: boolean, squeeze: boolean): string | undefined {
  const min = del === squeeze ? 2 : 1;
  const max = del && !squeeze ? 1 : 2;
  if (operands.length < min) {
    if (operands.length === 0) return "missing operand";
    const why = squeeze ? "Two strings must be given when both deleting and squeezing repeats." : "Two strings must be given when translating.";
    return `missing operand after ${quoteAlways(operands[operands.length - 1])}\n${why}`;
  }
  if (operands.length > max) {
    const extra = `extra operand ${quoteAlways(operands[max])}`;
    return operands.length === 2 ? `${extra}\nOnly one string may be given when deleting without squeezing repeats.` : extra;
  }
  return undefined;
}
