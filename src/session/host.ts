/** The host machine every session starts from: Debian 12 with docker.io, dockerd running. */
import { bootHost, type Kernel } from "../kernel";
import { DEFAULT_BOOT_EPOCH_USEC } from "../kernel/boot";
import { programs } from "../programs/registry";
import { startDocker } from "../engine/daemon";
import { debianHostTree } from "./debian-host";
import { markSystemdBoot } from "./login";
import type { FileEntry } from "../kernel/fs/entries";

/** Environment of root's login on the host (what login, /etc/profile and bash leave). */
export const HOST_ENV: Record<string, string> = {
  PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  HOME: "/root",
  USER: "root",
  LOGNAME: "root",
  SHELL: "/bin/bash",
};

/**
 * Root's login shell (/etc/passwd): bash as login(1) starts it, "-bash", so it reads /etc/profile
 * (which sources /etc/bash.bashrc: the prompt root@sandbox:~# ) and ~/.profile.
 */
export const HOST_LOGIN_SHELL = { path: "/bin/bash", argv: ["-bash"] };

export const HOST_NAME = "sandbox";

let hostRootfs: readonly FileEntry[] | undefined;

/** The host with dockerd running, as a student's machine has it after installing Docker. */
export function bootSandboxHost(seed = 1): Kernel {
  // Made once and shared by every host booted here: the kernel only reads it (held pending).
  hostRootfs ??= Object.freeze(debianHostTree(HOST_NAME, Math.floor(DEFAULT_BOOT_EPOCH_USEC / 1e6)));
  const k = bootHost({ programs, rootfs: hostRootfs, seed, hostname: HOST_NAME });
  markSystemdBoot(k);
  startDocker(k);
  return k;
}
