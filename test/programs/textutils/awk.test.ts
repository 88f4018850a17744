/** awk in both flavours, against cases recorded from the real busybox 1.35 awk and mawk 1.3.4 (record-awk.py). */
import { join } from "node:path";
import { describe } from "vitest";
import { runRecordedCases } from "./run-cases";

describe("awk", () => runRecordedCases(join(__dirname, "awk-cases", "awk.json")));
