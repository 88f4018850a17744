/** printf FORMAT [ARG]...: busybox's printf, reusing FORMAT until the arguments are used up. */
import type { Gen, ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { type ConvSpec, formatFloat, formatInteger, formatString } from "../lib/cformat";
import { decodeEscape, expandEscapes } from "../lib/escapes";
import { warn } from "../lib/io";
import { bbStrtoll, strtod, strtoInt } from "../lib/numparse";
import { BufferedOut } from "../lib/stdio";
import { USAGE } from "./usage";

const CONVERSIONS = "diouxXfeEgGcs";

/** One pass over the format. */
interface PassResult {
  /** Arguments consumed. */
  used: number;
  /** "\c" seen, or an invalid directive: stop everything. */
  stop: boolean;
  failed: boolean;
}

export const printf: ProgramDef = {
  name: "printf",
  *main(sys) {
    let argv = sys.argv.slice(1);
    if (argv[0] === "--") argv = argv.slice(1);
    if (argv.length === 0) return yield* usageError(sys, USAGE.printf);
    const format = argv[0];
    const args = argv.slice(1);
    const stdout = new BufferedOut(sys);
    let convErr = false;
    let failed = false;
    let pos = 0;

    const numericArg = function* (arg: string, unsigned: boolean) {
      const s = arg[0] === '"' || arg[0] === "'" ? String(arg.charCodeAt(1) || 0) : arg;
      // strtoll/strtoull (base 0, leading space allowed) that must use the whole argument.
      const r = strtoInt(s, 0, unsigned);
      if (r.end === 0 || r.end !== s.length || r.overflow) {
        convErr = true;
        yield* warn(sys, `invalid number '${s}'`);
        return 0n;
      }
      return r.value;
    };

    const pass = function* (): Gen<PassResult> {
      let used = 0;
      const next = () => (pos + used < args.length ? args[pos + used++] : undefined);
      for (let f = 0; f < format.length; f++) {
        const c = format[f];
        if (c === "\\") {
          if (format[f + 1] === "c") return { used, stop: true, failed: false };
          const [byte, after] = decodeEscape(format, f + 1);
          yield* stdout.put(String.fromCharCode(byte));
          f = after - 1;
          continue;
        }
        if (c !== "%") {
          yield* stdout.put(c);
          continue;
        }
        const start = f++;
        if (format[f] === "%") {
          yield* stdout.put("%");
          continue;
        }
        if (format[f] === "b") {
          const arg = next();
          if (arg !== undefined) {
            const { text, stop } = expandEscapes(arg);
            yield* stdout.put(text);
            if (stop) return { used, stop: true, failed: false };
          }
          continue;
        }
        const spec: ConvSpec = { flags: "", conv: "" };
        while ("-+ #0".includes(format[f] ?? "x")) spec.flags += format[f++];
        if (format[f] === "*") {
          f++;
          const a = next();
          if (a !== undefined) spec.width = yield* widthArg(a);
        } else {
          let w = "";
          while (/[0-9]/.test(format[f] ?? "")) w += format[f++];
          if (w) spec.width = Number(w);
        }
        if (format[f] === ".") {
          f++;
          if (format[f] === "*") {
            f++;
            const a = next();
            spec.precision = a !== undefined ? yield* widthArg(a) : 0;
          } else {
            let p = "";
            while (/[0-9]/.test(format[f] ?? "")) p += format[f++];
            spec.precision = Number(p || "0");
          }
        }
        if (spec.width !== undefined && spec.width < 0) {
          spec.flags += "-";
          spec.width = -spec.width;
        }
        if (spec.precision !== undefined && spec.precision < 0) spec.precision = undefined;
        while (/[lLhz]/.test(format[f] ?? "")) f++;
        const conv = format[f];
        if (conv === undefined || !CONVERSIONS.includes(conv)) {
          yield* warn(sys, `${format.slice(start)}: invalid format`);
          return { used, stop: true, failed: true };
        }
        spec.conv = conv;
        const arg = next() ?? "";
        if (conv === "c") {
          yield* stdout.put(formatString({ ...spec, precision: undefined }, arg[0] ?? "\0"));
        } else if (conv === "s") {
          yield* stdout.put(formatString(spec, arg));
        } else if ("di".includes(conv)) {
          yield* stdout.put(formatInteger(spec, yield* numericArg(arg, false)));
        } else if ("ouxX".includes(conv)) {
          yield* stdout.put(formatInteger(spec, yield* numericArg(arg, true)));
        } else {
          const s = arg[0] === '"' || arg[0] === "'" ? String(arg.charCodeAt(1) || 0) : arg;
          const d = strtod(s);
          let value = d.value;
          if (d.end !== s.length) {
            convErr = true;
            value = 0;
            yield* warn(sys, `invalid number '${s}'`);
          } else if (d.erange) {
            convErr = true;
            yield* warn(sys, `invalid number '${s}'`);
          }
          yield* stdout.put(formatFloat(spec, value, d.negativeNaN));
        }
      }
      return { used, stop: false, failed: false };
    };

    const widthArg = function* (a: string) {
      const v = bbStrtoll(a, 10);
      if (v === null || v > 2147483647n || v < -2147483648n) {
        // Reported, but (as in busybox) it does not change the exit status.
        yield* warn(sys, `invalid number '${a}'`);
        return 0;
      }
      return Number(v);
    };

    for (;;) {
      const r = yield* pass();
      pos += r.used;
      if (r.failed) failed = true;
      if (r.stop || r.used === 0 || pos >= args.length) break;
    }
    yield* stdout.flush();
    return failed || convErr ? 1 : 0;
  },
};
