/** libbb remove_file(): what rm, and mv across filesystems, use to delete a path (recursively). */
import { gnuLine } from "../gnu/messages";
import { quoteAlways } from "../gnu/quote";
import { fileType } from "./stat";
import type { Gen, Sys } from "../../kernel/api";
import { asErrno, err, LineReader, warn } from "../lib/io";
import { joinPath } from "./common";

export interface RemoveFlags {
  force?: boolean;
  recursive?: boolean;
  interactive?: boolean;
  verbose?: boolean;
}

const stdinReaders = new WeakMap<Sys, LineReader>();

/** bb_ask_y_confirmation: reads a line from stdin; yes when it starts with y or Y. */
export function* askYes(sys: Sys): Gen<boolean> {
  // One buffered stdin per process, like stdio's, so several answers can come in one chunk.
  let reader = stdinReaders.get(sys);
  if (!reader) {
    reader = new LineReader(sys, 0);
    stdinReaders.set(sys, reader);
  }
  const line = yield* reader.next();
  return line !== null && (line[0] === "y" || line[0] === "Y");
}

function writable(sys: Sys, path: string): boolean {
  try {
    sys.access(path, 2);
    return true;
  } catch (e) {
    asErrno(e);
    return false;
  }
}

/** Returns false when something could not be removed (already reported). */
export function* removeFile(sys: Sys, path: string, flags: RemoveFlags): Gen<boolean> {
  const prog = sys.argv[0]?.slice(sys.argv[0].lastIndexOf("/") + 1);
  let st: import("../../kernel/api").Stat;
  try {
    st = sys.lstat(path);
  } catch (e) {
    const er = asErrno(e);
    if (er.code !== "ENOENT") {
      yield* warn(sys, `can't stat '${path}': ${er.message}`);
      return false;
    }
    if (!flags.force) {
      yield* warn(sys, `can't remove '${path}': ${er.message}`);
      return false;
    }
    return true;
  }
  if (st.type === "dir") {
    if (!flags.recursive) {
      yield* warn(sys, `'${path}' is a directory`);
      return false;
    }
    if ((!flags.force && !writable(sys, path) && sys.isatty(0)) || flags.interactive) {
      yield* err(sys, gnuLine(sys, `${prog}: descend into directory '${path}'? `, () => `${prog}: descend into directory ${quoteAlways(path)}? `));
      if (!(yield* askYes(sys))) return true;
    }
    let entries: string[];
    try {
      entries = sys.readdir(path);
    } catch (e) {
      // busybox gives up on an unreadable directory without a message.
      asErrno(e);
      return false;
    }
    let ok = true;
    for (const name of entries) {
      if (name === "." || name === "..") continue;
      if (!(yield* removeFile(sys, joinPath(path, name), flags))) ok = false;
    }
    if (flags.interactive) {
      yield* err(sys, `${prog}: remove directory '${path}'? `);
      if (!(yield* askYes(sys))) return ok;
    }
    if (ok) {
      try {
        sys.rmdir(path);
      } catch (e) {
        yield* warn(sys, `can't remove '${path}': ${asErrno(e).message}`);
        return false;
      }
    }
    if (flags.verbose) yield* sys.write(1, gnuLine(sys, `removed directory: '${path}'\n`, () => `removed directory ${quoteAlways(path)}\n`));
    return ok;
  }
  if ((!flags.force && st.type !== "symlink" && !writable(sys, path) && sys.isatty(0)) || flags.interactive) {
    yield* err(sys, gnuLine(sys, `${prog}: remove '${path}'? `, () => `${prog}: remove ${fileType(st)} ${quoteAlways(path)}? `));
    if (!(yield* askYes(sys))) return true;
  }
  try {
    sys.unlink(path);
  } catch (e) {
    yield* warn(sys, `can't remove '${path}': ${asErrno(e).message}`);
    return false;
  }
  if (flags.verbose) yield* sys.write(1, gnuLine(sys, `removed '${path}'\n`, () => `removed ${quoteAlways(path)}\n`));
  return true;
}
