/**
 * docker context: the sandbox has one daemon, so only the built-in "default" context exists (the
 * one that follows DOCKER_HOST). Creating more contexts is refused plainly.
 */
import type { Gen } from "../../kernel";
import { sha256Hex } from "../../engine/registry/digest";
import { formatRows } from "../format";
import { CliError, type CommandContext, daemonHost } from "./lib/context";

/** The client looks a context up in its store: ~/.docker/contexts/meta/<sha256 of the name>/. */
function notFound(name: string): CliError {
  return new CliError(
    `context "${name}": context not found: open /root/.docker/contexts/meta/${sha256Hex(name)}/meta.json: no such file or directory`,
  );
}

function defaultContext(ctx: CommandContext) {
  return { name: "default", host: daemonHost(ctx.sys, ctx.globals) };
}

export function* contextLs(ctx: CommandContext): Gen<number> {
  const { host } = defaultContext(ctx);
  if (ctx.flags.bool("quiet")) {
    yield* ctx.out("default\n");
    return 0;
  }
  const format = ctx.flags.string("format");
  const rows = [{ Name: "default", Current: true, Description: "Current DOCKER_HOST based configuration", DockerEndpoint: host, Error: "" }];
  if (format && format !== "table") {
    const r = formatRows(format, rows, { Name: "NAME", Description: "DESCRIPTION", DockerEndpoint: "DOCKER ENDPOINT", Error: "ERROR" });
    if (!r.ok) throw new CliError(r.error);
    yield* ctx.out(r.output);
    return 0;
  }
  const name = "NAME".padEnd(12);
  const desc = "DESCRIPTION".padEnd(42);
  const ep = "DOCKER ENDPOINT".padEnd(30);
  const line = `${"default *".padEnd(12)}${"Current DOCKER_HOST based configuration".padEnd(42)}${host.padEnd(30)}\n`;
  yield* ctx.out(`${name}${desc}${ep}ERROR\n${line}`);
  return 0;
}

export function* contextShow(ctx: CommandContext): Gen<number> {
  yield* ctx.out("default\n");
  return 0;
}

export function* contextInspect(ctx: CommandContext): Gen<number> {
  const names = ctx.args.length > 0 ? ctx.args : ["default"];
  const unknown = names.find((n) => n !== "default");
  if (unknown) throw notFound(unknown);
  const { host } = defaultContext(ctx);
  const one = `    {
        "Name": "default",
        "Metadata": {},
        "Endpoints": {
            "docker": {
                "Host": "${host}",
                "SkipTLSVerify": false
            }
        },
        "TLSMaterial": {},
        "Storage": {
            "MetadataPath": "\\u003cIN MEMORY\\u003e",
            "TLSPath": "\\u003cIN MEMORY\\u003e"
        }
    }`;
  yield* ctx.out(`[\n${names.map(() => one).join(",\n")}\n]\n`);
  return 0;
}

export function* contextUse(ctx: CommandContext): Gen<number> {
  const name = ctx.args[0];
  if (name !== "default") throw notFound(name);
  yield* ctx.out("default\n");
  yield* ctx.err('Current context is now "default"\n');
  return 0;
}

/** create, update, rm, export, import: other daemons are out of this sandbox's reach. */
export function* contextUnsupported(ctx: CommandContext): Gen<number> {
  throw new CliError(`docker ${ctx.id}: only the default context exists in this sandbox`);
}
