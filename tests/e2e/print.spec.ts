import { test, expect, committeeWithDemo, keepFirstPage, printedPages, tapPrint } from "./fixtures";

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

test("the voting meeting's papers print from the demo's records: script, letter, nomination forms, commitments", async ({ page, errors }) => {
  await committeeWithDemo(page);
  await page.goto("/stage/voting");
  const papers = page.getByTestId("papers");
  // No script before the round is open: it reads the numbers of the round.
  await papers.getByRole("button", { name: "印制主持词" }).click();
  await expect(papers.getByRole("alert")).toContainText("尚未开启");
  await page.getByRole("button", { name: "开始第一轮投票" }).click();
  const registered = (await page.getByTestId("registered").innerText()).trim();

  await papers.getByRole("button", { name: "印制主持词" }).click();
  const script = page.getByTestId("script-sheet");
  await expect(script).toContainText(`登记选民${registered}人`);
  await tapPrint(page, script);
  const printed = (await printedPages(page)).join("").replace(/\s+/g, ""); // lines wrap anywhere on paper
  expect(printed).toContain("举手表决");
  // The validity rule, with the article it comes from.
  expect(printed).toMatch(/参加投票的人数须超过半数（[^）]*第[^）]*条[^）]*）/);
  expect(printed).not.toContain("印制选举材料");
  await keepFirstPage(page, "script");
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));

  await papers.getByRole("button", { name: "印制致选民的一封信" }).click();
  await expect(page.getByTestId("letter-sheet")).toContainText("亲爱的选民朋友");
  await expect(page.getByTestId("letter-sheet")).toContainText("投票地点");
  await keepFirstPage(page, "letter");

  await papers.getByRole("button", { name: "印制候选人推荐表" }).click();
  const forms = page.getByTestId("nomination-forms").locator(".print-sheet");
  expect(await forms.count()).toBeGreaterThan(0);
  await expect(forms.first()).toContainText("推荐职位");
  await expect(forms.first()).not.toContainText(/\d{17}[\dX]/);
  await keepFirstPage(page, "nomination-form");

  await papers.getByRole("button", { name: "印制三项承诺书" }).click();
  const letters = page.getByTestId("commitment-letters").locator(".print-sheet");
  expect(await letters.count()).toBeGreaterThan(0);
  await expect(letters.first().locator("li")).toHaveCount(3);
  await keepFirstPage(page, "commitments");
});
