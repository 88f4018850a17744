import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
          exclude: ["test/e2e/**", "test/reality/**", "test/differential/**"],
          environment: "node",
        },
      },
      {
        test: {
          name: "differential",
          include: ["test/differential/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "reality",
          include: ["test/reality/**/*.test.ts"],
          environment: "node",
          testTimeout: 400_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
