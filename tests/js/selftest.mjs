#!/usr/bin/env node
// Self-test of the tools in this directory on the fixtures here and the stand-in bot in selftest/.
//   node selftest.mjs [--quick]      (--quick: without Chromium, i.e. no render-cards and no Playground)
// Prints "ok"/"FAIL" per check and finally "N passed, N failed"; exit 1 on any failure.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes("--quick");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kinerjabot-js-selftest-"));
let passed = 0;
let failed = 0;

function run(args) {
  const r = spawnSync(process.execPath, args, { cwd: HERE, encoding: "utf8", maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout ?? "", err: r.stderr ?? "" };
}
function check(name, ok, detail = "") {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail ? `\n${detail}` : ""}`); }
}
const lines = (out) => out.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));

// PNG of the given size (grey), for the manifest icon checks.
function png(file, w, h) {
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 0; // 8-bit greyscale
  const raw = Buffer.alloc((w + 1) * h, 0x80);
  for (let y = 0; y < h; y++) raw[y * (w + 1)] = 0; // filter byte per row
  fs.writeFileSync(file, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]));
}

try {
  // --- validate-cards ---
  let r = run(["validate-cards.mjs", "fixtures/cards/good"]);
  check("validate-cards: good cards pass (exit 0, no errors)", r.code === 0 && lines(r.out).every((c) => c.errors.length === 0), r.out + r.err);
  r = run(["validate-cards.mjs", "fixtures/cards/bad"]);
  const bad = r.code === 1 ? lines(r.out) : [];
  check("validate-cards: bad cards fail (exit 1), every one with an error", r.code === 1 && bad.length >= 9 && bad.every((c) => c.errors.length > 0), r.out + r.err);
  const expect = { "version-1.6.json": "newer than 1.5", "no-version.json": '"version" is missing', "missing-verb.json": 'has no "verb"',
    "unknown-element.json": "UnknownElementType", "too-big.json": "serialized size", "truncated.json": "[json]", "not-a-card.json": "[attachment]" };
  for (const [file, text] of Object.entries(expect))
    check(`validate-cards: ${file} reports ${text}`, bad.find((c) => c.file === file)?.errors.some((e) => e.includes(text)), JSON.stringify(bad.find((c) => c.file === file)));
  check("validate-cards: usage error exits 2", run(["validate-cards.mjs", "does-not-exist"]).code === 2);

  // speed and determinism: 500 cards, twice
  const many = path.join(tmp, "many");
  fs.mkdirSync(many);
  const good = fs.readFileSync(path.join(HERE, "fixtures/cards/good/welcome.json"));
  for (let i = 0; i < 500; i++) fs.writeFileSync(path.join(many, `card-${String(i).padStart(3, "0")}.json`), good);
  const t0 = Date.now();
  const a = run(["validate-cards.mjs", many]);
  const ms = Date.now() - t0;
  const b = run(["validate-cards.mjs", many]);
  check(`validate-cards: 500 cards in ${ms} ms (< 10 s), identical output twice`, a.code === 0 && ms < 10000 && a.out === b.out && lines(a.out).length === 500);

  // --- validate-manifest ---
  r = run(["validate-manifest.mjs", "fixtures/manifests/valid-1.19.json"]);
  check("validate-manifest: valid 1.19 manifest (exit 0)", r.code === 0 && r.out.includes("VALID:"), r.out + r.err);
  r = run(["validate-manifest.mjs", "fixtures/manifests/invalid.json"]);
  check("validate-manifest: invalid manifest (exit 1, 6 problems)", r.code === 1 && r.out.includes("(6 problem(s))"), r.out + r.err);
  const mdir = path.join(tmp, "manifest");
  fs.mkdirSync(mdir);
  fs.copyFileSync(path.join(HERE, "fixtures/manifests/valid-1.19.json"), path.join(mdir, "manifest.json"));
  png(path.join(mdir, "color.png"), 192, 192);
  png(path.join(mdir, "outline.png"), 32, 32);
  r = run(["validate-manifest.mjs", path.join(mdir, "manifest.json")]);
  check("validate-manifest: icons 192x192 and 32x32 accepted", r.code === 0 && !r.out.includes("WARNING"), r.out + r.err);
  png(path.join(mdir, "outline.png"), 64, 64);
  r = run(["validate-manifest.mjs", path.join(mdir, "manifest.json")]);
  check("validate-manifest: 64x64 outline icon rejected", r.code === 1 && r.out.includes("is 64x64, must be 32x32"), r.out + r.err);

  // the repository's own Teams app package files (manifest/), placeholders filled with sample GUIDs
  const repoManifest = path.join(HERE, "..", "..", "manifest");
  if (fs.existsSync(path.join(repoManifest, "manifest.json"))) {
    const pkg = path.join(tmp, "package");
    fs.mkdirSync(pkg);
    for (const f of fs.readdirSync(repoManifest)) {
      const bytes = fs.readFileSync(path.join(repoManifest, f));
      fs.writeFileSync(path.join(pkg, f), f.endsWith(".json")
        ? bytes.toString("utf8").replaceAll("${{TEAMS_APP_ID}}", "6f1c2a53-0b7e-4d8a-9a51-3c2f7e0d9b14").replaceAll("${{BOT_ID}}", "a3e5d7c9-1b2f-4e6a-8c0d-2f4b6d8e0a1c")
        : bytes);
    }
    r = run(["validate-manifest.mjs", path.join(pkg, "manifest.json")]);
    check("validate-manifest: the repository's manifest/ (schema, icons, localization) is valid", r.code === 0 && !r.out.includes("WARNING"), r.out + r.err);
    const lang = JSON.parse(fs.readFileSync(path.join(pkg, "manifest.json"), "utf8")).localizationInfo?.additionalLanguages?.[0]?.file;
    if (lang) {
      const strings = JSON.parse(fs.readFileSync(path.join(pkg, lang), "utf8"));
      strings["bots[0].commandLists[0].commands[11].title"] = "x";
      fs.writeFileSync(path.join(pkg, lang), JSON.stringify(strings));
      r = run(["validate-manifest.mjs", path.join(pkg, "manifest.json")]);
      check("validate-manifest: a localization key the manifest does not have is rejected", r.code === 1 && r.out.includes("translates nothing"), r.out + r.err);
    }
  }

  if (!quick) {
    // --- render-cards (Chromium) ---
    r = run(["render-cards.mjs", "fixtures/cards/good", path.join(tmp, "png")]);
    const pngs = fs.existsSync(path.join(tmp, "png")) ? fs.readdirSync(path.join(tmp, "png")) : [];
    check("render-cards: good cards rendered to PNG", r.code === 0 && pngs.length === 2, r.out + r.err);

    // --- playground-e2e against the stand-in bot, every step type ---
    r = run(["playground-e2e.mjs", "--bot-cmd", `"${process.execPath}" tests/js/selftest/stub-bot.mjs`,
      "--scenario", "selftest/stub-bot.scenario.mjs", "--playground-config", "default", "--out", path.join(tmp, "playground")]);
    check("playground-e2e: stand-in bot scenario passes", r.code === 0 && /\n9 passed, 0 failed\n?$/.test(r.out), r.out + r.err);
    r = run(["playground-e2e.mjs", "--bot-cmd", `"${process.execPath}" tests/js/selftest/stub-bot.mjs`,
      "--scenario", "selftest/failing.scenario.mjs", "--playground-config", "default", "--out", path.join(tmp, "playground-failing")]);
    check("playground-e2e: a failing step is reported (exit 1, \"2 passed, 1 failed\")", r.code === 1 && /\n2 passed, 1 failed\n?$/.test(r.out), r.out + r.err);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
