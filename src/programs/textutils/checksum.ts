/** md5sum and sha256sum [-c[sw]] [FILE]...: digests with @noble/hashes, and checking a list of them. */
import { md5 } from "@noble/hashes/legacy.js";
import { sha256 } from "@noble/hashes/sha2.js";
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { toUint8 } from "../../kernel/bytes";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { readToEnd } from "../lib/inputs";
import { asErrno, out, warn } from "../lib/io";
import { USAGE } from "./usage";

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

function makeChecksum(name: "md5sum" | "sha256sum", digest: (d: Uint8Array) => Uint8Array): ProgramDef {
  const hexLen = name === "md5sum" ? 32 : 64;
  /** Digest of a file, or null after reporting why it could not be read. */
  const hashFile = function* (sys: Sys, file: string): Gen<string | null> {
    let fd: number;
    try {
      fd = file === "-" ? 0 : sys.open(file, { read: true });
    } catch (e) {
      yield* warn(sys, `can't open '${file}': ${asErrno(e).message}`);
      return null;
    }
    try {
      return hex(digest(toUint8(yield* readToEnd(sys, fd))));
    } catch (e) {
      yield* warn(sys, `can't read '${file}': ${asErrno(e).message}`);
      return null;
    } finally {
      if (fd !== 0) sys.close(fd);
    }
  };
  return {
    name,
    *main(sys) {
      let opts: ReturnType<typeof getopt>;
      try {
        opts = getopt(sys.argv, { flags: "csw" });
      } catch (e) {
        if (e instanceof OptError) return yield* usageError(sys, USAGE[name], e.message);
        throw e;
      }
      const files = opts.operands.length ? opts.operands : ["-"];
      let status = 0;
      if (!opts.flags.c) {
        for (const f of files) {
          const h = yield* hashFile(sys, f);
          if (h === null) status = 1;
          else yield* out(sys, `${h}  ${f}\n`);
        }
        return status;
      }
      const quiet = !!opts.flags.s;
      let failed = 0;
      let total = 0;
      for (const list of files) {
        let text: string;
        try {
          text = list === "-" ? yield* readToEnd(sys, 0) : sys.readFile(list);
        } catch (e) {
          yield* warn(sys, `${list}: ${asErrno(e).message}`);
          status = 1;
          continue;
        }
        for (const line of text.split("\n")) {
          if (line === "") continue;
          const m = new RegExp(`^([0-9a-fA-F]{${hexLen}}) [ *](.*)$`).exec(line);
          total++;
          if (!m) {
            if (opts.flags.w) yield* warn(sys, "invalid format");
            failed++;
            continue;
          }
          const h = yield* hashFile(sys, m[2]);
          const ok = h !== null && h === m[1].toLowerCase();
          if (!ok) failed++;
          if (!quiet) yield* out(sys, `${m[2]}: ${ok ? "OK" : "FAILED"}\n`);
        }
      }
      if (failed) {
        if (!quiet) yield* warn(sys, `WARNING: ${failed} of ${total} computed checksums did NOT match`);
        return 1;
      }
      return status;
    },
  };
}

export const md5sum: ProgramDef = makeChecksum("md5sum", md5);
export const sha256sum: ProgramDef = makeChecksum("sha256sum", sha256);
