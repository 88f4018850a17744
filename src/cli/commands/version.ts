/** docker version: the client's and the daemon's builds (docker/cli's version template). */
import type { Gen } from "../../kernel";
import { ENGINE } from "../../engine/system/info";
import { CLIENT_BUILD, CLIENT_VERSION } from "../flags";
import { execute, goStruct, parse } from "../template";
import { CliError, type CommandContext, type CommandHandler, DaemonUnavailable } from "./lib/context";

function clientPart(ctx: CommandContext) {
  return goStruct("*command.clientVersion", {
    Platform: goStruct("struct", { Name: "" }),
    Version: CLIENT_VERSION,
    APIVersion: ENGINE.apiVersion,
    DefaultAPIVersion: ENGINE.apiVersion,
    GitCommit: CLIENT_BUILD,
    GoVersion: ENGINE.goVersion,
    Os: "linux",
    Arch: "amd64",
    BuildTime: ENGINE.buildTime,
    Context: ctx.globals.string("context") || "default",
  });
}

function serverPart(ctx: CommandContext) {
  const uname = ctx.sys.uname();
  const component = (Name: string, Version: string, GitCommit: string, extra: Record<string, string> = {}) =>
    goStruct("types.ComponentVersion", { Name, Version, Details: { GitCommit, ...extra } });
  return goStruct("*types.Version", {
    Platform: goStruct("struct", { Name: "" }),
    Components: [
      component("Engine", ENGINE.version, ENGINE.gitCommit, {
        ApiVersion: ENGINE.apiVersion,
        Arch: "amd64",
        BuildTime: ENGINE.buildTimeRfc3339,
        Experimental: "false",
        GoVersion: ENGINE.goVersion,
        KernelVersion: uname.release,
        MinAPIVersion: ENGINE.minApiVersion,
        Os: "linux",
      }),
      component("containerd", ENGINE.containerd.version, ENGINE.containerd.commit),
      component("runc", ENGINE.runc.version, ENGINE.runc.commit),
      component("docker-init", ENGINE.init.version, ENGINE.init.commit),
    ],
    Version: ENGINE.version,
    APIVersion: ENGINE.apiVersion,
    MinAPIVersion: ENGINE.minApiVersion,
    GitCommit: ENGINE.gitCommit,
    GoVersion: ENGINE.goVersion,
    Os: "linux",
    Arch: "amd64",
    KernelVersion: uname.release,
    Experimental: false,
    BuildTime: ENGINE.buildTimeRfc3339,
  });
}

function clientText(ctx: CommandContext): string {
  return [
    "Client:",
    ` Version:           ${CLIENT_VERSION}`,
    ` API version:       ${ENGINE.apiVersion}`,
    ` Go version:        ${ENGINE.goVersion}`,
    ` Git commit:        ${CLIENT_BUILD}`,
    ` Built:             ${ENGINE.buildTime}`,
    " OS/Arch:           linux/amd64",
    ` Context:           ${ctx.globals.string("context") || "default"}`,
    "",
  ].join("\n");
}

function serverText(): string {
  return [
    "",
    "Server:",
    " Engine:",
    `  Version:          ${ENGINE.version}`,
    `  API version:      ${ENGINE.apiVersion} (minimum version ${ENGINE.minApiVersion})`,
    `  Go version:       ${ENGINE.goVersion}`,
    `  Git commit:       ${ENGINE.gitCommit}`,
    `  Built:            ${ENGINE.buildTime}`,
    "  OS/Arch:          linux/amd64",
    "  Experimental:     false",
    " containerd:",
    `  Version:          ${ENGINE.containerd.version}`,
    `  GitCommit:        ${ENGINE.containerd.commit}`,
    " runc:",
    `  Version:          ${ENGINE.runc.version}`,
    `  GitCommit:        ${ENGINE.runc.commit}`,
    " docker-init:",
    `  Version:          ${ENGINE.init.version}`,
    `  GitCommit:        ${ENGINE.init.commit}`,
    "",
  ].join("\n");
}

function* custom(ctx: CommandContext, format: string, server: unknown): Gen<number> {
  const parsed = parse(format === "json" ? "{{json .}}" : format);
  if (!parsed.ok) throw new CliError(`template parsing error: ${parsed.error}`);
  const r = execute(parsed.template, goStruct("*command.versionInfo", { Client: clientPart(ctx), Server: server }));
  if (!r.ok) throw new CliError(`template parsing error: ${r.error}`);
  yield* ctx.out(`${r.output}\n`);
  return 0;
}

export const version: CommandHandler = function* (ctx) {
  const format = ctx.flags.string("format");
  let reachable = true;
  try {
    ctx.client();
  } catch (e) {
    if (!(e instanceof DaemonUnavailable) && !(e instanceof CliError)) throw e;
    reachable = false;
    if (format !== "") yield* custom(ctx, format, null);
    else yield* ctx.out(clientText(ctx));
    throw e;
  }
  if (format !== "") return yield* custom(ctx, format, reachable ? serverPart(ctx) : null);
  yield* ctx.out(clientText(ctx) + serverText());
  return 0;
};
