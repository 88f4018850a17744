/**
 * Fills in the expected results of recorded cases by running the real busybox:
 *   npx tsx test/programs/textutils/record-busybox.ts test/programs/textutils/cases/head.json ...
 * Each case runs in a fresh temporary directory, with PATH pointing at busybox applet links only.
 */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { RecordedCase } from "./cases";

const BUSYBOX = "/bin/busybox";
const binDir = mkdtempSync(join(tmpdir(), "bb-bin-"));
for (const applet of spawnSync(BUSYBOX, ["--list"]).stdout.toString().split("\n").filter(Boolean)) {
  symlinkSync(BUSYBOX, join(binDir, applet));
}

for (const file of process.argv.slice(2)) {
  const cases: RecordedCase[] = JSON.parse(readFileSync(file, "latin1"));
  for (const c of cases) {
    const dir = mkdtempSync(join(tmpdir(), "bb-case-"));
    for (const [name, data] of Object.entries(c.files ?? {})) {
      const path = join(dir, name);
      if (name.endsWith("/")) mkdirSync(path, { recursive: true });
      else {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, Buffer.from(data, "latin1"));
      }
    }
    const r = spawnSync(join(binDir, c.argv[0]), c.argv.slice(1), {
      cwd: dir,
      input: Buffer.from(c.stdin ?? "", "latin1"),
      env: c.env ?? { PATH: binDir },
      argv0: c.argv[0],
      timeout: 10_000,
    });
    c.stdout = r.stdout.toString("latin1");
    c.stderr = r.stderr.toString("latin1");
    c.code = r.status ?? 128;
    if (c.check) {
      c.after = {};
      for (const name of c.check) {
        const path = join(dir, name);
        c.after[name] = existsSync(path) ? readFileSync(path).toString("latin1") : null;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
  // Non-ASCII bytes as \u escapes keep the file plain ASCII.
  const json = `[\n${cases.map((c) => ` ${JSON.stringify(c)}`).join(",\n")}\n]`.replace(
    /[\u007f-\u00ff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  writeFileSync(file, `${json}\n`);
  console.log(`${file}: ${cases.length} cases recorded`);
}
rmSync(binDir, { recursive: true, force: true });
