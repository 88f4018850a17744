/**
 * docker pull / docker image pull: the client's "Using default tag" note, the daemon's progress
 * stream (lines on a pipe, redrawn layer lines on a terminal) and the full reference at the end.
 */
import type { Gen } from "../../kernel";
import { EngineError } from "../../engine/client";
import { familiarString, fullRef, type NamedRef } from "../../engine/images/refs";
import { repositoryTags } from "../../engine/images/registries";
import type { CommandContext, CommandHandler } from "./lib/context";
import { CliError } from "./lib/context";
import { clientRef, isNameOnly } from "./lib/images";
import { ProgressDisplay } from "./lib/images-progress";
import { daemonPlatform, pullWithProgress } from "./lib/pull-image";

/** Pulls one reference, showing its progress; returns whether anything new arrived. */
function* pullOne(ctx: CommandContext, ref: NamedRef, display: ProgressDisplay | null, status: string | null): Gen<boolean> {
  const wanted = daemonPlatform(ctx.flags.string("platform"));
  const r = yield* pullWithProgress(ctx, ref, wanted, display, (t) => ctx.out(t), status);
  // The error arrives in the progress stream: printed as is, not as "Error response from daemon".
  if ("noMatch" in r) throw new CliError(r.noMatch, 1);
  return r.updated;
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
    for (const tag of tags) updated = (yield* pullOne(ctx, { ...ref, tag }, display, null)) || updated;
    const name = familiarString(ref).name;
    if (display) {
      display.add({ status: updated ? `Status: Downloaded newer image for ${name}` : `Status: Image is up to date for ${name}` });
      yield* ctx.out(display.take());
    }
    yield* ctx.out(`${ref.domain}/${ref.path}\n`);
    return 0;
  }
  yield* pullOne(ctx, ref, display, familiarString(ref).full);
  yield* ctx.out(`${fullRef(ref)}\n`);
  return 0;
};
