/** Opening and reading the FILE operands of text utilities ("-" is standard input). */
import type { Gen, Sys } from "../../kernel/api";

/** Opens a FILE operand for reading; "-" is fd 0. Throws Errno. */
export function openInput(sys: Sys, name: string): number {
  return name === "-" ? 0 : sys.open(name, { read: true });
}

/** Closes what openInput opened (never stdin). */
export function closeInput(sys: Sys, fd: number): void {
  if (fd !== 0) sys.close(fd);
}

/**
 * Reads an fd to end of file. Read errors (EISDIR...) are thrown as Errno. What is held counts as
 * the process's memory (until it exits), so `sort /dev/zero` meets the OOM killer as on Linux.
 */
export function* readToEnd(sys: Sys, fd: number): Gen<string> {
  let data = "";
  for (;;) {
    const chunk = yield* sys.read(fd);
    if (chunk === "") return data;
    data += chunk;
    yield* sys.alloc(chunk.length);
  }
}

/** Splits text into lines that keep their "\n" (the last may lack it). */
export function splitLines(text: string, sep = "\n"): string[] {
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    const i = text.indexOf(sep, start);
    if (i < 0) break;
    lines.push(text.slice(start, i + 1));
    start = i + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}
