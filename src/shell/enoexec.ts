/**
 * What each shell does when execve() says ENOEXEC (a file without "#!" the kernel cannot run: a
 * script, or a binary for another machine). Measured on Debian 12:
 * - busybox ash 1.35 runs it as a script with itself, whatever it holds (NUL bytes are dropped
 *   from the input), so a binary gives "line 1: <its first word>: not found";
 * - bash 5.2 reads 128 bytes and refuses an ELF file or a NUL in the first line (two lines after
 *   "#!"): "cannot execute binary file: Exec format error", 126; else runs it as a script;
 * - dash 0.5.12 reads 128 bytes and refuses control characters in the first line, leaving the
 *   "Exec format error" (126); else runs it with /bin/sh.
 */
import type { Dialect } from "./shell";

/** How many bytes bash and dash look at. */
const SAMPLE = 128;

/** bash's check_binary_file. */
function bashSeesBinary(sample: string): boolean {
  if (sample.startsWith("\x7fELF")) return true;
  let lines = sample.startsWith("#!") ? 2 : 1;
  for (const c of sample) {
    if (c === "\n" && --lines === 0) return false;
    if (c === "\0") return true;
  }
  return false;
}

/** dash's refusal: a control character in the first line, but for \t..\r, \x0e, \x0f and ESC. */
function dashSeesBinary(sample: string): boolean {
  for (const c of sample) {
    if (c === "\n") return false;
    const code = c.charCodeAt(0);
    if (code === 0x7f) return true;
    if (code < 0x20 && !(code >= 0x09 && code <= 0x0f) && code !== 0x1b) return true;
  }
  return false;
}

export type EnoexecAction =
  /** Run the file as a script: exec `shell` with `argv` (the script's path as its $0). */
  | { kind: "script"; shell: string; argv: string[] }
  /** bash's own refusal, status 126. */
  | { kind: "binary"; message: string }
  /** Report execve's error as it is. */
  | { kind: "error" };

/**
 * What a shell of `dialect` does with `path` (its first bytes `head`), run as `argv`. `self` is
 * the running shell's path, as bash runs the script in a copy of itself.
 */
export function enoexecAction(dialect: Dialect, head: string, argv: string[], path: string, self: string): EnoexecAction {
  const sample = head.slice(0, SAMPLE);
  if (dialect === "bash") {
    if (bashSeesBinary(sample)) return { kind: "binary", message: `${argv[0]}: cannot execute binary file: Exec format error` };
    return { kind: "script", shell: self, argv: ["bash", path, ...argv.slice(1)] };
  }
  if (dialect === "dash") {
    if (dashSeesBinary(sample)) return { kind: "error" };
    return { kind: "script", shell: "/bin/sh", argv: ["/bin/sh", path, ...argv.slice(1)] };
  }
  return { kind: "script", shell: "/bin/sh", argv: ["ash", path, ...argv.slice(1)] };
}

/** The shells' input readers drop NUL bytes (ash and dash's preadbuffer, bash's reader). */
export function dropNuls(text: string): string {
  return text.includes("\0") ? text.replaceAll("\0", "") : text;
}

const ANSIC_LETTERS: Record<string, string> = { "\x07": "a", "\b": "b", "\x1b": "E", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v" };

/** bash's printable_filename: a name with control characters as $'...' (ansic_quote). */
export function bashPrintableName(name: string): string {
  if (!/[\x00-\x1f\x7f]/.test(name)) return name;
  let out = "";
  for (const c of name) {
    const code = c.charCodeAt(0);
    if (ANSIC_LETTERS[c] !== undefined) out += `\\${ANSIC_LETTERS[c]}`;
    else if (c === "\\" || c === "'") out += `\\${c}`;
    else if (code < 0x20 || code === 0x7f) out += `\\${code.toString(8).padStart(3, "0")}`;
    else out += c;
  }
  return `$'${out}'`;
}
