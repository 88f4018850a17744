/**
 * The docker subcommands, by command id (flags/spec.ts canonicalId: the first of a command's
 * aliases, e.g. "container ls" for `docker ps`). One line per command.
 */
import { builderPrune } from "./builder-prune";
import { containerAttach } from "./container-attach";
import { containerCommit } from "./container-commit";
import { containerCp } from "./container-cp";
import { containerCreate } from "./container-create";
import { containerDiff } from "./container-diff";
import { containerExec } from "./container-exec";
import { containerExportCommand } from "./container-export";
import { containerInspect } from "./container-inspect";
import { containerKill } from "./container-kill";
import { containerLogs } from "./container-logs";
import { containerLs } from "./container-ls";
import { containerPause } from "./container-pause";
import { containerPort } from "./container-port";
import { containerPrune } from "./container-prune";
import { containerRename } from "./container-rename";
import { containerRestart } from "./container-restart";
import { containerRm } from "./container-rm";
import { containerRun } from "./container-run";
import { containerStart } from "./container-start";
import { containerStats } from "./container-stats";
import { containerStop } from "./container-stop";
import { containerTop } from "./container-top";
import { containerUnpause } from "./container-unpause";
import { containerUpdate } from "./container-update";
import { containerWait } from "./container-wait";
import { contextInspect, contextLs, contextShow, contextUnsupported, contextUse } from "./context";
import { imageBuild } from "./image-build";
import { IMAGE_SYSTEM_COMMANDS } from "./image-index";
import { inspect } from "./inspect";
import type { CommandHandler } from "./lib/context";
import { volumeUpdate } from "./volume-update";

export const COMMANDS: Record<string, CommandHandler> = {
  ...IMAGE_SYSTEM_COMMANDS,
  "builder prune": builderPrune,
  "image build": imageBuild,
  "volume update": volumeUpdate,
  "container attach": containerAttach,
  "container commit": containerCommit,
  "container cp": containerCp,
  "container create": containerCreate,
  "container diff": containerDiff,
  "container exec": containerExec,
  "container export": containerExportCommand,
  "container inspect": containerInspect,
  "container kill": containerKill,
  "container logs": containerLogs,
  "container ls": containerLs,
  "container pause": containerPause,
  "container port": containerPort,
  "container prune": containerPrune,
  "container rename": containerRename,
  "container restart": containerRestart,
  "container rm": containerRm,
  "container run": containerRun,
  "container start": containerStart,
  "container stats": containerStats,
  "container stop": containerStop,
  "container top": containerTop,
  "container unpause": containerUnpause,
  "container update": containerUpdate,
  "container wait": containerWait,
  inspect,
  "context ls": contextLs,
  "context show": contextShow,
  "context inspect": contextInspect,
  "context use": contextUse,
  "context create": contextUnsupported,
  "context update": contextUnsupported,
  "context rm": contextUnsupported,
  "context export": contextUnsupported,
  "context import": contextUnsupported,
};
