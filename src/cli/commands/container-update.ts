/** docker update: new resource limits or restart policy for running or stopped containers. */
import type { Gen } from "../../kernel";
import { EngineError } from "../../engine/client";
import { containerUpdate as update, type ResourceUpdate } from "../../engine/containers/update";
import { ramInBytes } from "../units";
import { CliError, type CommandContext } from "./lib/context";
import { eachContainer, finish } from "./lib/each";
import { restartPolicyError } from "../../engine/containers/create-checks";
import { RESOURCE_UPDATE_FLAGS, updateResourceFlags } from "./lib/resource-flags";

const SUPPORTED = ["memory", "memory-swap", "cpus", "cpu-shares", "pids-limit", "restart", ...RESOURCE_UPDATE_FLAGS];
/** Flags the sandbox does not honour (none left; kept for flags a newer client may add). */
const OTHERS: string[] = [];

export function* containerUpdate(ctx: CommandContext): Gen<number> {
  const f = ctx.flags;
  const bad = OTHERS.find((o) => f.changed(o));
  if (bad) throw new CliError(`--${bad} is not supported in this sandbox`);
  if (!SUPPORTED.some((s) => f.changed(s))) throw new CliError("you must provide one or more flags when using this command");
  const u: ResourceUpdate = {};
  const bytes = (name: string) => {
    const v = f.string(name);
    if (v === "-1") return -1;
    const r = ramInBytes(v);
    return r.ok ? r.value : 0;
  };
  if (f.changed("memory")) u.memory = bytes("memory");
  if (f.changed("memory-swap")) u.memorySwap = bytes("memory-swap");
  if (f.changed("cpus")) {
    const v = f.string("cpus");
    const frac = /^([+-]?\d+)\/(\d+)$/.exec(v);
    u.nanoCpus = Math.round((frac ? Number(frac[1]) / Number(frac[2]) : Number(v)) * 1e9);
  }
  if (f.changed("cpu-shares")) u.cpuShares = f.int("cpu-shares");
  if (f.changed("pids-limit")) u.pidsLimit = f.int("pids-limit");
  if (RESOURCE_UPDATE_FLAGS.some((n) => f.changed(n))) u.resources = updateResourceFlags(f);
  if (f.changed("restart")) {
    const [name, count = "0"] = f.string("restart").split(":");
    u.restart = { Name: name, MaximumRetryCount: Number(count) || 0 };
  }
  const d = ctx.client();
  return finish(
    yield* eachContainer(ctx, ctx.args, (name) => {
      const policyError = u.restart && restartPolicyError(u.restart);
      if (policyError) throw new EngineError(policyError, 400);
      update(d, name, u);
      return name;
    }),
  );
}
