/** chown and chgrp: busybox 1.35 chown [-RhLHPcvf] USER[:[GRP]] FILE..., chgrp [...] GROUP FILE... */
import type { Gen, ProgramDef, Stat, Sys } from "../../kernel/api";
import { asErrno, out, warn } from "../lib/io";
import { AccountNames } from "../lib/users";
import { parseOpts, usage } from "./common";
import { recursiveAction } from "./recursive";

const SPEC = { flags: "RhvcfLHP" };
const NUM = /^\d+$/;

/** parse_chown_usergroup_or_die(): -1 means "leave as is"; a string is the error message. */
function parseOwner(sys: Sys, spec: string): { uid: number; gid: number } | string {
  const names = new AccountNames(sys);
  let uid = -1;
  let gid = -1;
  let sepAt = spec.indexOf(".");
  if (sepAt < 0) sepAt = spec.indexOf(":");
  const userId = (u: string) => (NUM.test(u) ? Number(u) : names.userByName(u)?.id);
  const groupId = (g: string) => (NUM.test(g) ? Number(g) : names.groupByName(g)?.id);
  if (sepAt < 0) {
    const id = userId(spec);
    if (id === undefined) return `unknown user ${spec}`;
    uid = id;
  } else if (sepAt === 0) {
    const id = groupId(spec.slice(1));
    if (id === undefined) return `unknown group ${spec.slice(1)}`;
    gid = id;
  } else {
    const user = spec.slice(0, sepAt);
    const group = spec.slice(sepAt + 1);
    const shown = group === "" ? user : `${user}:${group}`;
    const id = userId(user);
    if (id === undefined) return `unknown user/group ${shown}`;
    uid = id;
    if (group === "") {
      // "user:" means the user's login group.
      const acct = NUM.test(user) ? undefined : names.userByName(user);
      const primary = acct?.gid ?? (NUM.test(user) ? names.userByName(names.user(id) ?? "")?.gid : undefined);
      if (primary === undefined) return `unknown user/group ${shown}`;
      gid = primary;
    } else {
      const g = groupId(group);
      if (g === undefined) return `unknown user/group ${shown}`;
      gid = g;
    }
  }
  return { uid, gid };
}

function* chownMain(sys: Sys, name: "chown" | "chgrp"): Gen<number> {
  const parsed = yield* parseOpts(sys, name, SPEC);
  if (typeof parsed === "number") return parsed;
  if (parsed.operands.length < 2) return yield* usage(sys, name);
  const f = parsed.flags;
  const ownerSpec = name === "chgrp" ? `:${parsed.operands[0]}` : parsed.operands[0];
  const owner = parseOwner(sys, ownerSpec);
  if (typeof owner === "string") {
    yield* warn(sys, owner);
    return 1;
  }
  const traverseTop = !!(f.H || f.L);
  // With -h, or -R without -H/-L, symlinks themselves are changed.
  const nofollow = !!f.h || (!!f.R && !traverseTop);
  const action = function* (path: string, st: Stat) {
    const u = owner.uid === -1 ? st.uid : owner.uid;
    const g = owner.gid === -1 ? st.gid : owner.gid;
    try {
      sys.chown(path, u, g, { nofollow });
    } catch (e) {
      if (!f.f) yield* warn(sys, `${path}: ${asErrno(e).message}`);
      return false;
    }
    if (f.v || (f.c && (st.uid !== u || st.gid !== g))) yield* out(sys, `changed ownership of '${path}' to ${u}:${g}\n`);
    return true;
  };
  let status = 0;
  for (const path of parsed.operands.slice(1)) {
    const ok = yield* recursiveAction(sys, path, { recurse: !!f.R, depthFirst: true, followTop: traverseTop, followLinks: !!f.L }, action, action);
    if (!ok) status = 1;
  }
  return status;
}

export const chown: ProgramDef = {
  name: "chown",
  *main(sys) {
    return yield* chownMain(sys, "chown");
  },
};

export const chgrp: ProgramDef = {
  name: "chgrp",
  *main(sys) {
    return yield* chownMain(sys, "chgrp");
  },
};
