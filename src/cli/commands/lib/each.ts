/**
 * Commands that act on several containers (rm, stop, kill, start, ...): each name in turn, the
 * name printed on success, the errors collected and printed together at the end (errors.Join).
 */
import type { Gen } from "../../../kernel";
import { EngineError } from "../../../engine/client";
import { CliError, type CommandContext, DaemonUnavailable } from "./context";

/** The text docker prints for an error from the API client. */
export function errorText(e: unknown): string {
  if (e instanceof EngineError) return `Error response from daemon: ${e.message}`;
  if (e instanceof DaemonUnavailable || e instanceof CliError) return e.message;
  throw e;
}

/**
 * Runs `action` for every name. On success prints what it returns (the name by default; null
 * prints nothing). Returns the joined error text, or "" when all succeeded.
 */
type Printed = string | null | undefined;

export function* eachContainer(ctx: CommandContext, names: string[], action: (name: string) => Gen<Printed> | Printed): Gen<string> {
  const errors: string[] = [];
  for (const name of names) {
    let printed: string | null | undefined;
    try {
      const r = action(name);
      printed = typeof r === "object" && r !== null ? yield* r : r;
    } catch (e) {
      errors.push(errorText(e));
      continue;
    }
    if (printed !== null) yield* ctx.out(`${printed ?? name}\n`);
  }
  return errors.join("\n");
}

/** Ends a multi-container command: the collected errors as one error (status 1). */
export function finish(errors: string): number {
  if (errors !== "") throw new CliError(errors);
  return 0;
}
