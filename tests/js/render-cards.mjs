#!/usr/bin/env node
// Render every *.json card under DIR to a PNG in OUTDIR with the official "adaptivecards" library
// (3.0.6, its default host config) in headless Debian Chromium, e.g. for README screenshots.
//
//   node render-cards.mjs DIR OUTDIR [--target-version 1.5] [--width 500]
//
// All cards are rendered in one page (one browser start). PNG names follow the card path:
// DIR/a/b.json -> OUTDIR/a__b.png. Runs in a loopback-only network namespace (see lib/netns.mjs), so
// remote images in cards do not load. Output: one JSON line per card {file, png, rendered, errors};
// exit 0 = all rendered, 1 = some card did not render (see validate-cards.mjs for validation), 2 = usage.
import fs from "node:fs";
import path from "node:path";
import { reexecInLoopbackNetns } from "./lib/netns.mjs";
import { launch } from "./lib/browser.mjs";
import { MAX_VERSION, adaptiveCardsDir, listJsonFiles, readCard } from "./lib/cards.mjs";

const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : def; };
const targetVersion = opt("--target-version", MAX_VERSION);
const width = Number(opt("--width", "500"));
const [dir, outDir] = args;
if (!dir || !outDir || args.length !== 2 || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
  console.error("usage: node render-cards.mjs DIR OUTDIR [--target-version 1.5] [--width 500]");
  process.exit(2);
}
reexecInLoopbackNetns();

fs.mkdirSync(outDir, { recursive: true });
const files = listJsonFiles(dir);
const inputs = files.map((file) => ({ file, ...readCard(path.join(dir, file)) }));

const acDir = adaptiveCardsDir();
const browser = await launch({ width: width + 200, height: 800 });
let failed = 0;
try {
  const { page } = browser;
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head>' +
    '<body style="margin:0;background:#f5f5f5;font-family:\'Segoe UI\',sans-serif"></body></html>');
  await page.addStyleTag({ path: path.join(acDir, "dist", "adaptivecards.css") });
  await page.addScriptTag({ path: path.join(acDir, "dist", "adaptivecards.js") });

  const rendered = await page.evaluate(({ cards, targetVersion, width }) => {
    const AC = window.AdaptiveCards;
    const tv = AC.Version.parse(targetVersion, new AC.SerializationContext());
    // Teams renders a markdown subset in TextBlocks; the library needs a processor for it. A minimal one
    // (bold, italic, line breaks) is enough for screenshots.
    const esc = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
      result.outputHtml = "<p>" + esc(text)
        .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
        .replace(/(^|[^\w])_(.+?)_(?=[^\w]|$)/g, "$1<em>$2</em>")
        .replace(/\r?\n/g, "<br>") + "</p>";
      result.didProcess = true;
    };
    return cards.map((card, i) => {
      const host = document.createElement("div");
      host.id = `card-${i}`;
      host.style.cssText = `width:${width}px;padding:16px;margin:8px;background:#fff`;
      document.body.appendChild(host);
      if (!card) return { rendered: false, error: "not an Adaptive Card" };
      try {
        const ac = new AC.AdaptiveCard();
        ac.parse(card, new AC.SerializationContext(tv));
        const el = ac.render();
        if (!el) return { rendered: false, error: "the library rendered nothing" };
        host.appendChild(el);
        return { rendered: true };
      } catch (e) {
        return { rendered: false, error: String(e && e.message ? e.message : e) };
      }
    });
  }, { cards: inputs.map((c) => c.card ?? null), targetVersion, width });

  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(200); // let data: images decode
  for (const [i, input] of inputs.entries()) {
    const png = path.join(outDir, input.file.replace(/\.json$/i, "").replaceAll("/", "__") + ".png");
    const errors = [];
    if (input.error) errors.push(input.error);
    else if (!rendered[i].rendered) errors.push(`[render] ${rendered[i].error}`);
    if (errors.length) failed++;
    else await page.locator(`#card-${i}`).screenshot({ path: png });
    console.log(JSON.stringify({ file: input.file, png: errors.length ? null : png, rendered: !errors.length, errors }));
  }
  for (const m of pageErrors) { failed++; console.log(JSON.stringify({ file: null, errors: [`[page] ${m}`] })); }
} finally {
  await browser.close();
}
console.error(`render-cards: ${files.length} card(s), ${failed} problem(s); PNGs in ${outDir}`);
process.exitCode = failed ? 1 : 0;
