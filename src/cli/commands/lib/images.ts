/** Pieces the image commands share: reference parsing with docker's errors, platform choice. */
import type { Arch } from "../../../engine/registry";
import { EngineError } from "../../../engine/client";
import { type NamedRef, parseImageRef } from "../../../engine/images/refs";
import { CliError } from "./context";

/** A reference as the client parses it (errors are the client's, exit 1). */
export function clientRef(s: string): NamedRef {
  const r = parseImageRef(s);
  if (!r.ok) throw new CliError(r.message);
  return r.ref;
}

/** A reference the daemon parses (errors come back as "Error response from daemon: ..."). */
export function daemonRef(s: string): NamedRef {
  const r = parseImageRef(s);
  if (!r.ok) throw new EngineError(r.message, 400);
  return r.ref;
}

export function isNameOnly(ref: NamedRef): boolean {
  return ref.tag === undefined && ref.digest === undefined;
}

/** --platform: "linux/amd64", "amd64", "linux/arm64/v8"... */
export function platformArch(value: string): Arch {
  if (value === "") return "amd64";
  const parts = value.toLowerCase().split("/");
  const [os, arch] = parts.length === 1 ? ["linux", parts[0]] : [parts[0], parts[1]];
  if (os !== "linux") throw new EngineError(`no matching manifest for ${value} in the manifest list entries`, 404);
  if (arch === "amd64" || arch === "x86_64") return "amd64";
  if (arch === "arm64" || arch === "aarch64") return "arm64";
  throw new EngineError(`no matching manifest for ${value} in the manifest list entries`, 404);
}
