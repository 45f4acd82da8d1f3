import { test, expect, committeeWithDemo, printedPages, tapPrint } from "./fixtures";

// Paper is checked as paper: the page is printed to PDF with the print stylesheet, and the PDF's
// text is read back with pdftotext, page by page.

const fullIdNumber = /\d{17}[\dX]/;

test("打印 prints the voter list alone: every page has names, no app around it, no blank pages", async ({ page, errors }) => {
  await committeeWithDemo(page);
  await page.goto("/stage/registration");
  await page.getByRole("button", { name: "显示名单（可打印）" }).click();
  const sheet = page.getByTestId("voter-list-sheet");
  const rows = sheet.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const first = (await rows.first().locator("td").nth(1).innerText()).trim();
  const last = (await rows.last().locator("td").nth(1).innerText()).trim();

  await tapPrint(page, sheet);
  const pages = await printedPages(page);
  const all = pages.join("\n");
  expect(pages.length).toBeGreaterThan(1);
  for (const [i, text] of pages.entries()) expect(text.trim(), `page ${i + 1} is blank`).not.toBe("");
  expect(all).toContain("选民名单");
  expect(all).toContain(first);
  expect(all).toContain(last);
  expect(all).not.toMatch(fullIdNumber);
  // Nothing of the app: neither the top bar, the other cards, nor the sheet's own button.
  expect(all).not.toContain("换届助手");
  expect(all).not.toContain("公布选民名单");
  expect(all).not.toContain("打印");

  // Once printing is over, the browser's own menu prints every sheet on the screen, still no app.
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  await expect(sheet).not.toHaveAttribute("data-print");
  const menu = (await printedPages(page)).join("\n");
  expect(menu).toContain(first);
  expect(menu).not.toContain("公布选民名单");
});

test("打印 prints a notice on one page, and only that notice", async ({ page, errors }) => {
  await committeeWithDemo(page);
  await page.goto("/stage/notices");
  const sheets = page.locator(".print-sheet");
  await expect(sheets.first()).toBeVisible();
  const notice = sheets.filter({ hasText: "换届选举公告" }).first();
  const title = (await notice.locator(".sheet-title").innerText()).trim();
  const others = await sheets.count();

  await tapPrint(page, notice);
  const pages = await printedPages(page);
  expect(pages).toHaveLength(1);
  expect(pages[0]).toContain(title);
  expect(pages[0]).toContain("幸福里社区选举委员会");
  expect(pages[0]).not.toContain("八个公开");
  if (others > 1) {
    const other = (await sheets.filter({ hasNotText: title }).first().locator(".sheet-title").innerText()).trim();
    expect(pages[0]).not.toContain(other);
  }
});
