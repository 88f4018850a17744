/** read: one line from stdin, a byte at a time (so nothing after the line is consumed), split by IFS. */
import type { Gen } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { IndexedArray } from "../arrays";
import { isName } from "../lexer";
import { signalNumber } from "../signals";
import type { Shell } from "../shell";
import { ReadonlyError } from "../vars";
import { type Builtin, builtin } from "./types";

const WHITE = " \t\n";
const READ_USAGE =
  "read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n";

/** Splits `line` into `n` fields; the last takes the rest (minus trailing IFS white space). */
export function splitForRead(line: string, quotedMask: boolean[], n: number, ifs: string): string[] {
  const out: string[] = [];
  let i = 0;
  const isIfs = (k: number) => !quotedMask[k] && ifs.includes(line[k]);
  const isWhite = (k: number) => isIfs(k) && WHITE.includes(line[k]);
  while (i < line.length && isWhite(i)) i++;
  while (out.length < n - 1 && i < line.length) {
    let field = "";
    while (i < line.length && !isIfs(i)) field += line[i++];
    out.push(field);
    // skip delimiter: white space, at most one non-white IFS char, white space
    while (i < line.length && isWhite(i)) i++;
    if (i < line.length && isIfs(i) && !isWhite(i)) {
      i++;
      while (i < line.length && isWhite(i)) i++;
    }
  }
  if (out.length < n) {
    let rest = line.slice(i);
    let end = rest.length;
    while (end > 0 && isWhite(i + end - 1)) end--;
    rest = rest.slice(0, end);
    out.push(rest);
  }
  while (out.length < n) out.push("");
  return out;
}

export const readBuiltin: Builtin = builtin(
  "read",
  false,
  function* (sh: Shell, argv: string[]): Gen<number> {
    let raw = false;
    let prompt: string | undefined;
    let fd = 0;
    let maxChars = -1;
    let delim = "\n";
    let arrayName: string | undefined;
    let i = 1;
    for (; i < argv.length; i++) {
      const a = argv[i];
      if (a === "--") {
        i++;
        break;
      }
      if (!a.startsWith("-") || a === "-") break;
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const val = () => {
          const v = a.slice(j + 1) || argv[++i];
          j = a.length;
          return v;
        };
        if (c === "r") raw = true;
        else if (c === "s") {
          // silent: nothing to echo anyway without a terminal line discipline change
        } else if (c === "p") prompt = val();
        else if (c === "u") fd = Number(val());
        else if (c === "n") maxChars = Number(val());
        else if (c === "d") delim = (val() ?? "")[0] ?? "\0";
        else if (c === "t") val();
        else if (c === "a" && sh.dialect === "bash") arrayName = val();
        else if (sh.dialect !== "bash") return yield* sh.fail(`illegal option -${c}`);
        else {
          yield* sh.message(`-${c}: invalid option`);
          yield* sh.write(2, READ_USAGE);
          return 2;
        }
      }
    }
    const names = argv.slice(i);
    for (const n of names) if (!isName(n)) return yield* sh.fail(`'${n}': not a valid identifier`);
    if (prompt !== undefined && sh.sys.isatty(fd)) yield* sh.write(2, prompt);
    let line = "";
    const quoted: boolean[] = [];
    let eof = false;
    for (;;) {
      if (maxChars >= 0 && line.length >= maxChars) break;
      let c: string;
      try {
        c = yield* sh.sys.read(fd, 1);
      } catch (e) {
        if (e instanceof Errno && e.code === "EINTR") {
          const sig = sh.pendingSignals[0];
          yield* sh.runPendingTraps();
          if (sig) return 128 + signalNumber(sig);
          continue;
        }
        if (e instanceof Errno) {
          eof = true;
          break;
        }
        throw e;
      }
      if (c === "") {
        eof = true;
        break;
      }
      if (c === delim) break;
      if (c === "\\" && !raw) {
        const n = yield* sh.sys.read(fd, 1);
        if (n === "") {
          eof = true;
          break;
        }
        if (n === "\n") continue;
        line += n;
        quoted.push(true);
        continue;
      }
      line += c;
      quoted.push(false);
    }
    const ifs = sh.vars.get("IFS") ?? " \t\n";
    if (arrayName !== undefined) return yield* readIntoArray(sh, arrayName, line, quoted, ifs, eof);
    const targets = names.length ? names : ["REPLY"];
    const values = splitForRead(line, quoted, targets.length, ifs);
    try {
      targets.forEach((n, k) => {
        sh.vars.set(n, values[k]);
      });
    } catch (e) {
      if (e instanceof ReadonlyError) return yield* sh.fail(e.message);
      throw e;
    }
    return eof ? 1 : 0;
  },
);

/** bash's read -a NAME: every field of the line becomes an element, from index 0. */
function* readIntoArray(
  sh: Shell,
  name: string,
  line: string,
  quoted: boolean[],
  ifs: string,
  eof: boolean,
): Gen<number> {
  if (!isName(name)) return yield* sh.fail(`'${name}': not a valid identifier`);
  const fields = splitForRead(line, quoted, line.length + 1, ifs);
  while (fields.length > 0 && fields[fields.length - 1] === "") fields.pop();
  const arr = new IndexedArray();
  fields.forEach((f, i) => {
    arr.set(i, f);
  });
  try {
    sh.vars.replaceArray(name, arr);
  } catch (e) {
    if (e instanceof ReadonlyError) return yield* sh.fail(`${name}: readonly variable`);
    throw e;
  }
  return eof ? 1 : 0;
}
