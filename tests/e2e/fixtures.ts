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
