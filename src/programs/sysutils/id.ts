/** id [-ugGnr] [USER] and whoami: identities with names from /etc/passwd and /etc/group. */
import { extraOperand } from "../gnu/messages";
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { out, warn } from "../lib/io";
import { AccountNames, groupEntries } from "../lib/users";
import { USAGE } from "./usage";

export const id: ProgramDef = {
  name: "id",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { flags: "ugGnrZ" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.id, e.message);
      throw e;
    }
    const f = opts.flags;
    const just = ["u", "g", "G"].filter((k) => f[k]);
    // -u, -g and -G exclude each other; -n and -r need one of them.
    if (just.length > 1 || ((f.n || f.r) && just.length === 0) || opts.operands.length > 1) {
      return yield* usageError(sys, USAGE.id);
    }
    const names = new AccountNames(sys);
    let ruid: number;
    let euid: number;
    let rgid: number;
    let egid: number;
    let groups: number[];
    const user = opts.operands[0];
    if (user !== undefined) {
      const pw = names.userByName(user);
      if (!pw) {
        yield* warn(sys, `unknown user ${user}`);
        return 1;
      }
      ruid = euid = pw.id;
      rgid = egid = pw.gid;
      // getgrouplist(): the primary group, then every group listing the user.
      groups = [pw.gid];
      for (const g of groupEntries(sys))
        if (g.members.includes(pw.name) && !groups.includes(g.id)) groups.push(g.id);
    } else {
      ruid = sys.getuid();
      euid = sys.geteuid();
      rgid = sys.getgid();
      egid = sys.getegid();
      groups = sys.getgroups();
    }
    let status = 0;
    const userText = (uid: number) => {
      const n = names.user(uid);
      if (!f.n) return `${uid}`;
      if (n === undefined) status = 1;
      return n ?? `${uid}`;
    };
    const groupText = (gid: number) => {
      const n = names.group(gid);
      if (!f.n) return `${gid}`;
      if (n === undefined) status = 1;
      return n ?? `${gid}`;
    };
    let text: string;
    if (f.u) text = userText(f.r ? ruid : euid);
    else if (f.g) text = groupText(f.r ? rgid : egid);
    else if (f.G) text = (groups.length ? groups : [f.r ? rgid : egid]).map(groupText).join(" ");
    else {
      const withName = (prefix: string, num: number, name: string | undefined) =>
        `${prefix}${num}${name !== undefined ? `(${name})` : ""}`;
      text = `${withName("uid=", ruid, names.user(ruid))} ${withName("gid=", rgid, names.group(rgid))}`;
      if (euid !== ruid) text += ` ${withName("euid=", euid, names.user(euid))}`;
      if (egid !== rgid) text += ` ${withName("egid=", egid, names.group(egid))}`;
      if (groups.length) text += ` groups=${groups.map((g) => withName("", g, names.group(g))).join(",")}`;
    }
    yield* out(sys, `${text}\n`);
    // A name that could not be found (only asked for with -n) fails the command.
    return status;
  },
};

export const whoami: ProgramDef = {
  name: "whoami",
  *main(sys) {
    if (sys.argv.length > 1) return yield* usageError(sys, USAGE.whoami, extraOperand(sys, sys.argv[1]));
    const uid = sys.geteuid();
    const name = new AccountNames(sys).user(uid);
    if (name === undefined) {
      yield* warn(sys, `unknown uid ${uid}`);
      return 1;
    }
    yield* out(sys, `${name}\n`);
    return 0;
  },
};
