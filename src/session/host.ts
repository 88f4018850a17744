/** The host machine every session starts from: booted with all our programs installed. */
import { bootHost, type Kernel } from "../kernel";
import { hostBinaries, programs } from "../programs/registry";
import { startDocker } from "../engine/daemon";

/** Environment of root's login on the host (what /etc/profile and a Debian .bashrc leave). */
export const HOST_ENV: Record<string, string> = {
  PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  HOME: "/root",
  USER: "root",
  LOGNAME: "root",
  SHELL: "/bin/sh",
};

/** Interactive shells read this file (ash's $ENV); root's sets the Debian prompt root@sandbox:~# */
export const HOST_SHRC = "/root/.shrc";

/** The host with dockerd running, as a student's machine has it after installing Docker. */
export function bootSandboxHost(seed = 1): Kernel {
  const k = bootHost({ programs, binaries: hostBinaries(), seed });
  startDocker(k);
  return k;
}
