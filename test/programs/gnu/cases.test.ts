import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe } from "vitest";
import { runCaseFile } from "./run-cases";

const dir = join(__dirname, "cases");
for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
  describe(file.replace(/\.json$/, ""), () => runCaseFile(join(dir, file)));
}
