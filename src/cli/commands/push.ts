/** docker push / docker image push: to a registry:2 container published on localhost. */
import { EngineError } from "../../engine/client";
import { familiarString } from "../../engine/images/refs";
import { type PushOutcome, pushImage } from "../../engine/images/registries";
import { CliError, type CommandHandler } from "./lib/context";
import { clientRef, isNameOnly } from "./lib/images";
import { ProgressDisplay } from "./lib/images-progress";

export const push: CommandHandler = function* (ctx) {
  const quiet = ctx.flags.bool("quiet");
  let ref = clientRef(ctx.args[0]);
  if (ctx.flags.bool("all-tags")) throw new CliError("docker push --all-tags is not supported in this sandbox");
  if (isNameOnly(ref)) {
    ref = { ...ref, tag: "latest" };
    if (!quiet) yield* ctx.out("Using default tag: latest\n");
  }
  const d = ctx.client();
  const display = ProgressDisplay.forFd(ctx.sys, 1);
  const show = function* () {
    const text = display.take();
    if (!quiet) yield* ctx.out(text);
  };
  display.add({ status: `The push refers to repository [${ref.domain}/${ref.path}]` });
  const img = d.findImage(familiarString(ref).full);
  if (!img) {
    yield* show();
    throw new CliError(`An image does not exist locally with the tag: ${familiarString(ref).name}`);
  }
  let outcome: PushOutcome;
  try {
    outcome = yield* pushImage(d, img, ref);
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    if (ref.domain === "docker.io")
      for (const l of [...img.layers].reverse()) display.add({ id: l.slice(7, 19), status: "Preparing", progress: { current: 0, total: 0 } });
    yield* show();
    throw new CliError(e.message);
  }
  const { result, ids } = outcome;
  for (const id of ids) display.add({ id, status: "Preparing", progress: { current: 0, total: 0 } });
  const existed = [...result.layers].reverse().map((l) => l.existed);
  ids.forEach((id, i) => {
    display.add({ id, status: existed[i] ? "Layer already exists" : "Pushed", progress: { current: 0, total: 0 } });
  });
  display.add({ status: `${ref.tag}: digest: ${result.digest} size: ${result.manifestSize}` });
  yield* show();
  if (quiet) yield* ctx.out(`${ref.domain}/${ref.path}:${ref.tag}\n`);
  return 0;
};
