/**
 * dpkg's queries that scripts and lessons use: --print-architecture, --version, and the actions
 * dpkg hands to dpkg-query (-l, -s, -L, -S), read from the image's /var/lib/dpkg database.
 */
import type { ProgramDef } from "../../kernel/api";
import { err, out } from "../lib/io";
import { dpkgArch } from "./dpkg-db";
import { dpkgQueryAction, dpkgVersionText } from "./dpkg-query";

const DPKG_HINT =
  "\nType dpkg --help for help about installing and deinstalling packages [*];\nUse 'apt' or 'aptitude' for user-friendly package management;\nType dpkg -Dhelp for a list of dpkg debug flag values;\nType dpkg --force-help for a list of forcing options;\nType dpkg-deb --help for help about manipulating *.deb files;\n\nOptions marked [*] produce a lot of output - pipe it through 'less' or 'more' !\n";

/** dpkg's actions that dpkg-query performs (dpkg runs dpkg-query for them). */
const QUERY_ACTIONS: Record<string, string> = {
  "-l": "list",
  "--list": "list",
  "-s": "status",
  "--status": "status",
  "-L": "listfiles",
  "--listfiles": "listfiles",
  "-S": "search",
  "--search": "search",
};

export const dpkg: ProgramDef = {
  name: "dpkg",
  *main(sys) {
    const [opt, ...names] = sys.argv.slice(1);
    if (opt === "--print-architecture") {
      yield* out(sys, `${dpkgArch(sys)}\n`);
      return 0;
    }
    if (opt === "--version") {
      yield* out(sys, dpkgVersionText(sys, "dpkg"));
      return 0;
    }
    const action = opt === undefined ? undefined : QUERY_ACTIONS[opt];
    if (action) return yield* dpkgQueryAction(sys, action, names);
    if (opt?.startsWith("-") && opt !== "-") {
      yield* err(sys, `dpkg: error: unknown option ${opt}\n${DPKG_HINT}`);
      return 2;
    }
    yield* err(sys, `dpkg: error: need an action option\n${DPKG_HINT}`);
    return 2;
  },
};
