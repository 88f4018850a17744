/** docker tag / docker image tag SOURCE TARGET. */
import { EngineError } from "../../engine/client";
import type { ImageMeta } from "../../engine/images/inspect";
import { familiarString, parseImageRef } from "../../engine/images/refs";
import { rfc3339Nano } from "../../engine/time";
import { CliError, type CommandHandler } from "./lib/context";

// biome-ignore lint/correctness/useYield: it prints nothing, but handlers are generators
export const tag: CommandHandler = function* (ctx) {
  const [source, target] = ctx.args;
  const src = parseImageRef(source);
  if (!src.ok && !/^(sha256:)?[0-9a-f]{1,64}$/.test(source))
    throw new CliError(`Error parsing reference: "${source}" is not a valid repository/tag: ${src.message}`);
  const dst = parseImageRef(target);
  if (!dst.ok) throw new CliError(`Error parsing reference: "${target}" is not a valid repository/tag: ${dst.message}`);
  if (dst.ref.digest) throw new CliError("refusing to create a tag with a digest reference");
  const d = ctx.client();
  const img = d.findImage(source) as ImageMeta | undefined;
  if (!img) {
    const name = src.ok ? familiarString({ ...src.ref, tag: src.ref.tag ?? (src.ref.digest ? undefined : "latest") }).full : source;
    throw new EngineError(`No such image: ${name}`, 404);
  }
  d.tag(source, target);
  img.lastTagTime = rfc3339Nano(d.k.now());
  return 0;
};
