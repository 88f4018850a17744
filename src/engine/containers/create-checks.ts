/**
 * The daemon's checks of a create request before it looks for the image (daemon/container.go
 * verifyContainerSettings): the config (working directory, health check), the host config
 * (restart policy), then the platform's resource checks (resources.ts), devices and security
 * options. Errors are 400 (invalid parameter); the warnings are returned to print.
 */
import type { Kernel } from "../../kernel";
import { EngineError } from "../client";
import type { CreateRequest } from "../client";
import { healthcheckError } from "./health";
import { verifyDevices, verifyResources } from "./resources";
import { verifySecurity } from "./security";

/** containertypes.ValidateRestartPolicy, with the daemon's wording. */
export function restartPolicyError(p: { Name: string; MaximumRetryCount: number }): string | undefined {
  if (!["no", "always", "on-failure", "unless-stopped", ""].includes(p.Name))
    return `invalid restart policy: unknown policy '${p.Name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`;
  if (p.Name !== "on-failure" && p.MaximumRetryCount !== 0) return "invalid restart policy: maximum retry count can only be used with 'on-failure'";
  if (p.MaximumRetryCount < 0) return "invalid restart policy: maximum retry count cannot be negative";
  return undefined;
}

/**
 * Checks `req` in the daemon's order; adjusts what the daemon discards (resources.ts) and returns
 * the warnings. `req.host` is filled in when missing.
 */
export function verifyContainerSettings(k: Kernel, req: CreateRequest): string[] {
  const bad = (msg: string) => new EngineError(msg, 400);
  // validateContainerConfig
  if (req.workingDir !== undefined && req.workingDir !== "" && !req.workingDir.startsWith("/"))
    throw bad(`the working directory '${req.workingDir}' is invalid, it needs to be an absolute path`);
  const health = healthcheckError(req.healthcheck);
  if (health) throw bad(health);
  // validateHostConfig
  const h = (req.host ??= {});
  const restart = h.RestartPolicy && restartPolicyError(h.RestartPolicy);
  if (restart) throw bad(restart);
  // verifyPlatformContainerSettings
  const warnings = verifyResources(k, h);
  verifyDevices(k, h.Devices ?? []);
  verifySecurity(h); // --cap-add/--cap-drop/--security-opt
  return warnings;
}
