/** cat: busybox 1.35 cat with -n -b (numbered lines) and -v -t -e -A (visible control characters). */
import { gnuTool } from "../gnu/flavour";
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { asErrno, out, warn } from "../lib/io";
import { parseOpts } from "./common";

export const cat: ProgramDef = {
  name: "cat",
  *main(sys) {
    const parsed = yield* parseOpts(sys, "cat", { flags: "unbvteA" });
    if (typeof parsed === "number") return parsed;
    const f = parsed.flags;
    // -A is -vte; -e and -t imply -v.
    const showEnds = !!(f.e || f.A);
    const showTabs = !!(f.t || f.A);
    const visible = !!(f.v || showEnds || showTabs);
    const files = parsed.operands.length > 0 ? parsed.operands : ["-"];
    if (visible) return yield* catVisible(sys, files, { showEnds, showTabs, number: !!(f.n || f.b), skipBlank: !!f.b });
    if (f.n || f.b) return yield* catNumbered(sys, files, !!f.b);
    let status = 0;
    for (const file of files) {
      const fd = openInput(sys, file);
      if (typeof fd === "string") {
        yield* warn(sys, fd === "Is a directory" && !gnuTool(sys) ? `read error: ${fd}` : `can't open '${file}': ${fd}`);
        status = 1;
        continue;
      }
      try {
        for (;;) {
          const chunk = yield* sys.read(fd, 65536);
          if (chunk === "") break;
          yield* sys.write(1, chunk);
        }
      } catch (e) {
        const message = asErrno(e).message;
        yield* warn(sys, gnuTool(sys) ? `can't open '${file}': ${message}` : `read error: ${message}`);
        status = 1;
      }
      if (fd !== 0) sys.close(fd);
    }
    return status;
  },
};

/** Opens an input operand ("-" is stdin); returns the fd or the strerror text. */
export function openInput(sys: Sys, file: string): number | string {
  if (file === "-") return 0;
  try {
    return sys.open(file, { read: true });
  } catch (e) {
    return asErrno(e).message;
  }
}

function* readWhole(sys: Sys, fd: number): Gen<string> {
  let data = "";
  for (;;) {
    const chunk = yield* sys.read(fd, 65536);
    if (chunk === "") return data;
    data += chunk;
  }
}

/** -n/-b without -v: busybox's nl-style numbering ("%6u\t"), which ends every line with "\n". */
function* catNumbered(sys: Sys, files: string[], skipBlank: boolean): Gen<number> {
  let line = 1;
  let status = 0;
  for (const file of files) {
    const fd = openInput(sys, file);
    // A directory opens on Linux and then reads as nothing here.
    if (fd === "Is a directory") continue;
    if (typeof fd === "string") {
      yield* warn(sys, `${file}: ${fd}`);
      status = 1;
      continue;
    }
    let data: string;
    try {
      data = yield* readWhole(sys, fd);
    } catch (e) {
      // A read error just ends this file's lines, as getline does.
      asErrno(e);
      data = "";
    }
    if (fd !== 0) sys.close(fd);
    if (data === "") continue;
    const lines = data.split("\n");
    if (data.endsWith("\n")) lines.pop();
    let text = "";
    for (const l of lines) {
      if (skipBlank && l === "") {
        text += "\n";
        continue;
      }
      text += `${String(line++).padStart(6)}\t${l}\n`;
    }
    yield* out(sys, text);
  }
  return status;
}

/** -v family: control characters as ^X, high bytes as M-x, optionally $ at line ends and ^I for tabs. */
function* catVisible(
  sys: Sys,
  files: string[],
  o: { showEnds: boolean; showTabs: boolean; number: boolean; skipBlank: boolean },
): Gen<number> {
  let status = 0;
  let eolSeen = true;
  let line = 0;
  for (const file of files) {
    const fd = openInput(sys, file);
    if (typeof fd === "string") {
      // A directory opens on Linux and its read fails quietly here.
      if (fd !== "Is a directory") yield* warn(sys, `can't open '${file}': ${fd}`);
      status = 1;
      continue;
    }
    for (;;) {
      let chunk: string;
      try {
        chunk = yield* sys.read(fd, 65536);
      } catch (e) {
        asErrno(e);
        status = 1;
        break;
      }
      if (chunk === "") break;
      let text = "";
      for (let i = 0; i < chunk.length; i++) {
        let c = chunk.charCodeAt(i);
        if (eolSeen && o.number && (!o.skipBlank || c !== 10)) {
          line++;
          text += `${String(line).padStart(6)}  `;
        }
        eolSeen = c === 10;
        if (c > 126) {
          if (c === 127) {
            text += "^?";
            continue;
          }
          text += "M-";
          c -= 128;
        }
        if (c < 32) {
          if (c === 10) {
            text += o.showEnds ? "$\n" : "\n";
            continue;
          }
          if (c === 9 && !o.showTabs) {
            text += "\t";
            continue;
          }
          text += `^${String.fromCharCode(c + 64)}`;
          continue;
        }
        if (c === 127) {
          text += "^?";
          continue;
        }
        text += String.fromCharCode(c);
      }
      yield* out(sys, text);
    }
    if (fd !== 0) sys.close(fd);
  }
  return status;
}
