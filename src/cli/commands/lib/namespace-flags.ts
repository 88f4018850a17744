/**
 * --pid, --uts, --ipc, --cgroupns, --userns and --volumes-from of docker run/create, with the
 * client's own checks (docker/cli opts.go: PID, UTS, user and cgroup modes, in that order). The IPC
 * mode and the containers named are the daemon's to check (engine/containers/namespaces.ts).
 */
import type { ContainerRecord } from "../../../engine/state";
import type { FlagValues } from "../../flags";
import type { CliError } from "./context";

/** The flags this file reads. */
export const NAMESPACE_FLAGS = ["cgroupns", "ipc", "pid", "userns", "uts", "volumes-from"];

/** container.PidMode.Valid(): empty, "host" or "container:<name|id>". */
function validPidMode(mode: string): boolean {
  return mode === "" || mode === "host" || (mode.startsWith("container:") && mode.length > "container:".length);
}

export function namespaceFlags(flags: FlagValues, fail: (msg: string) => CliError): Partial<ContainerRecord["hostConfig"]> {
  const pid = flags.string("pid");
  if (!validPidMode(pid)) throw fail("--pid: invalid PID mode");
  const uts = flags.string("uts");
  if (uts !== "" && uts !== "host") throw fail("--uts: invalid UTS mode");
  // Without daemon user-namespace remapping, "host" is the only user namespace there is.
  const userns = flags.string("userns");
  if (userns !== "" && userns !== "host") throw fail("--userns: invalid USER mode");
  const cgroupns = flags.string("cgroupns");
  if (!["", "host", "private"].includes(cgroupns)) throw fail("--cgroupns: invalid CGROUP mode");
  const volumesFrom = flags.list("volumes-from");
  return {
    PidMode: pid,
    UTSMode: uts,
    // Empty: the daemon's default (private).
    IpcMode: flags.string("ipc"),
    UsernsMode: userns,
    CgroupnsMode: cgroupns,
    VolumesFrom: volumesFrom.length > 0 ? volumesFrom : null,
  };
}
