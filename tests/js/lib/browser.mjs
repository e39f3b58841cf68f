// Headless Debian Chromium through playwright-core (which never downloads a browser of its own):
// a fresh profile per launch, and every request to a non-loopback host aborted and recorded.
import { chromium } from "playwright-core";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  // no DNS for anything but localhost, also when running without the loopback-only namespace
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost",
];

function isLoopback(url) {
  if (!/^(https?|wss?):$/.test(url.protocol)) return true; // data:, blob:, about:, file:
  return url.hostname === "localhost" || url.hostname === "[::1]" || /^127\./.test(url.hostname);
}

/** Returns { context, page, blocked, close }; `blocked` lists every non-loopback URL requested. */
export async function launch({ width = 1280, height = 900 } = {}) {
  if (!fs.existsSync(CHROMIUM_PATH))
    throw new Error(`${CHROMIUM_PATH} not found: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kinerjabot-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width, height },
    });
  } catch (e) {
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw e;
  }
  const blocked = [];
  await context.route((url) => !isLoopback(url), (route) => {
    blocked.push(route.request().url());
    return route.abort("blockedbyclient");
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, page, blocked, close };
}
