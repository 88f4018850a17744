/**
 * nslookup: busybox 1.35. Asks the first nameserver of /etc/resolv.conf (or DNS_SERVER) for the A
 * and AAAA records of HOST and prints each reply as it arrives (the AAAA one first here).
 */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { out } from "../lib/io";
import type { DnsReply, DnsType } from "../../engine/networks/dns";
import { dnsQuery, isIPv4, nameservers } from "./lib/resolver";
import { USAGE } from "./usage";

export const nslookup: ProgramDef = {
  name: "nslookup",
  rss: 600 * 1024,
  *main(sys) {
    const args = sys.argv.slice(1).filter((a) => !/^-(type|query|debug)/.test(a));
    const typeArg = sys.argv.slice(1).find((a) => /^-(type|query)=/.test(a));
    if (args.length < 1 || args.length > 2 || args[0].startsWith("-")) return yield* usageError(sys, USAGE.nslookup);
    const name = args[0];
    const server = args[1] ?? nameservers(sys)[0];
    if (!isIPv4(server)) {
      yield* out(sys, "");
      return yield* usageError(sys, USAGE.nslookup, `bad address '${server}'`);
    }
    const types: DnsType[] = typeArg ? [typeArg.split("=")[1].toUpperCase() === "AAAA" ? "AAAA" : "A"] : ["AAAA", "A"];
    let text = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
    const replies: Array<[DnsType, DnsReply]> = [];
    for (const t of types) {
      const r = yield* dnsQuery(sys, server, 53, t, name);
      if (r === "timeout" || r === "refused") {
        yield* out(sys, `${text};; connection timed out; no servers could be reached\n\n`);
        return 1;
      }
      replies.push([t, r]);
    }
    let failed = false;
    for (const [, r] of replies) {
      if (r.rcode !== "NOERROR") {
        text += `** server can't find ${name}: ${r.rcode}\n\n`;
        failed = true;
        continue;
      }
      text += "Non-authoritative answer:\n";
      for (const a of r.addresses) text += `Name:\t${name}\nAddress: ${a}\n`;
      text += "\n";
    }
    yield* out(sys, text);
    return failed ? 1 : 0;
  },
};
