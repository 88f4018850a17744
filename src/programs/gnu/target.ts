/**
 * How cp, mv and ln decide that their last operand is a target directory: coreutils opens it with
 * O_DIRECTORY (target_directory_operand), so a symlink to a directory counts unless told not to follow.
 */
import type { Gen, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { asErrno, warn } from "../lib/io";
import { quoteAlways } from "./quote";

/** null when `name` opens as a directory, else the error opening it would give. */
export function directoryOperandError(sys: Sys, name: string, follow = true): Errno | null {
  try {
    return (follow ? sys.stat(name) : sys.lstat(name)).type === "dir" ? null : new Errno("ENOTDIR");
  } catch (e) {
    return asErrno(e);
  }
}

/** gnulib file_name_concat(dir, base): one "/" between them, whatever `dir` ends with. */
export function fileNameConcat(dir: string, base: string): string {
  return dir.endsWith("/") ? dir + base : `${dir}/${base}`;
}

/**
 * cp and mv without -t: "dir" when the last of `files` is the target directory, "file" when there
 * are just two operands and the last is not one; otherwise reports "target 'X': why" and returns 1.
 */
export function* lastOperandTarget(sys: Sys, files: readonly string[]): Gen<"dir" | "file" | number> {
  const last = files[files.length - 1];
  const why = directoryOperandError(sys, last);
  if (!why) return "dir";
  if (files.length === 2) return "file";
  yield* warn(sys, `target ${quoteAlways(last)}: ${why.message}`);
  return 1;
}

/** -t DIR that is not a directory: "target directory 'X': why"; true when it is one. */
export function* checkTargetDirectory(sys: Sys, dir: string): Gen<boolean> {
  const why = directoryOperandError(sys, dir);
  if (why) yield* warn(sys, `target directory ${quoteAlways(dir)}: ${why.message}`);
  return why === null;
}
