/**
 * --cap-add, --cap-drop, --privileged and --security-opt of docker run/create, as the 28.2 client
 * sends them (capabilities normalized and sorted; seccomp profile files read by the client;
 * systempaths=unconfined turned into empty masked and read-only path lists).
 */
import type { Sys } from "../../../kernel";
import { capabilityList, clientSecurityOpts, type SecurityHostConfig } from "../../../engine/containers/security";
import type { FlagValues } from "../../flags";
import type { CliError } from "./context";

export const SECURITY_FLAGS = ["cap-add", "cap-drop", "privileged", "security-opt"];

export function securityFlags(
  sys: Sys,
  flags: FlagValues,
  fail: (msg: string) => CliError,
): { Privileged: boolean; CapAdd: string[] | null; CapDrop: string[] | null } & SecurityHostConfig {
  const parsed = clientSecurityOpts((path) => sys.readFile(path), flags.list("security-opt"));
  if ("error" in parsed) throw fail(parsed.error);
  const unconfinedPaths = parsed.opts.includes("systempaths=unconfined");
  const opts = parsed.opts.filter((o) => o !== "systempaths=unconfined");
  return {
    Privileged: flags.bool("privileged"),
    CapAdd: capabilityList(flags.list("cap-add")),
    CapDrop: capabilityList(flags.list("cap-drop")),
    SecurityOpt: opts.length > 0 ? opts : null,
    ...(unconfinedPaths ? { MaskedPaths: [], ReadonlyPaths: [] } : {}),
  };
}
