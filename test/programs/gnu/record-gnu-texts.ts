/**
 * Regenerates src/programs/gnu/help-texts.ts from the real GNU tools of a Debian 12 machine:
 *   npx tsx test/programs/gnu/record-gnu-texts.ts
 * Each text is `PROG --help` as printed when PROG was run by its bare name (the flavour puts the
 * invoked name back into the "Usage:" lines).
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";

const HELP = "ls cat rm mkdir rmdir cp mv touch ln head tail wc sort uniq cut tr seq id whoami uname date env stat df du basename dirname readlink pwd chmod chown grep sed find xargs hostname".split(" ");

const entries = HELP.map((p) => {
  const r = spawnSync(p, ["--help"], { env: { PATH: "/usr/bin:/bin:/usr/sbin:/sbin", LANG: "C" } });
  const text = (r.stdout.length ? r.stdout : r.stderr).toString("latin1");
  return `  ${JSON.stringify(p)}: ${JSON.stringify(text)},`;
});
const out = `/** \`PROG --help\` of GNU coreutils 9.1, grep 3.8, sed 4.9, findutils 4.9.0 and hostname 3.23 (Debian 12), recorded by test/programs/gnu/record-gnu-texts.ts. */\nexport const HELP_TEXTS: Record<string, string> = {\n${entries.join("\n")}\n};\n`;
writeFileSync(new URL("../../../src/programs/gnu/help-texts.ts", import.meta.url), out);
