import type { BrowserContextOptions } from "@playwright/test";

/** The phone every test holds (a mid-range phone, where grid workers use the app): the config's
 * default page and every extra phone of `newPhone` (fixtures.ts) alike. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: "zh-CN",
  timezoneId: "Asia/Shanghai",
  acceptDownloads: true,
};
