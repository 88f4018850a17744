/** Small helpers every program uses: writing to stdout/stderr, reporting errors the way busybox does. */
import type { Gen, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { gnuProgramName, gnuTool } from "../gnu/flavour";
import { gnuMessage } from "../gnu/messages";

export function* out(sys: Sys, text: string): Gen<void> {
  if (text.length > 0) yield* sys.write(1, text);
}

export function* err(sys: Sys, text: string): Gen<void> {
  if (text.length > 0) yield* sys.write(2, text);
}

/** The program name as busybox prints it in messages: the basename of argv[0]. */
export function progName(sys: Sys): string {
  const a0 = sys.argv[0] ?? "";
  return a0.slice(a0.lastIndexOf("/") + 1);
}

/** "prog: msg\n" on stderr (a GNU tool's own name and wording, see gnu/messages.ts). */
export function* warn(sys: Sys, msg: string): Gen<void> {
  if (gnuTool(sys)) {
    const text = gnuMessage(sys, msg);
    if (text !== "") yield* err(sys, `${gnuProgramName(sys)}: ${text}\n`);
    return;
  }
  yield* err(sys, `${progName(sys)}: ${msg}\n`);
}

/** Rethrows anything that is not an Errno (exit/exec unwinding must pass through). */
export function asErrno(e: unknown): Errno {
  if (e instanceof Errno) return e;
  throw e;
}

/** Reads a whole fd until end of file. */
export function* readAll(sys: Sys, fd: number): Gen<string> {
  let data = "";
  for (;;) {
    const chunk = yield* sys.read(fd);
    if (chunk === "") return data;
    data += chunk;
  }
}

/**
 * Reads lines one at a time from an fd, without reading past what it returns more than one chunk.
 * Each yielded line keeps its "\n" (the last one may lack it).
 */
export class LineReader {
  private buf = "";
  private eof = false;
  constructor(
    private readonly sys: Sys,
    private readonly fd: number,
  ) {}

  *next(): Gen<string | null> {
    for (;;) {
      const nl = this.buf.indexOf("\n");
      if (nl >= 0) {
        const line = this.buf.slice(0, nl + 1);
        this.buf = this.buf.slice(nl + 1);
        return line;
      }
      if (this.eof) {
        if (this.buf === "") return null;
        const line = this.buf;
        this.buf = "";
        return line;
      }
      const chunk = yield* this.sys.read(this.fd);
      if (chunk === "") this.eof = true;
      else this.buf += chunk;
    }
  }
}
