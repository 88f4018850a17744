/**
 * Every program the machine can exec, by name, and where the host installs them. Program groups
 * each export a list; adding a program touches its own file and its group's list, nothing else.
 */
import type { ProgramDef, ProgramRegistry } from "../kernel";
import { busyboxProgram } from "./busybox";
import { BUSYBOX_APPLETS } from "./busyboxApplets";
import { fileutilsPrograms } from "./fileutils";
import { proctoolsPrograms } from "./proctools";
import { sysutilsPrograms } from "./sysutils";
import { textutilsPrograms } from "./textutils";
import { netPrograms } from "./net";
import { serverPrograms } from "./servers";
import { imagePrograms } from "./images";
import { shellPrograms } from "../shell";
import { dockerPrograms } from "../cli/program";
import { gnuProgram } from "./gnu/program";
import { procpsProgram } from "./proctools/procps";
import { killall5 } from "./proctools/killall5";

const byName = new Map<string, ProgramDef>();

/** Filled on first use, so that program modules may import the registry without a cycle at load. */
function table(): Map<string, ProgramDef> {
  if (byName.size === 0) registerAll();
  return byName;
}

/** Multi-call binaries of Debian packages whose commands are simulated under another name. */
const ALIASES: Record<string, string> = {
  // iptables' alternatives lead to xtables-nft-multi, which runs the command its name says.
  "xtables-nft-multi": "iptables",
  "xtables-legacy-multi": "iptables",
};

export const programs: ProgramRegistry & { all(): ProgramDef[] } = {
  // Debian and Ubuntu binaries name "gnu:PACKAGE:VERSION:NAME": NAME's implementation in its GNU
  // flavour; the host's procps binaries "procps:PACKAGE:VERSION:NAME".
  get: (name) => {
    const base = (n: string) => table().get(n);
    return base(ALIASES[name] ?? name) ?? gnuProgram(name, base) ?? procpsProgram(name, base);
  },
  all: () => [...table().values()],
};

function register(list: ProgramDef[]) {
  for (const p of list) byName.set(p.name, p);
}

/** Programs only images carry (servers, package managers): not installed on the test bench. */
const imageOnly = new Set<string>();
/** Programs the test bench leaves out (reached through the Debian tree's names only). */
const hostOnly = new Set<string>();

function registerAll() {
  for (const p of [...serverPrograms, ...imagePrograms]) imageOnly.add(p.name);
  register(shellPrograms);
  register(fileutilsPrograms);
  register(textutilsPrograms);
  register(sysutilsPrograms);
  register(proctoolsPrograms);
  register(netPrograms);
  register(serverPrograms);
  register(dockerPrograms);
  let applets: string[] | undefined;
  register([busyboxProgram(() => programs, () => (applets ??= BUSYBOX_APPLETS.filter((a) => table().has(a) || a === "busybox")))]);
  register(imagePrograms);
  // Only Debian's tree names it (pidof's binary); the test bench installs pidof itself.
  hostOnly.add(killall5.name);
  register([killall5]);
}

/** Programs that live in /usr/sbin on Debian (the rest go to /usr/bin). */
const SBIN = new Set(["chroot", "nologin", "mkfs", "fdisk", "iptables", "ip", "sysctl", "brctl", "bridge", "ifconfig", "route"]);

/**
 * The test bench's binaries: absolute path -> program, every shared program under its own name
 * (the busybox flavour) in /usr/bin or /usr/sbin; servers and package managers only when asked.
 * The sandbox's host is Debian's tree instead (src/session/debian-host.ts).
 */
export function benchBinaries(opts: { withImagePrograms?: boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of table().values()) {
    // busybox and ash exist only inside images; the host's /bin/sh is the shell itself.
    if (["busybox", "ash", "dash", "bash", "["].includes(p.name)) continue;
    if (imageOnly.has(p.name) && !opts.withImagePrograms) continue;
    if (hostOnly.has(p.name)) continue;
    out[`/usr/${SBIN.has(p.name) ? "sbin" : "bin"}/${p.name}`] = p.name;
  }
  if (table().has("[")) out["/usr/bin/["] = "[";
  return out;
}
