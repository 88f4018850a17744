/**
 * The docker subcommands, by command id (flags/spec.ts canonicalId: the first of a command's
 * aliases, e.g. "container ls" for `docker ps`). One line per command.
 */
import { containerCreate } from "./container-create";
import { containerKill } from "./container-kill";
import { containerLs } from "./container-ls";
import { containerPause } from "./container-pause";
import { containerRename } from "./container-rename";
import { containerRestart } from "./container-restart";
import { containerRm } from "./container-rm";
import { containerRun } from "./container-run";
import { containerStart } from "./container-start";
import { containerStop } from "./container-stop";
import { containerUnpause } from "./container-unpause";
import { containerWait } from "./container-wait";
import { IMAGE_SYSTEM_COMMANDS } from "./image-index";
import type { CommandHandler } from "./lib/context";

export const COMMANDS: Record<string, CommandHandler> = {
  ...IMAGE_SYSTEM_COMMANDS,
  "container create": containerCreate,
  "container kill": containerKill,
  "container ls": containerLs,
  "container pause": containerPause,
  "container rename": containerRename,
  "container restart": containerRestart,
  "container rm": containerRm,
  "container run": containerRun,
  "container start": containerStart,
  "container stop": containerStop,
  "container unpause": containerUnpause,
  "container wait": containerWait,
};
