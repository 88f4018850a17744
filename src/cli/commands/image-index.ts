/** The image, system, volume and network commands by command id (spread into COMMANDS). */
import { history } from "./history";
import { imageInspectCommand } from "./image-inspect";
import { imagePrune } from "./image-prune";
import { images } from "./images";
import type { CommandHandler } from "./lib/context";
import { networkConnect, networkCreate, networkDisconnect, networkInspectCommand, networkLs, networkPrune, networkRm } from "./network";
import { pull } from "./pull";
import { rmi } from "./rmi";
import { tag } from "./tag";
import { volumeCreate, volumeInspectCommand, volumeLs, volumePrune, volumeRm } from "./volume";

export const IMAGE_SYSTEM_COMMANDS: Record<string, CommandHandler> = {
  "image pull": pull,
  "image ls": images,
  "image rm": rmi,
  "image tag": tag,
  "image history": history,
  "image inspect": imageInspectCommand,
  "image prune": imagePrune,
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
