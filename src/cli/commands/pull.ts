/**
 * docker pull / docker image pull: the client's "Using default tag" note, the daemon's progress
 * stream (lines on a pipe, redrawn layer lines on a terminal) and the full reference at the end.
 */
import type { Gen } from "../../kernel";
import { EngineError } from "../../engine/client";
import { familiarString, fullRef, type NamedRef } from "../../engine/images/refs";
import { pullImage, repositoryTags } from "../../engine/images/registries";
import type { CommandContext, CommandHandler } from "./lib/context";
import { CliError } from "./lib/context";
import { clientRef, isNameOnly, platformArch } from "./lib/images";
import { drive, layerMessage, ProgressDisplay } from "./lib/images-progress";

/** The repository as the registry names it ("library/busybox", "app" on localhost:5000). */
function remoteName(ref: NamedRef): string {
  return ref.path;
}

/** Pulls one reference, showing its progress; returns whether anything new arrived. */
function* pullOne(ctx: CommandContext, ref: NamedRef, display: ProgressDisplay | null, statusFor?: string): Gen<boolean> {
  const d = ctx.client();
  const arch = platformArch(ctx.flags.string("platform"));
  const flush = function* () {
    if (display) yield* ctx.out(display.take());
  };
  let announced = false;
  const announce = () => {
    if (announced || !display) return;
    announced = true;
    display.add({ id: ref.digest ?? ref.tag ?? "latest", status: `Pulling from ${remoteName(ref)}` });
  };
  const result = yield* drive(
    pullImage(d, ref, arch, (e) => {
      if (e.kind !== "layer" || !display) return;
      announce();
      display.add(layerMessage(e));
    }),
    flush,
  );
  if (!result.ok) {
    yield* flush();
    throw new EngineError(d.pullError(ref, result.error), 404);
  }
  announce();
  if (display) {
    display.add({ status: `Digest: ${result.digest}` });
    if (statusFor !== "") {
      const name = statusFor ?? familiarString(ref).full;
      display.add({ status: result.updated ? `Status: Downloaded newer image for ${name}` : `Status: Image is up to date for ${name}` });
    }
    yield* flush();
  }
  return result.updated;
}

export const pull: CommandHandler = function* (ctx) {
  const quiet = ctx.flags.bool("quiet");
  const all = ctx.flags.bool("all-tags");
  let ref = clientRef(ctx.args[0]);
  if (all && !isNameOnly(ref)) throw new CliError("tag can't be used with --all-tags/-a");
  if (!all && isNameOnly(ref)) {
    ref = { ...ref, tag: "latest" };
    if (!quiet) yield* ctx.out("Using default tag: latest\n");
  }
  const d = ctx.client();
  const display = quiet ? null : ProgressDisplay.forFd(ctx.sys, 1);
  if (all) {
    const tags = yield* repositoryTags(d, ref);
    if (!tags) throw new EngineError(d.pullError(ref, "repository-not-found"), 404);
    let updated = false;
    for (const tag of tags) updated = (yield* pullOne(ctx, { ...ref, tag }, display, "")) || updated;
    const name = familiarString(ref).name;
    if (display) {
      display.add({ status: updated ? `Status: Downloaded newer image for ${name}` : `Status: Image is up to date for ${name}` });
      yield* ctx.out(display.take());
    }
    yield* ctx.out(`${ref.domain}/${ref.path}\n`);
    return 0;
  }
  yield* pullOne(ctx, ref, display);
  yield* ctx.out(`${fullRef(ref)}\n`);
  return 0;
};
