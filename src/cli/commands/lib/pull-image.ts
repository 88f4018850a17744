/**
 * The pull docker run/create do when the image is missing (or --pull=always): progress on stderr,
 * as docker/cli's pullImage writes it, without the final full reference that `docker pull` prints:
 * the daemon's jsonmessage stream, redrawn in place on a terminal, state changes only elsewhere.
 */
import type { Gen } from "../../../kernel";
import { EngineError } from "../../../engine/client";
import { familiarString, type NamedRef, parseImageRef } from "../../../engine/images/refs";
import { noMatchingManifest, pullPlatform } from "../../../engine/images/image-platform";
import { type Platform, parsePlatform } from "../../../engine/images/platforms";
import type { CommandContext } from "./context";
import { drive, layerMessage, ProgressDisplay } from "./images-progress";
import { createCommandError } from "./platform-flags";

/**
 * Pulls `ref` (for `wanted`, else the host's platform) showing the daemon's progress stream on
 * `display`; `status` is the name for the final "Status:" line (null: no such line, as in
 * `docker pull --all-tags` per tag). A manifest list without the platform fails inside the
 * stream, after "Pulling from": that message is thrown for the caller to word.
 */
export function* pullWithProgress(
  ctx: CommandContext,
  ref: NamedRef,
  wanted: Platform | undefined,
  display: ProgressDisplay | null,
  write: (text: string) => Gen<void>,
  status: string | null,
): Gen<{ updated: boolean } | { noMatch: string }> {
  const d = ctx.client();
  const flush = function* () {
    if (display) yield* write(display.take());
  };
  let announced = false;
  const announce = () => {
    if (announced || !display) return;
    announced = true;
    // The daemon names the repository by its remote path ("library/busybox").
    display.add({ id: ref.digest ?? ref.tag ?? "latest", status: `Pulling from ${ref.path}` });
  };
  const result = yield* drive(
    pullPlatform(d, ref, wanted, (e) => {
      if (e.kind !== "layer" || !display) return;
      announce();
      display.add(layerMessage(e));
    }),
    flush,
  );
  if (!result.ok && result.error === "no-matching-platform") {
    announce();
    yield* flush();
    return { noMatch: noMatchingManifest(wanted) };
  }
  if (!result.ok) {
    yield* flush();
    throw new EngineError(d.pullError(ref, result.error), 404);
  }
  announce();
  if (display) {
    display.add({ status: `Digest: ${result.digest}` });
    if (status !== null) display.add({ status: result.updated ? `Status: Downloaded newer image for ${status}` : `Status: Image is up to date for ${status}` });
    yield* flush();
  }
  return { updated: result.updated };
}

/** The platform of an ImageCreate request: the daemon parses it again (a 400 when it cannot). */
export function daemonPlatform(platform: string): Platform | undefined {
  if (platform === "") return undefined;
  const wanted = parsePlatform(platform);
  if (!wanted.ok) throw new EngineError(wanted.error, 400);
  return wanted.platform;
}

/** Pulls `image` for run/create (for `platform` when not ""); `quiet` drops the progress. */
export function* pullForRun(ctx: CommandContext, image: string, quiet: boolean, platform = ""): Gen<void> {
  const parsed = parseImageRef(image);
  if (!parsed.ok) throw new EngineError(parsed.message, 400);
  const wanted = daemonPlatform(platform);
  const ref: NamedRef = parsed.ref.tag || parsed.ref.digest ? parsed.ref : { ...parsed.ref, tag: "latest" };
  // docker/cli's pullImage shows the stream on stderr: redrawn layer lines when it is a terminal.
  const display = quiet ? null : ProgressDisplay.forFd(ctx.sys, 2);
  const r = yield* pullWithProgress(ctx, ref, wanted, display, (t) => ctx.err(t), familiarString(ref).full);
  if ("noMatch" in r) throw createCommandError(ctx, r.noMatch);
}

/** The image reference as "Unable to find image 'busybox:latest' locally" names it. */
export function familiarWithTag(image: string): string {
  const parsed = parseImageRef(image);
  if (!parsed.ok) return image;
  const ref = parsed.ref.tag || parsed.ref.digest ? parsed.ref : { ...parsed.ref, tag: "latest" };
  return familiarString(ref).full;
}
