import { test, expect, chooseRole, waitForOfflineReady } from "./fixtures";

test("first start asks for the role in Chinese and the choice survives a reload", async ({ page, errors }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "请选择您的身份" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^选委会/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /^街道·区换届办/ })).toBeVisible();

  await chooseRole(page, "网格员");
  const nav = page.getByRole("navigation", { name: "换届步骤" });
  await expect(nav.getByRole("link")).toHaveText([/加入选举/, /选民登记/, /提名/, /收发数据包/]);

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("网格员工作台");
  await expect(page.locator(".role-chip")).toHaveText("网格员");
});

test("the committee sees the twelve stages of the workflow, and a stage opens by its link", async ({ page, errors }) => {
  await page.goto("/");
  await chooseRole(page, "选委会");
  const links = page.getByRole("navigation", { name: "换届步骤" }).getByRole("link");
  await expect(links).toHaveCount(14);
  await expect(links.first()).toContainText("准备");
  await links.filter({ hasText: "计票" }).click();
  await expect(page).toHaveURL(/\/stage\/count$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("计票");
});

test("deep links load directly, and unknown ones say so", async ({ page, errors }) => {
  await page.goto("/stage/handover");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("交接归档");
  // The stage has its working screen, so what it is for is folded away until asked.
  await page.getByText("这一步做什么").click();
  await expect(page.getByText("十日内完成工作移交")).toBeVisible();
  await page.goto("/stage/registration");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("选民登记");
  await expect(page.getByRole("searchbox", { name: "查找选民" })).toBeVisible();
  await page.goto("/stage/no-such-stage");
  await expect(page.getByRole("heading", { name: "找不到这个页面" })).toBeVisible();
});

test("after one online visit the app reloads and opens deep links with the network off", async ({ page, context, errors }) => {
  await page.goto("/");
  await chooseRole(page, "选委会");
  await waitForOfflineReady(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("选委会工作台");
  await page.goto("/stage/announcement");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("公布结果");
  await context.setOffline(false);
});

test("installing the offline shell never reloads the page under the person's hands", async ({ page, errors }) => {
  await page.goto("/");
  await page.evaluate(() => ((window as any).__sameDocument = true));
  await waitForOfflineReady(page);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as any).__sameDocument === true)).toBe(true);
});

test("the role can be changed in settings", async ({ page, errors }) => {
  await page.goto("/");
  await chooseRole(page, "街道·区换届办");
  await page.getByRole("link", { name: "设置" }).click();
  await page.getByRole("button", { name: "更换身份" }).click();
  await expect(page.getByRole("heading", { name: "请选择您的身份" })).toBeVisible();
  await chooseRole(page, "选委会");
});

test("a slow first visit shows a loading screen, and the program comes compressed", async ({ page, request, errors }) => {
  // Hold the wasm back as a slow network would: until it arrives, the person reads a loading screen.
  let release!: () => void;
  const held = new Promise<void>((ok) => (release = ok));
  let wasmUrl = "";
  await page.route(/\.wasm$/, async (route) => {
    wasmUrl = route.request().url();
    await held;
    await route.continue();
  });
  await page.goto("/", { waitUntil: "commit" });
  await expect(page.getByRole("status")).toContainText("正在加载");
  release();
  await expect(page.getByRole("heading", { name: "请选择您的身份" })).toBeVisible();
  await expect(page.getByText("正在加载")).toHaveCount(0);

  // What a 3G phone downloads: the wasm compressed, in well under half its size.
  const packed = await request.get(wasmUrl, { headers: { "accept-encoding": "gzip" } });
  expect(packed.headers()["content-encoding"]).toBe("gzip");
  const plain = await request.get(wasmUrl, { headers: { "accept-encoding": "identity" } });
  expect(plain.headers()["content-encoding"]).toBeUndefined();
  const size = (r: typeof plain) => Number(r.headers()["content-length"]);
  expect(size(packed)).toBeGreaterThan(0);
  expect(size(packed)).toBeLessThan(size(plain) / 2);
});
