/**
 * docker volume update: only cluster (swarm CSI) volumes can be updated. The client inspects the
 * volume first, so a local volume gets its "Can only update cluster volumes" (there is no swarm
 * in this sandbox, so there are no cluster volumes) and an unknown one the daemon's not-found.
 */
import { findVolume } from "../../engine/volumes/volumes";
import { CliError, type CommandHandler } from "./lib/context";

export const volumeUpdate: CommandHandler = function* (ctx) {
  const d = ctx.client();
  findVolume(d.k, ctx.args[0]);
  throw new CliError("Can only update cluster volumes");
};
