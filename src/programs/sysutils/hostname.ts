/** hostname [-sidf] [HOSTNAME | -F FILE]: show or set the UTS hostname. */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { asErrno, out, warn } from "../lib/io";
import { USAGE } from "./usage";

/** Addresses /etc/hosts gives for a name, in file order. */
function hostsAddresses(text: string, name: string): string[] {
  const found: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const [addr, ...names] = line.split(/\s+/);
    if (names.includes(name) && !found.includes(addr)) found.push(addr);
  }
  return found;
}

export const hostname: ProgramDef = {
  name: "hostname",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { flags: "sidf", withArg: "F" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.hostname, e.message);
      throw e;
    }
    const f = opts.flags;
    let newName: string | undefined = opts.operands[0];
    if (opts.args.F) {
      const file = opts.args.F.at(-1)!;
      try {
        newName = sys
          .readFile(file)
          .split("\n")
          .map((l) => l.trim())
          .find((l) => l && !l.startsWith("#"));
      } catch (e) {
        yield* warn(sys, `can't open '${file}': ${asErrno(e).message}`);
        return 1;
      }
    }
    if (newName !== undefined && !(f.s || f.i || f.d || f.f)) {
      try {
        sys.sethostname(newName);
      } catch (e) {
        yield* warn(sys, `sethostname: ${asErrno(e).message}`);
        return 1;
      }
      return 0;
    }
    const name = sys.uname().nodename;
    // Without DNS, the fully qualified name is the one /etc/hosts would give: just the hostname here.
    const dot = name.indexOf(".");
    if (f.d) {
      if (dot >= 0) yield* out(sys, `${name.slice(dot + 1)}\n`);
      return 0;
    }
    if (f.i) {
      let hosts = "";
      try {
        hosts = sys.readFile("/etc/hosts");
      } catch (e) {
        asErrno(e);
      }
      const addrs = hostsAddresses(hosts, name);
      if (addrs.length === 0) {
        yield* warn(sys, `${name}: Unknown host`);
        return 1;
      }
      yield* out(sys, `${addrs.join(" ")}\n`);
      return 0;
    }
    yield* out(sys, `${f.s && dot >= 0 ? name.slice(0, dot) : name}\n`);
    return 0;
  },
};
