/**
 * docker cp / docker container cp: between a container and the host, either way, or as a tar
 * stream on stdin/stdout ("-"). The daemon archives and extracts inside the container; the client
 * reads and writes the host side with the user's own permissions.
 */
import type { Gen } from "../../kernel";
import { Errno } from "../../kernel";
import { containerArchive, containerExtract, containerStatPath } from "../../engine/containers/cp";
import {
  absPath,
  CopyError,
  type CopyInfo,
  destinationInfo,
  dirOf,
  extractOnHost,
  prepareArchiveCopy,
  readHostTree,
  rebaseEntries,
  sourceInfo,
  splitPathDirEntry,
  sysIdNames,
} from "../../engine/containers/cp-host";
import { EngineError } from "../../engine/client";
import { readTar, TarError, writeTar } from "../../engine/images/tar";
import { humanSizeWithPrecision } from "../units";
import { CliError, type CommandContext, type CommandHandler } from "./lib/context";

/** `container:path`, unless the argument is an explicit local path (absolute, or "./x:y"). */
export function splitCpArg(arg: string): [string, string] {
  if (arg.startsWith("/")) return ["", arg];
  const i = arg.indexOf(":");
  if (i < 0 || arg.slice(0, i).startsWith(".")) return ["", arg];
  return [arg.slice(0, i), arg.slice(i + 1)];
}

function* readAll(ctx: CommandContext, fd: number): Gen<string> {
  let data = "";
  for (;;) {
    const chunk = yield* ctx.sys.read(fd);
    if (chunk === "") return data;
    data += chunk;
  }
}

function cliCopyError<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof CopyError) throw new CliError(e.message);
    throw e;
  }
}

function* fromContainer(ctx: CommandContext, container: string, srcPath: string, dst: string, quiet: boolean): Gen<number> {
  const sys = ctx.sys;
  const dstPath = dst === "-" ? "-" : absPath(sys, dst);
  if (dstPath !== "-") {
    const dir = dirOf(dstPath);
    try {
      sys.stat(dir);
    } catch (e) {
      if (e instanceof Errno && e.code === "ENOENT") throw new CliError(`invalid output path: directory "${dir}" does not exist`);
    }
  }
  const d = ctx.client();
  let path = srcPath;
  let rebaseName: string | undefined;
  if (ctx.flags.bool("follow-link")) {
    try {
      const st = containerStatPath(d, container, path);
      if (st.type === "symlink") {
        let target = st.linkTarget;
        if (!target.startsWith("/")) target = `${splitPathDirEntry(path)[0]}/${target}`;
        const srcBase = splitPathDirEntry(path)[1];
        const targetBase = splitPathDirEntry(target)[1];
        if (srcBase !== targetBase) rebaseName = srcBase;
        path = target;
      }
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
    }
  }
  const { stat, items } = containerArchive(d, container, path);
  const tar = writeTar(items);
  if (dstPath === "-") {
    yield* ctx.out(tar);
    return 0;
  }
  const src: CopyInfo = { path, exists: true, isDir: stat.type === "dir", rebaseName };
  let entries = items;
  if (rebaseName) entries = rebaseEntries(entries, splitPathDirEntry(path)[1], rebaseName);
  cliCopyError(() => {
    const dstInfo = destinationInfo(sys, dstPath);
    const plan = prepareArchiveCopy(src, dstInfo);
    extractOnHost(sys, plan.dir, plan.rebase ? rebaseEntries(entries, plan.rebase[0], plan.rebase[1]) : entries);
  });
  if (!quiet) yield* ctx.err(`Successfully copied ${humanSizeWithPrecision(tar.length, 3)} to ${dstPath}\n`);
  return 0;
}

/** The user (uid, gid) of a container's User setting, for -a. */
function containerOwner(ctx: CommandContext, container: string): { uid: number; gid: number } | undefined {
  const c = ctx.client().container(container);
  const user = c.config.User;
  if (!user) return undefined;
  const [u, g] = user.split(":");
  const num = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined);
  let uid = num(u);
  let gid = num(g);
  if (uid === undefined || (g !== undefined && gid === undefined)) {
    try {
      const passwd = containerArchive(ctx.client(), container, "/etc/passwd").items[0]?.entry.content ?? "";
      const group = containerArchive(ctx.client(), container, "/etc/group").items[0]?.entry.content ?? "";
      const pw = passwd.split("\n").map((l) => l.split(":")).find((f) => f[0] === u || f[2] === u);
      if (uid === undefined && pw) uid = Number(pw[2]);
      if (gid === undefined && g === undefined && pw) gid = Number(pw[3]);
      if (gid === undefined && g !== undefined) gid = num(group.split("\n").map((l) => l.split(":")).find((f) => f[0] === g)?.[2]);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
    }
  }
  if (uid === undefined) return undefined;
  return { uid, gid: gid ?? uid };
}

function* toContainer(ctx: CommandContext, container: string, src: string, dstPath: string, quiet: boolean): Gen<number> {
  const sys = ctx.sys;
  const srcPath = src === "-" ? "-" : absPath(sys, src);
  const d = ctx.client();
  const dstInfo: CopyInfo = { path: dstPath, exists: false, isDir: false };
  try {
    let st = containerStatPath(d, container, dstPath);
    if (st.type === "symlink") {
      let target = st.linkTarget;
      if (!target.startsWith("/")) target = `${splitPathDirEntry(dstPath)[0]}/${target}`;
      dstInfo.path = target;
      st = containerStatPath(d, container, target);
    }
    dstInfo.exists = true;
    dstInfo.isDir = st.type === "dir";
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
  }
  const owner = ctx.flags.bool("archive") ? containerOwner(ctx, container) : undefined;
  if (srcPath === "-") {
    if (!dstInfo.isDir) throw new CliError(`destination "${container}:${dstPath}" must be a directory`);
    const data = yield* readAll(ctx, 0);
    let members: ReturnType<typeof readTar>;
    try {
      members = readTar(data);
    } catch (e) {
      if (e instanceof TarError) throw new EngineError(`Error processing tar file(exit status 1): ${e.message}`, 500);
      throw e;
    }
    containerExtract(d, container, dstInfo.path, members, { owner });
    return 0;
  }
  const { dir, members, size } = cliCopyError(() => {
    const info = sourceInfo(sys, srcPath, ctx.flags.bool("follow-link"));
    // TarResourceRebase: members named under the source's base name (or its rebase name).
    const base = splitPathDirEntry(info.path)[1];
    let items = readHostTree(sys, info.path.replace(/\/\.$/, "") || "/", base, sysIdNames(sys));
    if (info.rebaseName) items = rebaseEntries(items, base, info.rebaseName);
    const plan = prepareArchiveCopy(info, dstInfo);
    if (plan.rebase) items = rebaseEntries(items, plan.rebase[0], plan.rebase[1]);
    const tar = writeTar(items);
    return { dir: plan.dir, members: readTar(tar), size: tar.length };
  });
  containerExtract(d, container, dir, members, { owner });
  if (!quiet) yield* ctx.err(`Successfully copied ${humanSizeWithPrecision(size, 3)} to ${container}:${dstInfo.path}\n`);
  return 0;
}

export const containerCp: CommandHandler = function* (ctx) {
  const [source, destination] = ctx.args;
  if (source === "") throw new CliError("source can not be empty");
  if (destination === "") throw new CliError("destination can not be empty");
  // Progress goes to stderr, but only when stdout is a terminal (unless -q says otherwise).
  const quiet = ctx.flags.changed("quiet") ? ctx.flags.bool("quiet") : !ctx.sys.isatty(1);
  const [srcContainer, srcPath] = splitCpArg(source);
  const [dstContainer, dstPath] = splitCpArg(destination);
  if (srcContainer !== "" && dstContainer !== "") throw new CliError("copying between containers is not supported");
  if (srcContainer === "" && dstContainer === "") throw new CliError("must specify at least one container source");
  if (srcContainer !== "") return yield* fromContainer(ctx, srcContainer, srcPath, destination, quiet);
  return yield* toContainer(ctx, dstContainer, srcPath, dstPath, quiet);
};
