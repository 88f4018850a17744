/**
 * The pull docker run/create do when the image is missing (or --pull=always): progress on stderr,
 * as docker/cli's pullImage writes it, without the final full reference that `docker pull` prints.
 * Lines are the daemon's jsonmessage stream as shown on a non-terminal: state changes only.
 */
import type { Gen } from "../../../kernel";
import { EngineError } from "../../../engine/client";
import { familiarString, type NamedRef, parseImageRef } from "../../../engine/images/refs";
import { pullImage } from "../../../engine/images/registries";
import type { PullEvent } from "../../../engine/images/store";
import type { CommandContext } from "./context";

/** The progress line of a layer event, or "" for those a non-terminal does not show. */
function eventLine(e: Extract<PullEvent, { kind: "layer" }>): string {
  if (e.status === "Downloading" || e.status === "Extracting") return "";
  return `${e.id}: ${e.status}\n`;
}

/** Pulls `image` for run/create; `quiet` drops the progress. */
export function* pullForRun(ctx: CommandContext, image: string, quiet: boolean): Gen<void> {
  const d = ctx.client();
  const parsed = parseImageRef(image);
  if (!parsed.ok) throw new EngineError(parsed.message, 400);
  const ref: NamedRef = parsed.ref.tag || parsed.ref.digest ? parsed.ref : { ...parsed.ref, tag: "latest" };
  const f = familiarString(ref);
  const tagOrDigest = ref.digest ?? ref.tag ?? "latest";
  // The daemon names the repository by its remote path ("library/busybox") once the manifest resolved.
  let pending = quiet ? "" : `${tagOrDigest}: Pulling from ${ref.path}\n`;
  const result = yield* pullImage(d, ref, "amd64", (e) => {
    if (!quiet && e.kind === "layer") pending += eventLine(e);
  });
  if (!result.ok) {
    throw new EngineError(d.pullError(ref, result.error), 404);
  }
  if (!quiet) {
    pending += `Digest: ${result.digest}\n`;
    pending += result.updated ? `Status: Downloaded newer image for ${f.full}\n` : `Status: Image is up to date for ${f.full}\n`;
  }
  yield* ctx.err(pending);
}

/** The image reference as "Unable to find image 'busybox:latest' locally" names it. */
export function familiarWithTag(image: string): string {
  const parsed = parseImageRef(image);
  if (!parsed.ok) return image;
  const ref = parsed.ref.tag || parsed.ref.digest ? parsed.ref : { ...parsed.ref, tag: "latest" };
  return familiarString(ref).full;
}
