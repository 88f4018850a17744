/** docker port: the published ports of a container, or where one private port is published. */
import type { Gen } from "../../kernel";
import { CliError, type CommandContext } from "./lib/context";
import { apiPorts } from "./lib/container-view";

const hostPort = (ip: string, port: number) => (ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`);

export function* containerPort(ctx: CommandContext): Gen<number> {
  const d = ctx.client();
  const c = d.container(ctx.args[0]);
  const ports = apiPorts(c).filter((p) => p.PublicPort);
  if (ctx.args.length === 2) {
    const spec = ctx.args[1];
    const [port, proto = "tcp"] = spec.split("/");
    if (!/^\d+$/.test(port)) throw new CliError(`Error: invalid port (${port}): strconv.ParseUint: parsing ${JSON.stringify(port)}: invalid syntax`);
    const hits = ports.filter((p) => String(p.PrivatePort) === port && p.Type === proto);
    if (hits.length === 0) throw new CliError(`Error: No public port '${port}/${proto}' published for ${ctx.args[0]}`);
    yield* ctx.out(hits.map((p) => `${hostPort(p.IP ?? "", p.PublicPort ?? 0)}\n`).join(""));
    return 0;
  }
  const sorted = [...ports].sort((a, b) => a.PrivatePort - b.PrivatePort || a.Type.localeCompare(b.Type));
  yield* ctx.out(sorted.map((p) => `${p.PrivatePort}/${p.Type} -> ${hostPort(p.IP ?? "", p.PublicPort ?? 0)}\n`).join(""));
  return 0;
}
