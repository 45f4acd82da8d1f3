import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { test, expect, chooseRole, FIXTURES } from "./fixtures";

// @office: twelve communities' result files (one tampered, one sent twice) against the command.
const dir = `${FIXTURES}/results`;
const names = () => readdirSync(dir).filter((n) => n.endsWith(".json")).sort();
const asFile = (name: string, buffer: Buffer) => ({ name, mimeType: "application/json", buffer });

test("@office twelve result files: the tampered one refused, the repeat recognised, totals equal huanjie aggregate", async ({ page, errors }) => {
  const files = names().map((n) => asFile(n, readFileSync(`${dir}/${n}`)));
  expect(files).toHaveLength(12);
  const tampered = asFile("tampered.json", Buffer.from(files[3].buffer.toString("utf8").replace(/"registered_voters":(\d+)/, (_, n) => `"registered_voters":${Number(n) + 100}`)));
  const repeat = asFile("again.json", files[0].buffer);
  const aggregate = JSON.parse(execFileSync("target/debug/huanjie", ["aggregate", ...names().map((n) => `${dir}/${n}`)], { encoding: "utf8" }));

  await page.goto("/");
  await chooseRole(page, "街道·区换届办");
  await page.goto("/stage/exchange");
  await page.getByTestId("office-input").setInputFiles([...files, tampered, repeat] as any);
  const verdicts = page.getByTestId("office-verdicts").locator("li");
  await expect(verdicts).toHaveCount(14);
  await expect(verdicts.filter({ hasText: "已接收：" })).toHaveCount(12);
  await expect(verdicts.filter({ hasText: "tampered.json" })).toContainText("已拒绝");
  await expect(verdicts.filter({ hasText: "again.json" })).toContainText("已经接收过");
  await expect(page.getByTestId("office-held")).toContainText("12");

  await page.reload(); // what was received is kept
  await page.goto("/stage/progress");
  const p = aggregate.progress;
  await expect(page.getByTestId("office-done")).toHaveText(`${p.elected.num}/${p.communities}`);
  await expect(page.getByTestId("office-voters")).toHaveText(String(p.registered_voters));
  await expect(page.getByTestId("office-turnout")).toHaveText(p.turnout.text);
  await expect(page.getByTestId("office-passed")).toHaveText(String(p.candidates.passed));
  await expect(page.getByTestId("office-disq-street")).toHaveText(String(p.candidates.disqualified_street));
  await expect(page.getByTestId("office-disq-district")).toHaveText(String(p.candidates.disqualified_district));

  await expect(page.getByRole("img", { name: "各社区参选率" })).toBeVisible();

  await page.goto("/stage/statistics");
  await expect(page.getByTestId("office-posts")).toContainText(`主任${aggregate.structure.posts.director}`);
  await expect(page.getByTestId("office-streets").locator("tbody tr")).toHaveCount(aggregate.streets.length);
  await expect(page.getByTestId("office-communities").locator("tbody tr")).toHaveCount(aggregate.communities.length);
  await expect(page.getByTestId("office-persons")).toHaveText(String(aggregate.structure.persons));
  await expect(page.getByTestId("office-age")).toHaveText(aggregate.structure.average_age.text);
  await expect(page.getByRole("img", { name: "新一届成员结构" })).toBeVisible();

  await page.goto("/stage/work-report");
  await expect(page.getByTestId("office-paragraph")).toHaveText(aggregate.overall_paragraph);

  // The office prints two decimals, truncated: the paragraph is the command's with the same flags,
  // and the choice holds across a reload and on the other screens.
  const rounding = page.getByTestId("office-rounding");
  await rounding.getByLabel("小数位数").selectOption("保留两位小数");
  await rounding.getByLabel("尾数").selectOption("舍去");
  await expect(page.getByTestId("office-rounding-note")).toHaveText("百分比保留两位小数，尾数舍去");
  const cut = JSON.parse(execFileSync("target/debug/huanjie", ["aggregate", "--decimals", "2", "--truncate", ...names().map((n) => `${dir}/${n}`)], { encoding: "utf8" }));
  await expect(page.getByTestId("office-paragraph")).toHaveText(cut.overall_paragraph);
  expect(cut.overall_paragraph).toContain("（百分比保留两位小数，尾数舍去。）");
  await page.reload();
  await expect(page.getByTestId("office-paragraph")).toHaveText(cut.overall_paragraph);
  await page.goto("/stage/progress");
  const units = (BigInt(p.turnout.num) * 10000n) / BigInt(p.turnout.den);
  await expect(page.getByTestId("office-turnout")).toHaveText(`${units / 100n}.${String(units % 100n).padStart(2, "0")}%`);
});
