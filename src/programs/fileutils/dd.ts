/** dd: busybox 1.35 dd (Debian's build prints only the two "records in/out" lines). */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { asErrno, err, warn } from "../lib/io";
import { showHelp, usage } from "./common";

const SUFFIXES: Record<string, number> = {
  "": 1,
  c: 1,
  w: 2,
  b: 512,
  kB: 1000,
  kD: 1000,
  k: 1024,
  K: 1024,
  MB: 1000000,
  MD: 1000000,
  M: 1048576,
  GB: 1000000000,
  GD: 1000000000,
  G: 1073741824,
};

function parseNumber(s: string): number | null {
  const m = s.match(/^(\d+)([a-zA-Z]*)$/);
  if (!m || !(m[2] in SUFFIXES)) return null;
  return Number(m[1]) * SUFFIXES[m[2]];
}

interface Params {
  ifile?: string;
  ofile?: string;
  ibs: number;
  obs: number;
  count: number;
  skip: number;
  seek: number;
  conv: Set<string>;
  iflag: Set<string>;
  oflag: Set<string>;
  status: string;
}

export const dd: ProgramDef = {
  name: "dd",
  *main(sys) {
    if (sys.argv[1] === "--help") return yield* showHelp(sys, "dd");
    const p: Params = {
      ibs: 512,
      obs: 512,
      count: -1,
      skip: 0,
      seek: 0,
      conv: new Set(),
      iflag: new Set(),
      oflag: new Set(),
      status: "",
    };
    let twoBufs = false;
    for (const arg of sys.argv.slice(1)) {
      const eq = arg.indexOf("=");
      if (eq < 0) return yield* usage(sys, "dd");
      const key = arg.slice(0, eq);
      const val = arg.slice(eq + 1);
      const num = () => {
        const n = parseNumber(val);
        if (n === null) throw new BadNumber(val);
        return n;
      };
      try {
        switch (key) {
          case "if":
            p.ifile = val;
            break;
          case "of":
            p.ofile = val;
            break;
          case "bs":
            p.ibs = p.obs = num();
            break;
          case "ibs":
            p.ibs = num();
            twoBufs = true;
            break;
          case "obs":
            p.obs = num();
            twoBufs = true;
            break;
          case "count":
            p.count = num();
            break;
          case "skip":
            p.skip = num();
            break;
          case "seek":
            p.seek = num();
            break;
          case "conv":
          case "iflag":
          case "oflag": {
            const allowed: Record<string, string[]> = {
              conv: ["notrunc", "sync", "noerror", "fsync", "swab"],
              iflag: ["skip_bytes", "count_bytes", "fullblock", "direct"],
              oflag: ["seek_bytes", "append", "direct"],
            };
            for (const word of val.split(",")) {
              if (!allowed[key].includes(word)) {
                yield* warn(sys, `invalid argument '${word}' to '${key}'`);
                return 1;
              }
              p[key].add(word);
            }
            break;
          }
          case "status":
            if (val !== "none" && val !== "noxfer" && val !== "progress") {
              yield* warn(sys, `invalid argument '${val}' to 'status'`);
              return 1;
            }
            p.status = val;
            break;
          default:
            return yield* usage(sys, "dd");
        }
      } catch (e) {
        if (!(e instanceof BadNumber)) throw e;
        yield* warn(sys, `invalid number '${e.message}'`);
        return 1;
      }
    }
    if (p.ibs === 0 || p.obs === 0) {
      yield* warn(sys, "invalid number '0'");
      return 1;
    }
    // bs= given after ibs/obs still means one buffer.
    if (p.ibs === p.obs) twoBufs = false;
    return yield* copy(sys, p, twoBufs);
  },
};

class BadNumber extends Error {}

function* copy(sys: Sys, p: Params, twoBufs: boolean): Gen<number> {
  let ifd = 0;
  let ofd = 1;
  const inName = p.ifile ?? "standard input";
  const outName = p.ofile ?? "standard output";
  if (p.ifile !== undefined) {
    try {
      ifd = sys.open(p.ifile, { read: true });
    } catch (e) {
      yield* warn(sys, `can't open '${p.ifile}': ${asErrno(e).message}`);
      return 1;
    }
  }
  if (p.ofile !== undefined) {
    const notrunc = p.conv.has("notrunc");
    try {
      ofd = sys.open(p.ofile, { write: true, create: true, trunc: !p.seek && !notrunc, append: p.oflag.has("append") }, 0o666);
    } catch (e) {
      yield* warn(sys, `can't open '${p.ofile}': ${asErrno(e).message}`);
      return 1;
    }
    if (p.seek && !notrunc) {
      const blocksz = p.oflag.has("seek_bytes") ? 1 : p.obs;
      try {
        if (sys.fstat(ofd).type === "file") sys.truncate(p.ofile, p.seek * blocksz);
      } catch (e) {
        yield* warn(sys, `${p.ofile}: ${asErrno(e).message}`);
        return 1;
      }
    }
  }
  const counts = { inFull: 0, inPart: 0, outFull: 0, outPart: 0 };
  const report = function* () {
    if (p.status !== "none") {
      yield* err(sys, `${counts.inFull}+${counts.inPart} records in\n${counts.outFull}+${counts.outPart} records out\n`);
    }
  };
  const readBlock = function* (size: number): Gen<string> {
    if (!p.iflag.has("fullblock")) return yield* sys.read(ifd, size);
    let data = "";
    while (data.length < size) {
      const chunk = yield* sys.read(ifd, size - data.length);
      if (chunk === "") break;
      data += chunk;
    }
    return data;
  };
  try {
    if (p.skip) {
      const blocksz = p.iflag.has("skip_bytes") ? 1 : p.ibs;
      let seekable = true;
      try {
        sys.lseek(ifd, p.skip * blocksz, "cur");
      } catch (e) {
        asErrno(e);
        seekable = false;
      }
      if (!seekable) {
        for (let n = p.skip; n > 0; n--) {
          if ((yield* readBlock(blocksz)) === "") break;
        }
      }
    }
    if (p.seek) {
      const blocksz = p.oflag.has("seek_bytes") ? 1 : p.obs;
      try {
        sys.lseek(ofd, p.seek * blocksz, "cur");
      } catch (e) {
        yield* warn(sys, `${outName}: ${asErrno(e).message}`);
        return 1;
      }
    }
  } catch (e) {
    yield* warn(sys, `${inName}: ${asErrno(e).message}`);
    return 1;
  }
  const countBytes = p.iflag.has("count_bytes");
  let bytesIn = 0;
  let pending = "";
  const writeOut = function* (data: string): Gen<boolean> {
    try {
      yield* sys.write(ofd, data);
    } catch (e) {
      yield* warn(sys, `${outName}: ${asErrno(e).message}`);
      return false;
    }
    if (data.length === p.obs) counts.outFull++;
    else if (data.length > 0) counts.outPart++;
    return true;
  };
  for (;;) {
    if (p.count >= 0) {
      if (countBytes ? bytesIn >= p.count : counts.inFull + counts.inPart >= p.count) break;
    }
    const want = countBytes && p.count >= 0 ? Math.min(p.ibs, p.count - bytesIn) : p.ibs;
    let block: string;
    try {
      block = yield* readBlock(want);
    } catch (e) {
      const er = asErrno(e);
      if (!p.conv.has("noerror")) {
        yield* warn(sys, `${inName}: ${er.message}`);
        yield* report();
        return 1;
      }
      yield* warn(sys, `${inName}: ${er.message}`);
      block = "";
    }
    if (block === "") break;
    bytesIn += block.length;
    if (p.conv.has("swab")) block = block.replace(/([\s\S])([\s\S])/g, "$2$1");
    if (block.length === p.ibs) counts.inFull++;
    else {
      counts.inPart++;
      if (p.conv.has("sync")) block = block.padEnd(p.ibs, "\0");
    }
    if (twoBufs) {
      pending += block;
      while (pending.length >= p.obs) {
        if (!(yield* writeOut(pending.slice(0, p.obs)))) {
          yield* report();
          return 1;
        }
        pending = pending.slice(p.obs);
      }
    } else if (!(yield* writeOut(block))) {
      yield* report();
      return 1;
    }
  }
  if (pending !== "" && !(yield* writeOut(pending))) {
    yield* report();
    return 1;
  }
  if (p.ifile !== undefined) sys.close(ifd);
  if (p.ofile !== undefined) sys.close(ofd);
  yield* report();
  return 0;
}
