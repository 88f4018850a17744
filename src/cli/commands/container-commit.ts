/** docker commit / docker container commit: a new image from a container's changes. */
import { commitContainer } from "../../engine/containers/commit";
import type { CommandHandler } from "./lib/context";
import { CliError } from "./lib/context";
import { clientRef } from "./lib/images";

export const containerCommit: CommandHandler = function* (ctx) {
  const [container, reference] = ctx.args;
  // The client parses the reference before asking the daemon.
  const ref = reference !== undefined && reference !== "" ? clientRef(reference) : undefined;
  if (ref?.digest) throw new CliError("refusing to create a tag with a digest reference");
  const d = ctx.client();
  const id = commitContainer(d, container, {
    ref: ref ? { ...ref, tag: ref.tag ?? "latest" } : undefined,
    author: ctx.flags.string("author"),
    message: ctx.flags.string("message"),
    changes: ctx.flags.list("change"),
    pause: ctx.flags.bool("pause"),
  });
  yield* ctx.out(`${id}\n`);
  return 0;
};
