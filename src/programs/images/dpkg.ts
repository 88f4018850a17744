/**
 * dpkg's queries that scripts and lessons use: --print-architecture, -s/--status PACKAGE and
 * -L/--listfiles PACKAGE, read from the image's /var/lib/dpkg database.
 */
import type { ProgramDef, Sys } from "../../kernel/api";
import { err, out } from "../lib/io";

function read(sys: Sys, path: string): string | null {
  try {
    return sys.readFile(path);
  } catch {
    return null;
  }
}

export const dpkg: ProgramDef = {
  name: "dpkg",
  *main(sys) {
    const [opt, ...names] = sys.argv.slice(1);
    const arch = (read(sys, "/var/lib/dpkg/arch") ?? "amd64\n").split("\n")[0];
    if (opt === "--print-architecture") {
      yield* out(sys, `${arch}\n`);
      return 0;
    }
    if (opt === "-s" || opt === "--status" || opt === "-L" || opt === "--listfiles") {
      if (names.length === 0) {
        yield* err(sys, `dpkg: error: --${opt.startsWith("-s") || opt === "--status" ? "status" : "listfiles"} needs at least one package name argument\n\nType dpkg --help for help about installing and deinstalling packages [*];\nUse 'apt' or 'aptitude' for user-friendly package management;\nType dpkg -Dhelp for a list of dpkg debug flag values;\nType dpkg --force-help for a list of forcing options;\nType dpkg-deb --help for help about manipulating *.deb files;\n\nOptions marked [*] produce a lot of output - pipe it through 'less' or 'more' !\n`);
        return 2;
      }
      const status = (read(sys, "/var/lib/dpkg/status") ?? "").split("\n\n");
      let code = 0;
      for (const n of names) {
        const entry = status.find((p) => p.startsWith(`Package: ${n}\n`));
        if (!entry) {
          yield* err(sys, `dpkg-query: package '${n}' is not installed${opt.startsWith("-s") || opt === "--status" ? " and no information is available\nUse dpkg --info (= dpkg-deb --info) to examine archive files.\n" : "\nUse dpkg --contents (= dpkg-deb --contents) to list archive files contents.\n"}`);
          code = 1;
          continue;
        }
        if (opt === "-s" || opt === "--status") yield* out(sys, `${entry.trim()}\n\n`);
        else {
          const list = read(sys, `/var/lib/dpkg/info/${n}.list`) ?? read(sys, `/var/lib/dpkg/info/${n}:${arch}.list`) ?? "";
          yield* out(sys, list);
        }
      }
      return code;
    }
    yield* err(sys, "dpkg: error: need an action option\n\nType dpkg --help for help about installing and deinstalling packages [*];\nUse 'apt' or 'aptitude' for user-friendly package management;\nType dpkg -Dhelp for a list of dpkg debug flag values;\nType dpkg --force-help for a list of forcing options;\nType dpkg-deb --help for help about manipulating *.deb files;\n\nOptions marked [*] produce a lot of output - pipe it through 'less' or 'more' !\n");
    return 2;
  },
};
