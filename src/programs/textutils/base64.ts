/** base64 [-d] [-w COL] [FILE]: encode (wrapped at 76 by default) or decode. */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { closeInput, openInput, readToEnd } from "../lib/inputs";
import { asErrno, out, warn } from "../lib/io";
import { USAGE } from "./usage";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function base64Encode(data: string): string {
  let outText = "";
  for (let i = 0; i < data.length; i += 3) {
    const a = data.charCodeAt(i);
    const b = i + 1 < data.length ? data.charCodeAt(i + 1) : 0;
    const c = i + 2 < data.length ? data.charCodeAt(i + 2) : 0;
    const n = (a << 16) | (b << 8) | c;
    outText += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
    outText += i + 1 < data.length ? ALPHABET[(n >> 6) & 63] : "=";
    outText += i + 2 < data.length ? ALPHABET[n & 63] : "=";
  }
  return outText;
}

/** Decodes complete 4-character groups (other characters are skipped); `truncated` if some are left over. */
export function base64Decode(text: string): { data: string; truncated: boolean } {
  let data = "";
  let quad: number[] = [];
  let pad = 0;
  for (const ch of text) {
    if (ch === "=") {
      quad.push(0);
      pad++;
    } else {
      const v = ALPHABET.indexOf(ch);
      if (v < 0) continue;
      if (pad) break;
      quad.push(v);
    }
    if (quad.length === 4) {
      const n = (quad[0] << 18) | (quad[1] << 12) | (quad[2] << 6) | quad[3];
      const bytes = String.fromCharCode(n >> 16, (n >> 8) & 255, n & 255);
      data += bytes.slice(0, 3 - pad);
      quad = [];
      if (pad) return { data, truncated: false };
    }
  }
  return { data, truncated: quad.length > 0 };
}

export const base64: ProgramDef = {
  name: "base64",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { flags: "d", withArg: "w" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.base64, e.message);
      throw e;
    }
    if (opts.operands.length > 1) return yield* usageError(sys, USAGE.base64);
    let width = 76;
    const w = opts.args.w?.at(-1);
    if (w !== undefined) {
      if (!/^\d+$/.test(w)) {
        yield* warn(sys, `invalid number '${w}'`);
        return 1;
      }
      width = Number(w);
    }
    const name = opts.operands[0] ?? "-";
    let data: string;
    let fd: number;
    try {
      fd = openInput(sys, name);
    } catch (e) {
      yield* warn(sys, `${name}: ${asErrno(e).message}`);
      return 1;
    }
    try {
      data = yield* readToEnd(sys, fd);
    } catch (e) {
      yield* warn(sys, `read error: ${asErrno(e).message}`);
      return 1;
    }
    closeInput(sys, fd);
    if (opts.flags.d) {
      const r = base64Decode(data);
      yield* out(sys, r.data);
      if (r.truncated) {
        yield* warn(sys, "truncated input");
        return 1;
      }
      return 0;
    }
    const enc = base64Encode(data);
    if (enc === "") return 0;
    if (width === 0) {
      // Unwrapped output has no final newline either.
      yield* out(sys, enc);
      return 0;
    }
    const lines = enc.match(new RegExp(`.{1,${width}}`, "g")) ?? [];
    yield* out(sys, `${lines.join("\n")}\n`);
    return 0;
  },
};
