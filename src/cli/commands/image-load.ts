/** docker load / docker image load: images from a `docker save` archive (file or stdin). */
import type { Gen } from "../../kernel";
import { Errno } from "../../kernel";
import { EngineError } from "../../engine/client";
import { pathError } from "../../engine/containers/cp-host";
import { loadImages } from "../../engine/images/save";
import { CliError, type CommandContext, type CommandHandler } from "./lib/context";
import { ProgressDisplay } from "./lib/images-progress";

/** Everything on a file descriptor until end of file. */
export function* readToEnd(ctx: CommandContext, fd: number): Gen<string> {
  let data = "";
  for (;;) {
    const chunk = yield* ctx.sys.read(fd);
    if (chunk === "") return data;
    data += chunk;
  }
}

/** The input file's bytes (Go's os.Open error texts). */
export function readInputFile(ctx: CommandContext, path: string): string {
  try {
    return ctx.sys.readFile(path);
  } catch (e) {
    if (e instanceof Errno) throw new CliError(pathError(e.code === "EISDIR" ? "read" : "open", path, e));
    throw e;
  }
}

export const imageLoad: CommandHandler = function* (ctx) {
  const input = ctx.flags.string("input");
  let data: string;
  if (input !== "") data = readInputFile(ctx, input);
  else {
    if (ctx.sys.isatty(0)) throw new CliError("requested load from stdin, but stdin is empty");
    data = yield* readToEnd(ctx, 0);
  }
  // Not on a terminal the daemon is asked for quiet output: only the "Loaded image" lines.
  const quiet = ctx.flags.bool("quiet") || !ctx.sys.isatty(1);
  const d = ctx.client();
  const display = ProgressDisplay.forFd(ctx.sys, 1);
  try {
    loadImages(d, data, (e) => {
      if (e.kind === "loaded") display.add({ status: e.text });
      else if (!quiet)
        for (let i = 0; i < 2; i++) display.add({ id: e.id, status: "Loading layer", progress: { current: e.size, total: e.size } });
    });
  } catch (e) {
    // Load reports errors inside its JSON stream: the client prints them bare.
    if (e instanceof EngineError) {
      yield* ctx.out(display.take());
      throw new CliError(e.message);
    }
    throw e;
  }
  yield* ctx.out(display.take());
  return 0;
};
