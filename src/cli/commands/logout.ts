/** docker logout: forgets the stored credentials of a registry. */
import type { CommandHandler } from "./lib/context";
import { readConfig, serverKey, writeConfig } from "./login";

export const logout: CommandHandler = function* (ctx) {
  const key = serverKey(ctx.args[0]);
  const cfg = readConfig(ctx.sys);
  if (!cfg.auths?.[key]) {
    yield* ctx.out(`Not logged in to ${key}\n`);
    return 0;
  }
  yield* ctx.out(`Removing login credentials for ${key}\n`);
  delete cfg.auths[key];
  writeConfig(ctx.sys, cfg);
  return 0;
};
