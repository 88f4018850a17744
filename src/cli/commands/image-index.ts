/** The image, system, volume and network commands by command id (spread into COMMANDS). */
import { events } from "./events";
import { history } from "./history";
import { imageImport } from "./image-import";
import { imageInspectCommand } from "./image-inspect";
import { imageLoad } from "./image-load";
import { imagePrune } from "./image-prune";
import { imageSave } from "./image-save";
import { images } from "./images";
import { info } from "./info";
import type { CommandHandler } from "./lib/context";
import { login } from "./login";
import { logout } from "./logout";
import { networkConnect, networkCreate, networkDisconnect, networkInspectCommand, networkLs, networkPrune, networkRm } from "./network";
import { pull } from "./pull";
import { push } from "./push";
import { rmi } from "./rmi";
import { search } from "./search";
import { systemDf } from "./system-df";
import { systemPrune } from "./system-prune";
import { tag } from "./tag";
import { version } from "./version";
import { volumeCreate, volumeInspectCommand, volumeLs, volumePrune, volumeRm } from "./volume";

export const IMAGE_SYSTEM_COMMANDS: Record<string, CommandHandler> = {
  "image pull": pull,
  "image push": push,
  "image ls": images,
  "image rm": rmi,
  "image tag": tag,
  "image history": history,
  "image inspect": imageInspectCommand,
  "image prune": imagePrune,
  "image save": imageSave,
  "image load": imageLoad,
  "image import": imageImport,
  search,
  login,
  logout,
  version,
  "system info": info,
  "system events": events,
  "system df": systemDf,
  "system prune": systemPrune,
  "volume create": volumeCreate,
  "volume ls": volumeLs,
  "volume inspect": volumeInspectCommand,
  "volume rm": volumeRm,
  "volume prune": volumePrune,
  "network create": networkCreate,
  "network ls": networkLs,
  "network inspect": networkInspectCommand,
  "network rm": networkRm,
  "network connect": networkConnect,
  "network disconnect": networkDisconnect,
  "network prune": networkPrune,
};
