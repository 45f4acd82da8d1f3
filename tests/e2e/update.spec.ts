import { spawn, ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, appendFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, freePort, waitForOfflineReady } from "./fixtures";

// A deploy is simulated by serving a copy of dist/ and then changing its sw.js.
let PORT: number;
let dir: string;
let server: ChildProcess;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "huanjie-dist-"));
  cpSync("dist", dir, { recursive: true });
  PORT = await freePort();
  server = spawn("node", ["tools/serve.mjs", dir, String(PORT)], { stdio: "ignore" });
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("test server did not start");
});

test.afterAll(() => {
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

test("a new deployed version is announced and applied on request", async ({ page, errors }) => {
  const origin = `http://127.0.0.1:${PORT}`;
  await page.goto(origin + "/");
  await waitForOfflineReady(page);
  await expect(page.getByText("有新版本可用")).toHaveCount(0);

  appendFileSync(join(dir, "sw.js"), "\n// deploy 2\n");
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
  await expect(page.getByText("有新版本可用")).toBeVisible();

  await page.getByRole("button", { name: "立即更新" }).click();
  await page.waitForLoadState("load");
  await expect(page.getByText("有新版本可用")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "请选择您的身份" })).toBeVisible();
});
