/**
 * Starting the docker daemon on a booted host: its state in the world, /var/lib/docker, the default
 * networks and docker0, the containerd and dockerd processes, and the API socket /run/docker.sock.
 */
import type { Gen, Kernel, ProgramDef, Sys } from "../kernel";
import { Errno } from "../kernel";
import { forkProcess } from "../kernel/proc/process";
import { cgroupCreate, cgroupMigrate } from "../kernel/cgroup/cgroups";
import { randomHex } from "../kernel/rng";
import { appendFile, exists, hostWalker, mkdirp, readFile, symlink, writeFile } from "./hostfs";
import { DOCKER_ROOT } from "./images/store";
import { addBridge } from "./networks/bridge";
import { type EngineState, engineState, type NetworkRecord } from "./state";
import { rfc3339Nano } from "./time";
import { DockerClient } from "./client";

export const DOCKER_SOCK = "/run/docker.sock";

/** A daemon process that only waits (its work happens in the API calls it serves). */
function idleDaemon(name: string, rss: number): ProgramDef {
  return {
    name,
    rss,
    *main(sys: Sys): Gen<number> {
      for (;;) {
        try {
          yield* sys.sleep(24 * 3600 * 1000);
        } catch (e) {
          if (!(e instanceof Errno)) throw e;
        }
      }
    },
  };
}

function daemonProcess(k: Kernel, prog: ProgramDef, argv: string[], cgroup: string): number {
  const pid = forkProcess(k, { parent: 1, main: prog.main, comm: prog.name.slice(0, 15) });
  const p = k.w.procs[pid];
  p.argv = argv;
  p.exe = argv[0];
  p.prog = prog.name;
  p.sid = p.pgid = pid;
  p.tty = null;
  p.rss = prog.rss ?? p.rss;
  p.vsz = p.rss * 20;
  if (!k.w.cgroups[cgroup]) cgroupCreate(k, cgroup);
  cgroupMigrate(k, pid, cgroup);
  return pid;
}

function network(k: Kernel, name: string, driver: NetworkRecord["driver"], subnet = "", gateway = "", bridge = ""): NetworkRecord {
  return { id: randomHex(k.w.rng, 32), name, driver, subnet, gateway, bridge, created: rfc3339Nano(k.now()), internal: false, nextHost: 2 };
}

/** Brings up dockerd on the host (as systemd would at boot). */
export function startDocker(k: Kernel) {
  k.transact(() => {
    const st: EngineState = { images: {}, tags: {}, layers: {}, containers: {}, networks: {}, volumes: {}, events: [], daemonPid: 0, containerdPid: 0 };
    k.w.ext.docker = st;
    for (const d of ["overlay2/l", "image/overlay2/layerdb/sha256", "image/overlay2/imagedb/content/sha256", "image/overlay2/imagedb/metadata/sha256", "containers", "volumes", "network/files", "tmp", "buildkit", "plugins", "runtimes", "swarm"])
      mkdirp(k, `${DOCKER_ROOT}/${d}`, d === "containers" || d === "volumes" ? 0o701 : 0o710);
    writeFile(k, `${DOCKER_ROOT}/engine-id`, `${randomHex(k.w.rng, 4)}-${randomHex(k.w.rng, 2)}-${randomHex(k.w.rng, 2)}-${randomHex(k.w.rng, 2)}-${randomHex(k.w.rng, 6)}`);
    const bridge = network(k, "bridge", "bridge", "172.17.0.0/16", "172.17.0.1", "docker0");
    for (const n of [bridge, network(k, "host", "host"), network(k, "none", "null")]) st.networks[n.id] = n;
    addBridge(k, bridge);
    if (!readFile(k, "/etc/group").includes("\ndocker:")) appendFile(k, "/etc/group", "docker:x:999:student\n");
    if (!exists(k, "/var/run")) symlink(k, "/run", "/var/run");
    mkdirp(k, "/run/containerd");
    mkdirp(k, "/run/docker");
    st.containerdPid = daemonProcess(k, idleDaemon("containerd", 45 * 1024 * 1024), ["/usr/bin/containerd"], "system.slice/containerd.service");
    st.daemonPid = daemonProcess(
      k,
      idleDaemon("dockerd", 85 * 1024 * 1024),
      ["/usr/sbin/dockerd", "-H", "fd://", "--containerd=/run/containerd/containerd.sock"],
      "system.slice/docker.service",
    );
    writeFile(k, "/run/docker.pid", String(st.daemonPid));
    const sock = k.vfs.create(hostWalker(k), DOCKER_SOCK, { type: "socket", perm: 0o660 });
    k.vfs.setattrLoc({ uid: 0, gid: 0, groups: [] }, sock, { gid: 999 });
    k.services.set(`${sock.fs}:${sock.node}`, (pid) => new DockerClient(k, pid));
    void engineState;
  });
}
