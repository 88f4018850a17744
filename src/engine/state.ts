/**
 * The docker engine's state, kept in the world (world.ext.docker) so that it is saved, restored
 * and time-travelled with the rest of the machine. Shaped after what the Engine API returns.
 */
import type { Kernel } from "../kernel";
import type { ResourceHostConfig } from "./containers/resources";
import type { NetworkHostConfig } from "./networks/resolv";
import type { SecurityHostConfig } from "./containers/security";

export interface ImageRecord {
  /** "sha256:<hex>" of the config JSON. */
  id: string;
  /** Familiar references: "nginx:latest". */
  repoTags: string[];
  /** "nginx@sha256:<manifest or index digest>". */
  repoDigests: string[];
  /** The image config exactly as pulled (its sha256 is the id). */
  configJson: string;
  /** diffIDs, bottom layer first. */
  layers: string[];
  /** Sum of the layers' sizes in bytes. */
  size: number;
  /** Uptime (µs) when it arrived, for ordering. */
  loadedAt: number;
}

export interface LayerRecord {
  diffId: string;
  chainId: string;
  /** Directory name under /var/lib/docker/overlay2. */
  cacheId: string;
  /** Short name under /var/lib/docker/overlay2/l. */
  link: string;
  size: number;
  /** Compressed blob digest it came from (for "Already exists"). */
  blobDigest: string;
}

export interface ContainerState {
  Status: "created" | "running" | "paused" | "restarting" | "removing" | "exited" | "dead";
  Running: boolean;
  Paused: boolean;
  Restarting: boolean;
  OOMKilled: boolean;
  Dead: boolean;
  /** Host pid of the container's init, 0 when not running. */
  Pid: number;
  ExitCode: number;
  Error: string;
  /** RFC3339Nano, or Go's zero time. */
  StartedAt: string;
  FinishedAt: string;
  /** Uptimes (µs) for relative times ("Up 2 minutes", "Exited (0) 3 seconds ago"). */
  startedUptime: number;
  finishedUptime: number;
  Health?: { Status: "starting" | "healthy" | "unhealthy"; FailingStreak: number };
}

export interface MountSpec {
  Type: "bind" | "volume" | "tmpfs";
  Source: string;
  Destination: string;
  RW: boolean;
  Name?: string;
  Mode: string;
  Propagation: string;
}

export interface ContainerRecord {
  id: string;
  name: string;
  /** As the user gave it ("nginx", "busybox:1.36"). */
  imageRef: string;
  imageId: string;
  created: string;
  createdUptime: number;
  path: string;
  args: string[];
  config: {
    Hostname: string;
    Domainname: string;
    User: string;
    AttachStdin: boolean;
    AttachStdout: boolean;
    AttachStderr: boolean;
    ExposedPorts?: Record<string, Record<string, never>>;
    Tty: boolean;
    OpenStdin: boolean;
    StdinOnce: boolean;
    Env: string[];
    Cmd: string[] | null;
    Image: string;
    Volumes: Record<string, Record<string, never>> | null;
    WorkingDir: string;
    Entrypoint: string[] | null;
    Labels: Record<string, string>;
    StopSignal?: string;
    StopTimeout?: number;
  };
  hostConfig: {
    Binds: string[] | null;
    NetworkMode: string;
    PortBindings: Record<string, Array<{ HostIp: string; HostPort: string }>>;
    RestartPolicy: { Name: string; MaximumRetryCount: number };
    AutoRemove: boolean;
    Privileged: boolean;
    ReadonlyRootfs: boolean;
    Init: boolean | null;
    Memory: number;
    MemorySwap: number;
    NanoCpus: number;
    CpuShares: number;
    PidsLimit: number | null;
    CapAdd: string[] | null;
    CapDrop: string[] | null;
    Dns: string[];
    PidMode: string;
    UTSMode: string;
    IpcMode: string;
    /** "private" (the default on cgroup v2) or "host"; absent in records made before the flag. */
    CgroupnsMode?: string;
    UsernsMode?: string;
    /** --volumes-from as given ("NAME[:ro|:rw]"), null without. */
    VolumesFrom?: string[] | null;
    Tmpfs: Record<string, string>;
  } & Partial<ResourceHostConfig> &
    Partial<NetworkHostConfig> &
    Partial<SecurityHostConfig>;
  mounts: MountSpec[];
  state: ContainerState;
  restartCount: number;
  /** Overlay layer dirs of this container under /var/lib/docker/overlay2. */
  rwCacheId: string;
  rwLink: string;
  network: { name: string; ip: string; mac: string; gateway: string; prefix: number; endpointId: string; iface?: string } | null;
  /** The tty of a -t container (kernel tty id). */
  tty: number | null;
  /** Input pipe of a -i container without a tty. */
  stdinPipe: number | null;
}

export interface EngineEvent {
  time: number;
  timeNano: number;
  type: "container" | "image" | "network" | "volume";
  action: string;
  id: string;
  attributes: Record<string, string>;
}

export interface NetworkRecord {
  id: string;
  name: string;
  driver: "bridge" | "host" | "null";
  subnet: string;
  gateway: string;
  bridge: string;
  created: string;
  internal: boolean;
  /** Next host number to hand out in the subnet. */
  nextHost: number;
}

export interface VolumeRecord {
  name: string;
  created: string;
  anonymous: boolean;
  labels: Record<string, string>;
}

export interface EngineState {
  images: Record<string, ImageRecord>;
  /** Full reference ("docker.io/library/nginx:latest") -> image id. */
  tags: Record<string, string>;
  /** By chainID. */
  layers: Record<string, LayerRecord>;
  containers: Record<string, ContainerRecord>;
  networks: Record<string, NetworkRecord>;
  volumes: Record<string, VolumeRecord>;
  events: EngineEvent[];
  daemonPid: number;
  containerdPid: number;
}

export function engineState(k: Kernel): EngineState {
  return k.w.ext.docker as EngineState;
}
