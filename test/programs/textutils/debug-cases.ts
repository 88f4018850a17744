/** Prints the differences between our programs and recorded busybox cases: npx tsx debug-cases.ts FILE.json... */
import { sysutilsPrograms } from "../../../src/programs/sysutils";
import { textutilsPrograms } from "../../../src/programs/textutils";
import { runFake } from "./fake-sys";
import { caseTitle, loadCases } from "./run-cases";

const programs = new Map([...textutilsPrograms, ...sysutilsPrograms].map((p) => [p.name, p]));
for (const file of process.argv.slice(2)) {
  for (const c of loadCases(file)) {
    const prog = programs.get(c.argv[0]);
    if (!prog) continue;
    let r: ReturnType<typeof runFake>;
    try {
      r = runFake(prog.main, c.argv, { stdin: c.stdin, files: c.files, env: c.env });
    } catch (e) {
      console.log(`== ${caseTitle(c)}\n  threw ${e}`);
      continue;
    }
    const diffs: string[] = [];
    if (r.stdout !== c.stdout)
      diffs.push(`  stdout: got ${JSON.stringify(r.stdout)}\n          want ${JSON.stringify(c.stdout)}`);
    if (r.stderr !== c.stderr)
      diffs.push(`  stderr: got ${JSON.stringify(r.stderr)}\n          want ${JSON.stringify(c.stderr)}`);
    if (r.code !== c.code) diffs.push(`  code: got ${r.code} want ${c.code}`);
    for (const name of c.check ?? []) {
      const got = r.files.get(`/w/${name}`)?.data ?? null;
      if (got !== c.after?.[name])
        diffs.push(`  ${name}: got ${JSON.stringify(got)} want ${JSON.stringify(c.after?.[name])}`);
    }
    if (diffs.length) console.log(`== ${caseTitle(c)}\n${diffs.join("\n")}`);
  }
}
