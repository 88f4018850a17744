/**
 * What a docker subcommand handler gets: the parsed command line, the calling process, a lazily
 * opened connection to the daemon, and the error types the dispatcher turns into docker's texts.
 */
import type { Gen, Sys } from "../../../kernel";
import { Errno } from "../../../kernel";
import type { DockerClient } from "../../../engine/client";
import type { FlagValues } from "../../flags";

/** An error the client itself reports: `message` (if any) on stderr, exit `code`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}

/** The daemon socket could not be reached (not there, nobody listening, or no permission). */
export class DaemonUnavailable extends Error {
  constructor(host: string, message = `Cannot connect to the Docker daemon at ${host}. Is the docker daemon running?`) {
    super(message);
  }
}

export const DEFAULT_HOST = "unix:///var/run/docker.sock";

export interface CommandContext {
  sys: Sys;
  /** The command id ("container ls") and the cobra key it was reached by ("ps"). */
  id: string;
  key: string;
  flags: FlagValues;
  globals: FlagValues;
  args: string[];
  /**
   * The connection, opened on first use (some commands print before they connect). `request`
   * names the first API call in the permission-denied message (see apiRequest).
   */
  client(request?: string): DockerClient;
  /** The daemon address in messages ("unix:///var/run/docker.sock"). */
  host: string;
  out(text: string): Gen<void>;
  err(text: string): Gen<void>;
}

export type CommandHandler = (ctx: CommandContext) => Gen<number>;

/** Where the client connects: -H, else DOCKER_HOST, else the default socket. */
export function daemonHost(sys: Sys, globals: FlagValues): string {
  const hosts = globals.all("host");
  if (hosts.length > 0) return hosts[hosts.length - 1];
  return sys.env.DOCKER_HOST || DEFAULT_HOST;
}

/** How Go's http client names a request in dial errors: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.50/containers/json". */
export function apiRequest(method: "Get" | "Post" | "Delete" | "Head", path: string, host = DEFAULT_HOST): string {
  const sock = host.replace(/^unix:\/\//, "").replaceAll("/", "%2F");
  return `${method} "http://${sock}${path === "/_ping" ? "" : "/v1.50"}${path}"`;
}

/** Opens the daemon connection, as the client dials it: only unix sockets exist in the sandbox. */
export function connectDaemon(sys: Sys, host: string, request = apiRequest("Head", "/_ping", host)): DockerClient {
  const path = host.startsWith("unix://") ? host.slice("unix://".length) : null;
  if (path === null || path === "") throw new DaemonUnavailable(host);
  try {
    // connect(2) on a unix socket needs write permission on it (the socket is root:docker 660).
    sys.access(path, 2);
    return sys.connect(path) as DockerClient;
  } catch (e) {
    if (e instanceof Errno) {
      if (e.code === "EACCES")
        throw new DaemonUnavailable(
          host,
          `permission denied while trying to connect to the Docker daemon socket at ${host}: ${request}: dial unix ${path}: connect: permission denied`,
        );
      throw new DaemonUnavailable(host);
    }
    throw e;
  }
}

export function makeContext(sys: Sys, base: Omit<CommandContext, "client" | "out" | "err" | "host">): CommandContext {
  const host = daemonHost(sys, base.globals);
  let client: DockerClient | undefined;
  return {
    ...base,
    sys,
    host,
    client: (request?: string) => {
      client ??= connectDaemon(sys, host, request);
      return client;
    },
    *out(text: string) {
      if (text.length > 0) yield* sys.write(1, text);
    },
    *err(text: string) {
      if (text.length > 0) yield* sys.write(2, text);
    },
  };
}
