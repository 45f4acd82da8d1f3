import { test, expect, chooseRole } from "./fixtures";

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysAgo = (n: number) => iso(new Date(Date.now() - n * 86_400_000));

test("@office the complaints ledger puts overdue cases first and keeps every answer", async ({ page, errors }) => {
  await page.goto("/");
  await chooseRole(page, "选委会");
  await page.goto("/stage/complaints");
  const form = page.locator("form.form");
  const log = async (from: string, summary: string, received: string, due: string) => {
    await form.getByLabel("来信来访人").fill(from);
    await form.getByLabel("事由").fill(summary);
    await form.getByLabel("收到日期").fill(received);
    await form.getByLabel("办理期限").fill(due);
    await form.getByLabel("承办人").fill("赵雪梅");
    await form.getByRole("button", { name: "登记" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已登记" })).toBeVisible();
  };
  await log("王大爷", "选民名单漏登了孙子", daysAgo(3), daysAgo(-10));
  await log("李阿姨", "投票站设置太远", daysAgo(20), daysAgo(5));

  const cases = page.getByTestId("complaints").locator("li");
  await expect(cases).toHaveCount(2);
  await expect(cases.first()).toContainText("李阿姨");
  await expect(cases.first()).toContainText("已超期5天");
  await expect(cases.first()).toHaveClass(/overdue/);
  await expect(cases.nth(1)).toContainText("还剩10天");

  await cases.first().getByLabel("答复内容").fill("已在3号楼增设投票站");
  await cases.first().getByRole("button", { name: "答复" }).click();
  await expect(page.getByTestId("complaints")).toContainText("已答复（超期）");
  await page.reload();
  await expect(page.getByTestId("complaints")).toContainText("已在3号楼增设投票站");
  await expect(page.getByTestId("complaints").locator("li.overdue")).toHaveCount(0);
});
