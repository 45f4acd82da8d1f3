import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { FIXTURES, chinaDay } from "./fixtures";

/**
 * Before any test: the sample files of the demo the app makes on the tests' day (NOW), so files
 * and the app's demo are one election. Built here, not in the Makefile, so the day has one source
 * and `npx playwright test FILE` alone is enough. Also builds target/debug/huanjie (office.spec).
 */
export default function globalSetup() {
  rmSync(FIXTURES, { recursive: true, force: true });
  execFileSync(
    "cargo",
    ["run", "--locked", "-q", "-p", "huanjie-core", "--bin", "huanjie", "--", "demo", "--out", FIXTURES, "--today", chinaDay(0)],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
}
