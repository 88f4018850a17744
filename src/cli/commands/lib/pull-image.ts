/**
 * The pull docker run/create do when the image is missing (or --pull=always): progress on stderr,
 * as docker/cli's pullImage writes it, without the final full reference that `docker pull` prints:
 * the daemon's jsonmessage stream, redrawn in place on a terminal, state changes only elsewhere.
 */
import type { Gen } from "../../../kernel";
import { EngineError } from "../../../engine/client";
import { familiarString, type NamedRef, parseImageRef } from "../../../engine/images/refs";
import { noMatchingManifest, pullPlatform } from "../../../engine/images/image-platform";
import { parsePlatform } from "../../../engine/images/platforms";
import type { CommandContext } from "./context";
import { drive, layerMessage, ProgressDisplay } from "./images-progress";
import { createCommandError } from "./platform-flags";

/** Pulls `image` for run/create (for `platform` when not ""); `quiet` drops the progress. */
export function* pullForRun(ctx: CommandContext, image: string, quiet: boolean, platform = ""): Gen<void> {
  const d = ctx.client();
  const parsed = parseImageRef(image);
  if (!parsed.ok) throw new EngineError(parsed.message, 400);
  // The daemon parses the platform of ImageCreate again (the client's parse let it through).
  const wanted = platform === "" ? undefined : parsePlatform(platform);
  if (wanted && !wanted.ok) throw new EngineError(wanted.error, 400);
  const ref: NamedRef = parsed.ref.tag || parsed.ref.digest ? parsed.ref : { ...parsed.ref, tag: "latest" };
  const f = familiarString(ref);
  // docker/cli's pullImage shows the stream on stderr: redrawn layer lines when it is a terminal.
  const display = quiet ? null : ProgressDisplay.forFd(ctx.sys, 2);
  const flush = function* () {
    if (display) yield* ctx.err(display.take());
  };
  let announced = false;
  const announce = () => {
    if (announced || !display) return;
    announced = true;
    // The daemon names the repository by its remote path ("library/busybox").
    display.add({ id: ref.digest ?? ref.tag ?? "latest", status: `Pulling from ${ref.path}` });
  };
  const result = yield* drive(
    pullPlatform(d, ref, wanted?.platform, (e) => {
      if (e.kind !== "layer" || !display) return;
      announce();
      display.add(layerMessage(e));
    }),
    flush,
  );
  if (!result.ok && result.error === "no-matching-platform") {
    // The manifest list was fetched ("Pulling from" went out): the error comes in the stream.
    announce();
    yield* flush();
    throw createCommandError(ctx, noMatchingManifest(wanted?.platform));
  }
  if (!result.ok) {
    yield* flush();
    throw new EngineError(d.pullError(ref, result.error), 404);
  }
  announce();
  if (display) {
    display.add({ status: `Digest: ${result.digest}` });
    display.add({ status: result.updated ? `Status: Downloaded newer image for ${f.full}` : `Status: Image is up to date for ${f.full}` });
    yield* flush();
  }
}

/** The image reference as "Unable to find image 'busybox:latest' locally" names it. */
export function familiarWithTag(image: string): string {
  const parsed = parseImageRef(image);
  if (!parsed.ok) return image;
  const ref = parsed.ref.tag || parsed.ref.digest ? parsed.ref : { ...parsed.ref, tag: "latest" };
  return familiarString(ref).full;
}
