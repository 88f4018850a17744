/**
 * The busybox multi-call binary: runs the applet named by argv[0] (a link such as /bin/ls), or by
 * argv[1] when called as "busybox APPLET ...".
 */
import type { Gen, ProgramDef, ProgramRegistry } from "../kernel";
import { BUSYBOX_BANNER } from "./lib/busybox";
import { err, out } from "./lib/io";

/** The applets of Debian's busybox-static 1.35 that the reference busybox image links. */
export function busyboxProgram(registry: () => ProgramRegistry, applets: () => string[]): ProgramDef {
  return {
    name: "busybox",
    rss: 600 * 1024,
    // Not a generator itself: it hands over the applet's, so a running applet keeps no frame of it.
    main(sys) {
      const a0 = sys.argv[0] ?? "busybox";
      const base = a0.slice(a0.lastIndexOf("/") + 1);
      let argv = [...sys.argv];
      if (base === "busybox") {
        if (argv.length < 2 || argv[1] === "--help") {
          return reply(err(sys, `${BUSYBOX_BANNER}\nBusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n   or: busybox --show SCRIPT\n   or: busybox --install [-s] [DIR]\n   or: function [arguments]...\n\n\tBusyBox is a multi-call binary that combines many common Unix\n\tutilities into a single executable.  Most people will create a\n\tlink to busybox for each function they wish to use and BusyBox\n\twill act like whatever it was invoked as.\n`), 0);
        }
        if (argv[1] === "--list") return reply(out(sys, applets().map((a) => `${a}\n`).join("")), 0);
        argv = argv.slice(1);
      }
      const name = argv[0].slice(argv[0].lastIndexOf("/") + 1);
      const applet = applets().includes(name) ? registry().get(name) : undefined;
      if (!applet) return reply(err(sys, `${name}: applet not found\n`), 127);
      return applet.main(sys.withArgv(argv));
    },
  };
}

/** Writes what `write` writes, then exits with `status`. */
function* reply(write: Gen<unknown>, status: number): Gen<number> {
  yield* write;
  return status;
}
