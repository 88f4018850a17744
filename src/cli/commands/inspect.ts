/**
 * docker inspect: each name as a container, else as an image (--type narrows it); unknown names
 * are "No such object".
 */
import type { Gen } from "../../kernel";
import { EngineError } from "../../engine/client";
import { type ImageMeta, imageInspect } from "../../engine/images/inspect";
import { CliError, type CommandContext } from "./lib/context";
import { CONTAINER_MAP_KEYS, containerJSON } from "./lib/container-json";
import { renderInspect } from "./lib/inspect-render";

/** Go maps inside an image inspect object (see image-inspect.ts). */
const IMAGE_MAP_KEYS: ReadonlySet<string> = new Set(["Labels", "ExposedPorts", "Volumes", "Data"]);
const TYPES = ["container", "image"];

export function* inspect(ctx: CommandContext): Gen<number> {
  const type = ctx.flags.string("type");
  if (type !== "" && !TYPES.includes(type) && !["network", "volume", "node", "service", "task", "secret", "config", "plugin"].includes(type))
    throw new CliError(`"${type}" is not a valid value for --type`);
  if (type !== "" && !TYPES.includes(type)) throw new CliError(`--type=${type} is not supported in this sandbox`);
  let d: ReturnType<CommandContext["client"]>;
  try {
    d = ctx.client();
  } catch (e) {
    // The inspector prints its (empty) result before the connection error.
    yield* ctx.out(ctx.flags.string("format") === "" ? "[]\n" : "\n");
    throw e;
  }
  const found: Array<{ obj: Record<string, unknown>; keys: ReadonlySet<string> }> = [];
  const errors: string[] = [];
  for (const name of ctx.args) {
    if (type === "" || type === "container") {
      try {
        found.push({ obj: containerJSON(d, d.container(name), ctx.flags.bool("size")), keys: CONTAINER_MAP_KEYS });
        continue;
      } catch (e) {
        if (!(e instanceof EngineError)) throw e;
      }
    }
    const img = type === "" || type === "image" ? (d.findImage(name) as ImageMeta | undefined) : undefined;
    if (img) found.push({ obj: imageInspect(d.k, img) as Record<string, unknown>, keys: IMAGE_MAP_KEYS });
    else errors.push(`Error: No such ${type === "" ? "object" : type}: ${name}`);
  }
  const keys = new Set([...CONTAINER_MAP_KEYS, ...IMAGE_MAP_KEYS]);
  const r = renderInspect(
    found.map((f) => f.obj),
    ctx.flags.string("format"),
    keys,
  );
  yield* ctx.out(r.stdout);
  const all = [...r.errors, ...errors];
  if (all.length > 0) throw new CliError(all.join("\n"));
  return 0;
}
