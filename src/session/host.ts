/** The host machine every session starts from: booted with all our programs installed. */
import { bootHost, type Kernel } from "../kernel";
import { hostBinaries, programs } from "../programs/registry";

/** Environment of root's login on the host (what /etc/profile and a Debian .bashrc leave). */
export const HOST_ENV: Record<string, string> = {
  PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  HOME: "/root",
  USER: "root",
  LOGNAME: "root",
  SHELL: "/bin/sh",
};

/** The prompt of a Debian root shell: root@sandbox:~# */
export const HOST_PS1 = "\\u@\\h:\\w\\$ ";

export function bootSandboxHost(seed = 1): Kernel {
  return bootHost({ programs, binaries: hostBinaries(), seed });
}
