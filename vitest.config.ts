import { defineConfig } from "vitest/config";

/**
 * Test files that change process-wide or module-level state another file would see, so each runs
 * in a fresh process of its own (vitest's default isolation):
 * - families.test.ts registers policies and a device at load time (registries are sealed once a
 *   scenario schema was generated, and what it registers would show in other files' schemas);
 * - examples.test.ts resets the module registry (vi.resetModules) around examples that register;
 * - cli/interrupt.test.ts removes every SIGINT/SIGTERM/SIGHUP listener of the process.
 */
const ISOLATED = ["test/policies/families.test.ts", "test/docs/examples.test.ts", "test/cli/interrupt.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    pool: "forks",
    reporters: ["default", "./test/support/plain-summary-reporter.ts"],
    projects: [
      {
        // Every other file shares its worker process and module instances with the files before it
        // (no fresh process and no re-import of src/ and its dependencies per file: ~0.4 s a file,
        // 300 files). They leave no state behind that a later file could see: spies, fake timers,
        // the working folder and the event budget are restored where a test changes them.
        extends: true,
        test: { name: "shared", include: ["test/**/*.test.ts"], exclude: ISOLATED, isolate: false },
      },
      { extends: true, test: { name: "isolated", include: ISOLATED, isolate: true } },
    ],
  },
});
