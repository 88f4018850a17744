/**
 * docker login: checks the registry answers, then stores the credentials (base64 "user:password")
 * in ~/.docker/config.json as the client does without a credential helper.
 */
import type { Gen, Sys } from "../../kernel";
import { Errno } from "../../kernel";
import { EngineError } from "../../engine/client";
import { registryContainer, unreachable } from "../../engine/images/registries";
import { CliError, type CommandHandler } from "./lib/context";

export const HUB_AUTH_KEY = "https://index.docker.io/v1/";

interface ConfigFile {
  auths?: Record<string, { auth?: string }>;
  [key: string]: unknown;
}

export function configPath(sys: Sys): string {
  return `${sys.env.DOCKER_CONFIG || `${sys.env.HOME || "/root"}/.docker`}/config.json`;
}

export function readConfig(sys: Sys): ConfigFile {
  try {
    return JSON.parse(sys.readFile(configPath(sys))) as ConfigFile;
  } catch (e) {
    if (e instanceof Errno || e instanceof SyntaxError) return {};
    throw e;
  }
}

/** json.MarshalIndent(config, "", "\t"). */
export function writeConfig(sys: Sys, cfg: ConfigFile) {
  const path = configPath(sys);
  const dir = path.slice(0, path.lastIndexOf("/"));
  try {
    sys.mkdir(dir, 0o700);
  } catch (e) {
    if (!(e instanceof Errno) || e.code !== "EEXIST") throw e;
  }
  sys.writeFile(path, JSON.stringify(cfg, null, "\t"), { mode: 0o600 });
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function base64(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i += 3) {
    const n = (s.charCodeAt(i) << 16) | ((s.charCodeAt(i + 1) || 0) << 8) | (s.charCodeAt(i + 2) || 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < s.length ? B64[(n >> 6) & 63] : "=") + (i + 2 < s.length ? B64[n & 63] : "=");
  }
  return out;
}

function* readLine(sys: Sys): Gen<string> {
  let line = "";
  for (;;) {
    const c = yield* sys.read(0, 1);
    if (c === "" || c === "\n") return line;
    line += c;
  }
}

export function serverKey(arg: string | undefined): string {
  if (!arg || /^(https?:\/\/)?(index\.)?docker\.io(\/v1\/?)?$/.test(arg) || arg === "registry-1.docker.io") return HUB_AUTH_KEY;
  return arg.replace(/^https?:\/\//, "").replace(/\/+$/, "");
}

export const login: CommandHandler = function* (ctx) {
  const sys = ctx.sys;
  if (ctx.args.length > 1) throw new CliError(`"docker login" requires at most 1 argument.\nSee 'docker login --help'.\n\nUsage:  docker login [OPTIONS] [SERVER]\n\nLog in to a registry`);
  let user = ctx.flags.string("username");
  let password = ctx.flags.string("password");
  if (ctx.flags.changed("password")) yield* ctx.err("WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n");
  if (ctx.flags.bool("password-stdin")) {
    if (ctx.flags.changed("password")) throw new CliError("--password and --password-stdin are mutually exclusive");
    if (user === "") throw new CliError("Must provide --username with --password-stdin");
    let data = "";
    for (;;) {
      const chunk = yield* sys.read(0);
      if (chunk === "") break;
      data += chunk;
    }
    password = data.replace(/\r?\n$/, "");
  }
  if (user === "" || password === "") {
    if (!sys.isatty(0)) throw new CliError("Error: Cannot perform an interactive login from a non TTY device");
    if (user === "") {
      yield* ctx.out("Username: ");
      user = (yield* readLine(sys)).trim();
      if (user === "") throw new CliError("Error: Non-null Username Required");
    }
    if (password === "") {
      yield* ctx.out("Password: ");
      const saved = sys.tcgetattr(0);
      sys.tcsetattr(0, { echo: false });
      password = yield* readLine(sys);
      sys.tcsetattr(0, { echo: saved.echo });
      yield* ctx.out("\n");
      if (password === "") throw new CliError("Error: Password Required");
    }
  }
  const key = serverKey(ctx.args[0]);
  const d = ctx.client();
  if (key !== HUB_AUTH_KEY && !registryContainer(d.k, key)) throw new EngineError(unreachable(key), 500);
  const cfg = readConfig(sys);
  cfg.auths = { ...(cfg.auths ?? {}), [key]: { auth: base64(`${user}:${password}`) } };
  writeConfig(sys, cfg);
  yield* ctx.err(
    `\nWARNING! Your credentials are stored unencrypted in '${configPath(sys)}'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n`,
  );
  yield* ctx.out("Login Succeeded\n");
  return 0;
};
