import { test, expect, committeeWithDemo } from "./fixtures";

test("the 行事历 lists every legal deadline from the election day and warns about missed ones", async ({ page, errors }) => {
  await committeeWithDemo(page);
  await page.goto("/stage/preparation");
  const calendar = page.getByTestId("calendar");
  // 居委会组织法 2025 art 17: the voter list 20 days before 2026-05-18.
  await expect(calendar.locator("tr", { hasText: "公布选民名单" })).toContainText("2026年4月28日");
  await expect(calendar.locator("tr", { hasText: "公布正式候选人名单" })).toContainText("2026年5月13日");
  await expect(calendar.locator("tr", { hasText: "完成工作移交" })).toContainText("2026年5月28日");
  // The demo never published its voter list, and that day has passed.
  await expect(page.getByTestId("calendar-warnings")).toContainText("已超过法定期限：公布选民名单应在2026年4月28日前完成");
});
