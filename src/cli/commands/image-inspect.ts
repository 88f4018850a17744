/** docker image inspect: the daemon's ImageInspect objects, or a --format template over each. */
import { type ImageMeta, imageInspect } from "../../engine/images/inspect";
import type { CommandHandler } from "./lib/context";
import { goValue, inspectOutput } from "./lib/images";

const MAP_KEYS = new Set(["Labels", "ExposedPorts", "Volumes", "Data"]);

export const imageInspectCommand: CommandHandler = function* (ctx) {
  const d = ctx.client();
  const found: unknown[] = [];
  const missing: string[] = [];
  for (const ref of ctx.args) {
    const img = d.findImage(ref) as ImageMeta | undefined;
    if (img) found.push(goValue(imageInspect(d.k, img), MAP_KEYS));
    else missing.push(ref);
  }
  yield* ctx.out(inspectOutput(found, ctx.flags.string("format")));
  if (missing.length === 0) return 0;
  yield* ctx.err(missing.map((m) => `Error: No such image: ${m}\n`).join(""));
  return 1;
};
