/**
 * What docker run and docker create share: the implicit pull (after the daemon's checks of the
 * request, engine/containers/create-checks.ts), volumes and published ports, and the create call.
 */
import type { Gen } from "../../../kernel";
import { EngineError } from "../../../engine/client";
import { ensureVolume } from "../../../engine/volumes/volumes";
import { engineState } from "../../../engine/state";
import { CliError, type CommandContext } from "./context";
import { familiarWithTag, pullForRun } from "./pull-image";
import { platformFlag, requestedPlatform } from "./platform-flags";
import { platformMismatch } from "../../../engine/images/image-platform";
import { parseImageRef } from "../../../engine/images/refs";
import type { RunOptions } from "./run-options";

/** Creates the container (pulling the image first if needed); returns its id. */
export function* createContainer(ctx: CommandContext, opts: RunOptions): Gen<string> {
  const d = ctx.client();
  const req = opts.request;
  // The client parses --platform first (a valid reference assumed); the daemon then wants an image
  // for it: one of another platform is "not found", so it gets pulled (platform-flags.ts).
  const platformText = platformFlag(ctx);
  if (parseImageRef(req.image).ok) req.platform = requestedPlatform(ctx, platformText);
  req.healthcheck = opts.healthcheck;
  d.containerCreateCheck(req);
  const local = d.findImage(req.image);
  const mismatch = local && platformMismatch(req.image, local, req.platform);
  const missing = local === undefined || !!mismatch;
  if (opts.pull === "always" || (missing && opts.pull === "missing")) {
    // -q keeps stderr quiet too: only the container id is printed.
    if (missing && opts.pull === "missing" && !opts.quiet) yield* ctx.err(`Unable to find image '${familiarWithTag(req.image)}' locally\n`);
    yield* pullForRun(ctx, req.image, opts.quiet, platformText);
  } else if (missing && !mismatch) throw new EngineError(`No such image: ${familiarWithTag(req.image)}`, 404);
  const k = d.k;
  // Mounts: bind sources must exist for --mount; -v makes them; volumes come into being on use.
  for (const m of req.mounts ?? []) {
    if (m.Type === "bind") {
      let isDir = false;
      try {
        isDir = ctx.sys.stat(m.Source).type === "dir";
        void isDir;
      } catch {
        if (m.Mode === "" && !(req.host?.Binds ?? []).some((b) => b.startsWith(`${m.Source}:`)))
          throw new EngineError(`invalid mount config for type "bind": bind source path does not exist: ${m.Source}`, 400);
        ctx.sys.mkdir(m.Source, 0o755);
      }
    } else if (m.Type === "volume") {
      const vol = ensureVolume(d, m.Name || undefined);
      m.Name = vol.name;
      m.Source = vol.source;
      (m as typeof m & { Driver?: string }).Driver = "local";
    }
  }
  if (opts.publishAll) {
    const img = d.findImage(req.image);
    const imagePorts = Object.keys(img ? (JSON.parse(img.configJson).config?.ExposedPorts ?? {}) : {});
    const bindings = (req.host ??= {}).PortBindings ?? {};
    let next = 32768;
    const used = new Set(Object.values(engineState(k).containers).flatMap((c) => Object.values(c.hostConfig.PortBindings).flat().map((b) => b.HostPort)));
    for (const p of [...new Set([...imagePorts, ...(req.exposedPorts ?? [])])]) {
      if (bindings[p]) continue;
      while (used.has(String(next))) next++;
      bindings[p] = [{ HostIp: "", HostPort: String(next++) }];
    }
    req.host.PortBindings = bindings;
  }
  const created = d.containerCreate(req);
  for (const w of created.warnings) yield* ctx.err(`WARNING: ${w}\n`);
  if (opts.cidfile) {
    try {
      ctx.sys.writeFile(opts.cidfile, created.id);
    } catch {
      throw new CliError(`failed to create the container ID file: open ${opts.cidfile}: no such file or directory`);
    }
  }
  return created.id;
}
