/** docker info / docker system info: docker/cli's prettyPrintInfo layout over the daemon's facts. */
import { type DaemonCounts, daemonCounts, ENGINE, engineId, operatingSystem } from "../../engine/system/info";
import { CLIENT_VERSION } from "../flags";
import { execute, goStruct, parse } from "../template";
import { bytesSize } from "../units";
import { CliError, type CommandHandler, DaemonUnavailable } from "./lib/context";

interface HostFacts {
  counts: DaemonCounts;
  kernel: string;
  os: string;
  cpus: number;
  memTotal: number;
  name: string;
  id: string;
}

function serverText(h: HostFacts): string {
  const c = h.counts;
  return [
    ` Containers: ${c.containers}`,
    `  Running: ${c.running}`,
    `  Paused: ${c.paused}`,
    `  Stopped: ${c.stopped}`,
    ` Images: ${c.images}`,
    ` Server Version: ${ENGINE.version}`,
    " Storage Driver: overlay2",
    "  Backing Filesystem: extfs",
    "  Supports d_type: true",
    "  Using metacopy: false",
    "  Native Overlay Diff: true",
    "  userxattr: false",
    " Logging Driver: json-file",
    " Cgroup Driver: systemd",
    " Cgroup Version: 2",
    " Plugins:",
    "  Volume: local",
    "  Network: bridge host ipvlan macvlan null overlay",
    "  Log: awslogs fluentd gcplogs gelf journald json-file local splunk syslog",
    " CDI spec directories:",
    "  /etc/cdi",
    "  /var/run/cdi",
    " Swarm: inactive",
    " Runtimes: io.containerd.runc.v2 runc",
    " Default Runtime: runc",
    " Init Binary: docker-init",
    ` containerd version: ${ENGINE.containerd.commit}`,
    ` runc version: ${ENGINE.runc.commit}`,
    ` init version: ${ENGINE.init.commit}`,
    " Security Options:",
    "  seccomp",
    "   Profile: builtin",
    "  cgroupns",
    ` Kernel Version: ${h.kernel}`,
    ` Operating System: ${h.os}`,
    " OSType: linux",
    " Architecture: x86_64",
    ` CPUs: ${h.cpus}`,
    ` Total Memory: ${bytesSize(h.memTotal)}`,
    ` Name: ${h.name}`,
    ` ID: ${h.id}`,
    " Docker Root Dir: /var/lib/docker",
    " Debug Mode: false",
    " Experimental: false",
    " Insecure Registries:",
    "  ::1/128",
    "  127.0.0.0/8",
    " Live Restore Enabled: false",
    "",
    "",
  ].join("\n");
}

/** The subset of system.Info fields --format templates usually ask for, in the API's order. */
function infoStruct(h: HostFacts) {
  return goStruct("system.Info", {
    ID: h.id,
    Containers: h.counts.containers,
    ContainersRunning: h.counts.running,
    ContainersPaused: h.counts.paused,
    ContainersStopped: h.counts.stopped,
    Images: h.counts.images,
    Driver: "overlay2",
    DriverStatus: [["Backing Filesystem", "extfs"], ["Supports d_type", "true"], ["Using metacopy", "false"], ["Native Overlay Diff", "true"], ["userxattr", "false"]],
    MemoryLimit: true,
    SwapLimit: true,
    CpuCfsPeriod: true,
    CpuCfsQuota: true,
    CPUShares: true,
    CPUSet: true,
    PidsLimit: true,
    IPv4Forwarding: true,
    Debug: false,
    OomKillDisable: false,
    LoggingDriver: "json-file",
    CgroupDriver: "systemd",
    CgroupVersion: "2",
    KernelVersion: h.kernel,
    OperatingSystem: h.os,
    OSVersion: "12",
    OSType: "linux",
    Architecture: "x86_64",
    NCPU: h.cpus,
    MemTotal: h.memTotal,
    DockerRootDir: "/var/lib/docker",
    Name: h.name,
    Labels: [],
    ExperimentalBuild: false,
    ServerVersion: ENGINE.version,
    DefaultRuntime: "runc",
    LiveRestoreEnabled: false,
    Isolation: "",
    InitBinary: "docker-init",
    SecurityOptions: ["name=seccomp,profile=builtin", "name=cgroupns"],
  });
}

const CLIENT_TEXT = `Client:\n Version:    ${CLIENT_VERSION}\n Context:    default\n Debug Mode: false\n`;

export const info: CommandHandler = function* (ctx) {
  const format = ctx.flags.string("format");
  let d: ReturnType<typeof ctx.client>;
  try {
    d = ctx.client();
  } catch (e) {
    if (!(e instanceof DaemonUnavailable) && !(e instanceof CliError)) throw e;
    if (format === "") yield* ctx.out(`${CLIENT_TEXT}\nServer:\n`);
    throw e;
  }
  const si = ctx.sys.sysinfo();
  const uname = ctx.sys.uname();
  const facts: HostFacts = {
    counts: daemonCounts(d.k),
    kernel: uname.release,
    os: operatingSystem(d.k),
    cpus: si.cpus,
    memTotal: si.memTotal,
    name: uname.nodename,
    id: engineId(d.k),
  };
  if (format !== "") {
    const parsed = parse(format === "json" ? "{{json .}}" : format);
    if (!parsed.ok) throw new CliError(`template parsing error: ${parsed.error}`);
    const r = execute(parsed.template, infoStruct(facts));
    if (!r.ok) throw new CliError(`template parsing error: ${r.error}`);
    yield* ctx.out(`${r.output}\n`);
    return 0;
  }
  yield* ctx.out(`${CLIENT_TEXT}\nServer:\n${serverText(facts)}`);
  return 0;
};
