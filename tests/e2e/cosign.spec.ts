import { test, expect, chooseRole, committeeWithDemo, importFiles, newPhone } from "./fixtures";
import { Page } from "@playwright/test";
import { readFileSync } from "node:fs";

/** Click a button that saves a file and return the file's bytes. */
async function downloadOf(page: Page, button: string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  return readFileSync((await download.path())!);
}

const asFile = (name: string, buffer: Buffer) => ({ name, mimeType: "application/json", buffer });

/** Import a file that came from a device not accepted here yet, and accept it. */
async function importAndAccept(page: Page, name: string, file: Buffer, kind: string) {
  await page.goto("/stage/exchange");
  expect(await importFiles(page, [asFile(name, file)])).toContain("尚未确认的设备");
  await page.getByRole("button", { name: "核对无误，接受" }).click();
  await expect(page.locator(".verdict").first()).toContainText(`已导入${kind}`);
}

test("@voting a signer co-signs the 计票结果报告单 on their own phone after it recounts the committee's records", async ({ browser, page, errors }) => {
  test.setTimeout(5 * 60_000);
  // The committee's phone: a small round, counted and signed.
  await committeeWithDemo(page);
  await page.goto("/stage/voting");
  await page.getByRole("button", { name: "开始第一轮投票" }).click();
  const signIn = page.getByTestId("checkin-list").getByRole("button", { name: "签到" });
  for (let n = 1; n <= 3; n++) {
    await signIn.first().click();
    await expect(page.getByTestId("voted")).toHaveText(String(n));
  }
  await page.goto("/stage/count");
  for (let n = 1; n <= 3; n++) {
    await page.getByTestId("post-director").locator("button.cand").first().click();
    await page.getByRole("button", { name: "下一张（保存）" }).click();
    await expect(page.getByTestId("ballot-count")).toHaveText(`已录入 ${n} 张，其中废票 0 张`);
  }
  await page.goto("/stage/announcement");
  const round = page.locator("section.result").first();
  await round.getByLabel("总监票人").fill("赵雪梅");
  await round.getByLabel("计票人").fill("孙志刚");
  await round.getByLabel("主持人").fill("刘国庆");
  await round.getByRole("button", { name: "签字确认结果" }).click();
  await expect(round.getByRole("status").filter({ hasText: "计票结果报告单已于" })).toBeVisible();
  // Signed here: nobody co-signs on this phone.
  await expect(round.getByTestId("co-sign")).toHaveCount(0);
  await expect(round.getByTestId("result-sheet")).not.toContainText("本人设备已签名");
  await page.goto("/stage/handover");
  const archive = await downloadOf(page, "生成归档文件");

  // The host's own phone, empty: the committee's archive brings the whole election, every
  // device's records under that device's own signature; the phone recounts and signs.
  const host = await newPhone(browser, errors);
  await host.goto("/");
  await chooseRole(host, "选委会");
  await importAndAccept(host, "archive.json", archive, "归档数据");
  await host.goto("/");
  await expect(host.getByTestId("voter-count")).toHaveText("302");
  await host.goto("/stage/announcement");
  const hostRound = host.locator("section.result").first();
  const coSign = hostRound.getByTestId("co-sign");
  await expect(coSign).toContainText("在本人手机上签名");
  await coSign.getByLabel("签名人").selectOption({ label: "主持人：刘国庆" });
  await coSign.getByRole("button", { name: "核对并签名" }).click();
  await expect(hostRound.getByRole("status").filter({ hasText: "已在本机签名" })).toBeVisible();
  await expect(hostRound.getByTestId("result-sheet")).toContainText("主持人：刘国庆（本人设备已签名");
  await expect(hostRound.getByTestId("result-sheet")).not.toContainText("计票人：孙志刚（本人设备已签名");
  // Once is enough.
  await coSign.getByLabel("签名人").selectOption({ label: "主持人：刘国庆" });
  await coSign.getByRole("button", { name: "核对并签名" }).click();
  await expect(hostRound.getByRole("alert")).toContainText("已经在本机签过名");
  await host.goto("/stage/exchange");
  const hostRecords = await downloadOf(host, "导出采集数据");

  // Back at the committee: the co-signature arrives with the host's records.
  await importAndAccept(page, "host-field.json", hostRecords, "采集数据");
  await page.goto("/stage/announcement");
  await expect(page.locator("section.result").first().getByTestId("result-sheet")).toContainText("主持人：刘国庆（本人设备已签名");
  await host.context().close();
});
