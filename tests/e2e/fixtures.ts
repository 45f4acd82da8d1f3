import { test as base, expect, Page } from "@playwright/test";

// Every test fails on an uncaught page error or a console error: a person would see a broken app.
export const test = base.extend<{ errors: string[] }>({
  errors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console: ${m.text()}`);
    });
    await use(errors);
    // A page wider than the phone makes mobile Chromium zoom everything out: small text, missed taps.
    const width = page.viewportSize()?.width;
    if (!page.isClosed() && width) {
      const layout = await page.evaluate(() => window.innerWidth).catch(() => width);
      if (layout > width) errors.push(`page is ${layout}px wide on a ${width}px phone (${page.url()})`);
    }
    expect(errors, "page errors").toEqual([]);
  },
});
export { expect };

/** Wait until the service worker controls the page (the offline shell is ready). */
export async function waitForOfflineReady(page: Page) {
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return !!reg.active && !!navigator.serviceWorker.controller;
  });
}

/** Choose a role on the first-start screen. */
export async function chooseRole(page: Page, name: "选委会" | "网格员" | "街道·区换届办") {
  await page.getByRole("button", { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name}工作台`);
}

/** Signed sample files written by `huanjie demo --out target/e2e-fixtures` (see Makefile). */
export const FIXTURES = "target/e2e-fixtures";

/** Every record the app stored in IndexedDB, as one string: "byte-for-byte unchanged" is equality. */
export async function dumpStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const r = indexedDB.open("huanjie");
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const out: Record<string, [unknown, unknown][]> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      out[name] = await new Promise((ok) => {
        const rows: [unknown, unknown][] = [];
        const req = db.transaction(name).objectStore(name).openCursor();
        req.onsuccess = () => {
          const c = req.result;
          if (!c) return ok(rows);
          rows.push([c.key, c.value]);
          c.continue();
        };
      });
    }
    db.close();
    return JSON.stringify(out);
  });
}

/** Load the built-in demo community as the election committee. */
export async function committeeWithDemo(page: Page) {
  await page.goto("/");
  await chooseRole(page, "选委会");
  await page.getByRole("button", { name: /试用示范社区/ }).click();
  await expect(page.getByTestId("voter-count")).toHaveText("302");
}

/** Import files on the exchange screen and return the newest verdict's text. */
export async function importFiles(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[] | string[]) {
  const before = await page.locator(".verdict").count();
  await page.getByTestId("import-input").setInputFiles(files as any);
  await expect(page.locator(".verdict")).toHaveCount(before + files.length);
  return (await page.locator(".verdict").first().innerText()).trim();
}

/** Search the voter list in a picker (by its testid) and choose the first person found. */
export async function pick(page: Page, testid: string, query: string) {
  await page.getByTestId(testid).fill(query);
  await page.locator("ul.picks button").first().click();
}

/** Record a nominee's three commitments and a clean disqualification screen. */
export async function signAndScreen(page: Page, name: string) {
  const item = page.locator(`li.nominee[data-name="${name}"]`);
  await item.locator("summary").click();
  await item.getByRole("button", { name: "已签订三项承诺" }).click();
  await expect(page.getByRole("status").filter({ hasText: `已记录${name}签订三项承诺` })).toBeVisible();
  await expect(item).toContainText("三项承诺：已签订");
  await item.getByRole("button", { name: "保存审查结果" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${name}未发现不得提名的情形` })).toBeVisible();
}
