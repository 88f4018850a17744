/** httpd: busybox's applet inside busybox images, Apache's server in the httpd image. */
import type { ProgramDef } from "../../kernel/api";
import { runningAsBusybox } from "../net/lib/ifaces";
import { apacheHttpd } from "./apache";
import { busyboxHttpd } from "./bbhttpd";

export const httpd: ProgramDef = {
  name: "httpd",
  rss: 2 * 1024 * 1024,
  *main(sys) {
    return runningAsBusybox(sys) ? yield* busyboxHttpd.main(sys) : yield* apacheHttpd.main(sys);
  },
};
