/** The image, system, volume and network commands by command id (spread into COMMANDS). */
import type { CommandHandler } from "./lib/context";
import { pull } from "./pull";

export const IMAGE_SYSTEM_COMMANDS: Record<string, CommandHandler> = {
  "image pull": pull,
};
