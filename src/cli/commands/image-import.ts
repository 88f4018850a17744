/** docker import / docker image import: a tarball (file, URL or stdin) as a one-layer image. */
import { EngineError } from "../../engine/client";
import { importImage } from "../../engine/images/save";
import type { CommandHandler } from "./lib/context";
import { CliError } from "./lib/context";
import { clientRef } from "./lib/images";
import { readInputFile, readToEnd } from "./image-load";

export const imageImport: CommandHandler = function* (ctx) {
  const [source, reference] = ctx.args;
  let data: string;
  if (source === "-") data = yield* readToEnd(ctx, 0);
  else if (/^https?:\/\//.test(source)) {
    const host = source.replace(/^https?:\/\//, "").split(/[/:]/)[0];
    throw new EngineError(`Get "${source}": dial tcp: lookup ${host}: no such host`, 500);
  } else data = readInputFile(ctx, source);
  const ref = reference !== undefined && reference !== "" ? clientRef(reference) : undefined;
  if (ref?.digest) throw new CliError("refusing to create a tag with a digest reference");
  const d = ctx.client();
  const id = importImage(d, data, {
    ref: ref ? { ...ref, tag: ref.tag ?? "latest" } : undefined,
    message: ctx.flags.string("message"),
    changes: ctx.flags.list("change"),
    // A local file is sent as the request body, so the daemon names it "-" too.
    source: "-",
  });
  yield* ctx.out(`${id}\n`);
  return 0;
};
