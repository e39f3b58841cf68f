#!/usr/bin/env node
// End-to-end test of the bot in the real Microsoft 365 Agents Playground (its Teams emulation, web UI
// driven in headless Debian Chromium through playwright-core), offline.
//
//   node tests/js/playground-e2e.mjs [--bot-cmd "SHELL COMMAND"] [--scenario FILE] [--out DIR]
//        [--bot-endpoint http://127.0.0.1:3978/api/messages] [--port 56150] [--bot-timeout 90]
//        [--timeout 600] [--playground-config FILE|default]
//
// --bot-cmd      shell command that starts the bot, run from the repository root. Default:
//                "dotnet run --no-build --no-launch-profile --project src/KinerjaBot" (Debug build; pass
//                "-c Release" after a Release build). The bot gets ASPNETCORE_URLS (from --bot-endpoint)
//                and ASPNETCORE_ENVIRONMENT=Development unless they are already set.
// --scenario     ESM module (default export) or JSON file: {name, steps:[...]} or just [...steps]. Default:
//                tests/js/playground-scenario.mjs. Step fields, see README.md in this directory:
//                  action (at most one): say | click (+ fill/choose) | fill | choose | mock | post | wait
//                  checks: expectText | expectCard | expectLog, timeout (ms, default 20000), name
// --playground-config  mock Teams context (users, tenant, team) for the Playground. Default: the
//                repository's .m365agentsplayground.yml if present; "default": the Playground's own.
// --out          screenshots (NN-step.png, one per step, *-FAIL.png on failure) and logs (bot.log,
//                playground.log, browser-console.log, blocked-requests.txt, results.json).
//                Default: artifacts/playground under the repository root.
//
// Re-runs itself in a network namespace with only loopback (lib/netns.mjs): the bot, the Playground
// and Chromium cannot reach anything else, and ports never clash with other processes on the machine.
// The Playground runs with --disable-telemetry, APPLICATION_INSIGHTS_NO_STATSBEAT=true and
// TEAMSAPPTESTER_BROWSER=none. Prints PASS/FAIL per step and finally "N passed, N failed";
// exit 0 = all passed, 1 = a step failed, 2 = bad usage, 3 = no network namespace.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { launch } from "./lib/browser.mjs";
import { reexecInLoopbackNetns } from "./lib/netns.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "..", "..");
const require = createRequire(import.meta.url);

// ---------- options ----------
const argv = process.argv.slice(2);
const KNOWN = ["--bot-cmd", "--scenario", "--out", "--bot-endpoint", "--port", "--bot-timeout", "--timeout", "--playground-config"];
const opts = {};
for (let i = 0; i < argv.length; i += 2) {
  if (!KNOWN.includes(argv[i]) || argv[i + 1] === undefined) {
    console.error(`unknown or incomplete option ${argv[i]}\nusage: node playground-e2e.mjs ${KNOWN.map((k) => `[${k} ...]`).join(" ")}`);
    process.exit(2);
  }
  opts[argv[i].slice(2)] = argv[i + 1];
}
const BOT_CMD = opts["bot-cmd"] ?? "dotnet run --no-build --no-launch-profile --project src/KinerjaBot";
const SCENARIO = path.resolve(opts.scenario ?? path.join(HERE, "playground-scenario.mjs"));
const OUT = path.resolve(opts.out ?? path.join(REPO, "artifacts", "playground"));
const BOT = new URL(opts["bot-endpoint"] ?? "http://127.0.0.1:3978/api/messages");
const PG_PORT = Number(opts.port ?? 56150);
const BOT_TIMEOUT_MS = Number(opts["bot-timeout"] ?? 90) * 1000;
const TOTAL_TIMEOUT_MS = Number(opts.timeout ?? 600) * 1000;
const UI = `http://localhost:${PG_PORT}/`;
const DEFAULT_STEP_TIMEOUT = 20000;

async function loadScenario(file) {
  if (!fs.existsSync(file)) throw new Error(`scenario ${file} not found`);
  const loaded = file.endsWith(".json")
    ? JSON.parse(fs.readFileSync(file, "utf8"))
    : (await import(pathToFileURL(file).href)).default;
  const scenario = Array.isArray(loaded) ? { steps: loaded } : loaded;
  if (!scenario || !Array.isArray(scenario.steps)) throw new Error(`scenario ${file}: expected {steps: [...]} or an array of steps`);
  const actions = ["say", "click", "fill", "choose", "mock", "post", "wait"];
  const checks = ["expectText", "expectCard", "expectLog"];
  const known = new Set([...actions, ...checks, "name", "timeout", "body"]);
  scenario.steps.forEach((s, i) => {
    const bad = Object.keys(s).filter((k) => !known.has(k));
    if (bad.length) throw new Error(`scenario step ${i + 1}: unknown field(s) ${bad.join(", ")}`);
    const acts = actions.filter((a) => a in s && !((a === "fill" || a === "choose") && ("click" in s || a === "choose" && "fill" in s)));
    if (acts.length > 1) throw new Error(`scenario step ${i + 1}: more than one action (${acts.join(", ")})`);
    if (!acts.length && !checks.some((c) => c in s)) throw new Error(`scenario step ${i + 1}: neither an action nor a check`);
  });
  return scenario;
}

let scenario;
try { scenario = await loadScenario(SCENARIO); }
catch (e) { console.error(e.message); process.exit(2); }

reexecInLoopbackNetns();

// ---------- helpers ----------
fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 50) || "step";
/** string -> literal (case-sensitive substring), RegExp or {regex, flags} -> pattern; as {source, flags} */
function pattern(p) {
  if (p instanceof RegExp) return { source: p.source, flags: p.flags };
  if (p && typeof p === "object" && typeof p.regex === "string") return { source: p.regex, flags: p.flags ?? "" };
  if (typeof p === "string") return { source: p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), flags: "" };
  throw new Error(`cannot match on ${JSON.stringify(p)}: use a string, a RegExp or {regex, flags}`);
}
const show = (p) => (p instanceof RegExp ? String(p) : JSON.stringify(p));

const children = [];
const env = {
  ...process.env,
  TEAMSAPPTESTER_BROWSER: "none",            // the Playground must not try to open a desktop browser
  APPLICATION_INSIGHTS_NO_STATSBEAT: "true", // its AppInsights SDK is set up even with --disable-telemetry
  M365_AGENTS_PLAYGROUND_LOGFILE: path.join(OUT, "playground-server.log"),
  DOTNET_CLI_TELEMETRY_OPTOUT: "1",
  DOTNET_NOLOGO: "1",
  DOTNET_SKIP_FIRST_TIME_EXPERIENCE: "1",
};
// mock users/tenant/team: --playground-config FILE, or "default" for the Playground's built-in ones;
// else $M365_AGENTS_PLAYGROUND_CONFIG_PATH, else the repository's .m365agentsplayground.yml if there is one
const repoPlaygroundConfig = path.join(REPO, ".m365agentsplayground.yml");
if (opts["playground-config"] === "default") delete env.M365_AGENTS_PLAYGROUND_CONFIG_PATH;
else if (opts["playground-config"]) env.M365_AGENTS_PLAYGROUND_CONFIG_PATH = path.resolve(opts["playground-config"]);
else if (!env.M365_AGENTS_PLAYGROUND_CONFIG_PATH && fs.existsSync(repoPlaygroundConfig))
  env.M365_AGENTS_PLAYGROUND_CONFIG_PATH = repoPlaygroundConfig;

function start(name, cmd, args, { cwd, extraEnv = {} } = {}) {
  const fd = fs.openSync(path.join(OUT, `${name}.log`), "w");
  const child = spawn(cmd, args, { cwd, env: { ...env, ...extraEnv }, stdio: ["ignore", fd, fd], detached: true });
  fs.closeSync(fd);
  child.exited = new Promise((r) => child.on("exit", (code, signal) => r({ code, signal })));
  child.on("error", (e) => fs.appendFileSync(path.join(OUT, `${name}.log`), `\n[harness] cannot start: ${e.message}\n`));
  children.push(child);
  return child;
}
async function stopAll() {
  for (const c of children) { try { process.kill(-c.pid, "SIGTERM"); } catch { /* gone */ } }
  const deadline = sleep(5000).then(() => "timeout");
  for (const c of children) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    if ((await Promise.race([c.exited, deadline])) === "timeout") { try { process.kill(-c.pid, "SIGKILL"); } catch { /* gone */ } }
  }
}
const tail = (file, n = 25) => {
  try { return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-n).map((l) => `    | ${l}`).join("\n"); }
  catch { return "    | (no output)"; }
};
function tcpOpen(host, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 1000 }, () => { s.destroy(); resolve(true); });
    s.on("error", () => resolve(false));
    s.on("timeout", () => { s.destroy(); resolve(false); });
  });
}
async function waitFor(what, cond, ms, child) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(250)) {
    if (await cond()) return;
    if (child && (child.exitCode !== null || child.signalCode !== null))
      throw new Error(`${what}: the process exited (${child.exitCode ?? child.signalCode}) before it was ready`);
  }
  throw new Error(`${what}: not ready after ${ms / 1000} s`);
}

// ---------- run ----------
const results = [];
let browser;
const watchdog = setTimeout(async () => {
  console.log(`FAIL harness: overall timeout of ${TOTAL_TIMEOUT_MS / 1000} s exceeded`);
  if (browser) await browser.close().catch(() => {});
  await stopAll();
  console.log(`${results.filter((r) => r.status === "PASS").length} passed, ${results.filter((r) => r.status === "FAIL").length + 1} failed`);
  process.exit(1);
}, TOTAL_TIMEOUT_MS);
watchdog.unref();

console.log(`scenario: ${path.relative(process.cwd(), SCENARIO) || SCENARIO}${scenario.name ? ` (${scenario.name})` : ""}, ${scenario.steps.length} step(s)`);
console.log(`bot: ${BOT_CMD}  ->  ${BOT.href}; Playground ${require("@microsoft/m365agentsplayground/package.json").version} on ${UI}; out: ${OUT}`);

try {
  const t0 = Date.now();
  const botPort = Number(BOT.port || (BOT.protocol === "https:" ? 443 : 80));
  const bot = start("bot", "sh", ["-c", BOT_CMD], {
    cwd: REPO,
    extraEnv: {
      ASPNETCORE_URLS: process.env.ASPNETCORE_URLS ?? `${BOT.protocol}//${BOT.hostname}:${botPort}`,
      ASPNETCORE_ENVIRONMENT: process.env.ASPNETCORE_ENVIRONMENT ?? "Development",
      BOT_PORT: String(botPort),
    },
  });
  const playground = start("playground", process.execPath, [
    require.resolve("@microsoft/m365agentsplayground/cli.js"), "start",
    "-e", BOT.href, "-c", "msteams", "-p", String(PG_PORT), "--disable-telemetry",
  ], { cwd: OUT });
  try {
    await waitFor(`bot on ${BOT.host}`, () => tcpOpen(BOT.hostname, botPort), BOT_TIMEOUT_MS, bot);
  } catch (e) { throw new Error(`${e.message}\n  bot.log (last lines):\n${tail(path.join(OUT, "bot.log"))}`); }
  console.log(`bot listening after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  try {
    await waitFor(`Playground on ${UI}`, () => fetch(UI).then((r) => r.ok, () => false), 60000, playground);
    // it reads its config (.m365agentsplayground.yml) only once it listens, and exits if that is invalid
    await sleep(1000);
    if (playground.exitCode !== null || playground.signalCode !== null)
      throw new Error(`Playground on ${UI}: the process exited (${playground.exitCode ?? playground.signalCode}) after it started`);
  } catch (e) {
    // the Playground's own reasons (e.g. an invalid .m365agentsplayground.yml) go to its log file
    const reasons = fs.existsSync(env.M365_AGENTS_PLAYGROUND_LOGFILE)
      ? fs.readFileSync(env.M365_AGENTS_PLAYGROUND_LOGFILE, "utf8").split("\n").filter((l) => l.startsWith("error ")).map((l) => `    | ${l}`).join("\n")
      : "";
    throw new Error(`${e.message}\n  playground.log (last lines):\n${tail(path.join(OUT, "playground.log"))}` +
      (reasons ? `\n  playground-server.log (errors):\n${reasons}` : "") +
      (env.M365_AGENTS_PLAYGROUND_CONFIG_PATH ? `\n  config: ${env.M365_AGENTS_PLAYGROUND_CONFIG_PATH}` : ""));
  }

  browser = await launch({ width: 1280, height: 900 });
  const { page } = browser;
  page.on("console", (m) => fs.appendFileSync(path.join(OUT, "browser-console.log"), `${m.type()} ${m.text()}\n`));
  page.on("pageerror", (e) => fs.appendFileSync(path.join(OUT, "browser-console.log"), `pageerror ${e.message}\n`));

  // Bot output (text bubbles and cards) is rendered in .fai-OutputCard elements; cards inside them as
  // .ac-adaptiveCard. The same texts also show in the chat list preview and the log panel, so checks are
  // scoped to these. "New" output is told apart by a multiset of texts taken before each action, which
  // also counts a card replaced in place (after an Action.Execute) and survives React re-mounting nodes.
  const snapshot = () => page.evaluate(() => {
    const count = (els) => { const m = {}; for (const el of els) { const t = el.innerText.trim(); m[t] = (m[t] ?? 0) + 1; } return m; };
    window.__e2eSeen = {
      text: count(document.querySelectorAll(".fai-OutputCard")),
      card: count(document.querySelectorAll(".fai-OutputCard .ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)")),
    };
  });
  const waitForOutput = (kind, p, timeout) => page.waitForFunction(({ kind, p }) => {
    const re = new RegExp(p.source, p.flags);
    const seen = (window.__e2eSeen ?? { text: {}, card: {} })[kind];
    const sel = kind === "card" ? ".fai-OutputCard .ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)" : ".fai-OutputCard";
    const now = {};
    for (const el of document.querySelectorAll(sel)) {
      const t = el.innerText.trim();
      now[t] = (now[t] ?? 0) + 1;
      if (now[t] > (seen[t] ?? 0) && re.test(t)) return true;
    }
    return false;
  }, { kind, p }, { timeout, polling: 200 });
  // the Playground's log panel has one span per call, e.g. "conversationUpdate 200", "invoke 200"
  const logCount = (p) => page.evaluate((p) => {
    const re = new RegExp(p.source, p.flags);
    return [...document.querySelectorAll("span")].filter((s) => s.children.length === 0 && re.test(s.textContent.trim())).length;
  }, p);
  const waitForLog = async (p, before, timeout) => {
    for (const end = Date.now() + timeout; Date.now() < end; await sleep(200)) if ((await logCount(p)) > before) return;
    throw new Error(`timeout ${timeout} ms: the Playground log panel shows no new entry matching ${p.flags ? `/${p.source}/${p.flags}` : p.source}`);
  };
  const botOutput = page.locator(".fai-OutputCard");
  const chatBox = page.locator('[data-lexical-editor="true"][role="textbox"]');
  const choose = async (key, choice, timeout) => {
    const card = botOutput.last();
    const pick = async (options, what) => {
      const texts = await options.evaluateAll((els) => els.map((e) => [e.value ?? "", (e.getAttribute("aria-label") ?? e.labels?.[0]?.textContent ?? e.textContent).trim()]));
      const i = texts.findIndex(([v, t]) => v === choice || t.includes(choice));
      if (i < 0) throw new Error(`${what} ${key} has no choice ${choice} (${texts.map(([, t]) => t).join(", ")})`);
      return options.nth(i);
    };
    // expanded: radio buttons named after the input id (adaptivecards' own renderer)
    const radios = card.locator(`input[type="radio"][name="${key.replace(/"/g, '\\"')}"]`);
    if (await radios.count()) return (await pick(radios, "radio group")).check({ timeout, force: true });
    // compact in the Playground: a Fluent UI combobox named by the input's label; its options open in a popup
    const combo = card.getByRole("combobox", { name: key });
    if (await combo.count()) {
      await combo.last().click({ timeout });
      const listbox = page.getByRole("listbox").last();
      await listbox.waitFor({ timeout });
      return (await pick(listbox.getByRole("option"), "combobox")).click({ timeout });
    }
    // expanded in the Playground: a radio group named by the label
    const group = card.getByRole("radiogroup", { name: key });
    if (await group.count()) return (await pick(group.last().getByRole("radio"), "radio group")).check({ timeout, force: true });
    // compact in adaptivecards' own renderer: a <select>
    const select = card.getByLabel(key, { exact: true }).last();
    const options = select.locator("option");
    const match = await pick(options, "select");
    return select.selectOption(await match.getAttribute("value"), { timeout });
  };


  let n = 0;
  const step = async (name, fn) => {
    n++;
    const file = `${String(n).padStart(2, "0")}-${slug(name)}`;
    const began = Date.now();
    try {
      await fn();
      await page.screenshot({ path: path.join(OUT, `${file}.png`) }).catch(() => {});
      results.push({ status: "PASS", name, ms: Date.now() - began, screenshot: `${file}.png` });
      console.log(`PASS ${name} (${((Date.now() - began) / 1000).toFixed(1)} s)`);
    } catch (e) {
      await page.screenshot({ path: path.join(OUT, `${file}-FAIL.png`) }).catch(() => {});
      // the latest bot message as rendered, to see why a locator did not match
      const html = await botOutput.last().evaluate((e) => e.outerHTML, { timeout: 2000 }).catch(() => "");
      if (html) fs.writeFileSync(path.join(OUT, `${file}-FAIL.html`), html);
      const message = e.message.split("\n")[0];
      results.push({ status: "FAIL", name, ms: Date.now() - began, screenshot: `${file}-FAIL.png`, error: message });
      console.log(`FAIL ${name}: ${message}`);
    }
  };

  let connected = false;
  await step("Playground UI loads, connects, and the bot answers installationUpdate + conversationUpdate", async () => {
    await page.goto(UI);
    await page.getByText("Connected.", { exact: true }).waitFor({ timeout: 30000 });
    connected = true;
    for (const type of ["installationUpdate", "conversationUpdate"]) {
      const ok = { source: `^${type} 2\\d\\d$`, flags: "" };
      await waitForLog(ok, 0, DEFAULT_STEP_TIMEOUT).catch(async () => {
        const any = await page.evaluate((t) => [...document.querySelectorAll("span")].map((s) => s.textContent.trim()).filter((x) => x.startsWith(t + " ")), type);
        throw new Error(`the bot did not answer ${type} with 2xx (log panel: ${any.join(", ") || "no call"})`);
      });
    }
  });

  for (const [i, s] of scenario.steps.entries()) {
    if (!connected) { // nothing can work; do not wait for every step's timeout
      const name = s.name ?? `step ${i + 1}`;
      results.push({ status: "FAIL", name, ms: 0, error: "not run: the Playground UI did not connect" });
      console.log(`FAIL ${name}: not run, the Playground UI did not connect`);
      continue;
    }
    const timeout = s.timeout ?? DEFAULT_STEP_TIMEOUT;
    const describe = [
      s.say !== undefined && `say ${JSON.stringify(s.say)}`,
      s.fill && `fill ${JSON.stringify(s.fill)}`,
      s.choose && `choose ${JSON.stringify(s.choose)}`,
      s.click && `click "${s.click}"`,
      s.mock && `mock "${s.mock}"`,
      s.post && `POST ${s.post}`,
      s.wait && `wait ${s.wait} ms`,
      s.expectText !== undefined && `expect text ${show(s.expectText)}`,
      s.expectCard !== undefined && `expect card with ${show(s.expectCard)}`,
      s.expectLog !== undefined && `expect log ${show(s.expectLog)}`,
    ].filter(Boolean).join(", ");
    await step(s.name ? `${s.name} [${describe}]` : `step ${i + 1}: ${describe}`, async () => {
      const hasAction = ["say", "click", "fill", "choose", "mock", "post", "wait"].some((a) => a in s);
      // checks see output that appeared since this step's action (or, for a step without an action,
      // since the previous action; for the first steps: since the page loaded)
      if (hasAction) await snapshot();
      const logP = s.expectLog !== undefined ? pattern(s.expectLog) : undefined;
      const logBefore = logP ? (hasAction ? await logCount(logP) : 0) : 0;

      if (s.fill) {
        for (const [label, value] of Object.entries(s.fill)) {
          // a required input's accessible name also carries the required marker, hence the inexact retry
          const exact = botOutput.getByLabel(label, { exact: true });
          const inexact = botOutput.getByLabel(label);
          const input = (await exact.count()) ? exact.last()
            : (await inexact.count()) ? inexact.last() : botOutput.getByPlaceholder(label, { exact: true }).last();
          await input.fill(String(value), { timeout });
        }
      }
      if (s.choose) {
        // A choice set, by its input id (the card's Input.ChoiceSet id, which the renderer uses as the
        // radio group's name) or its label; the choice by its title (substring) or value.
        for (const [key, choice] of Object.entries(s.choose)) await choose(key, String(choice), timeout);
      }
      if (s.say !== undefined) {
        await chatBox.click({ timeout });
        await page.keyboard.type(String(s.say));
        await page.keyboard.press("Enter");
      }
      if (s.click) await botOutput.getByRole("button", { name: s.click, exact: true }).last().click({ timeout });
      if (s.mock) {
        await page.getByRole("button", { name: "Mock an Activity" }).click({ timeout });
        const exact = new RegExp(`^${pattern(s.mock).source}$`);
        await page.getByRole("menuitem").filter({ hasText: exact }).click({ timeout });
        await page.locator('[role="dialog"] .monaco-editor').waitFor({ timeout });
        await sleep(1000); // the dialog's JSON editor fills in asynchronously
        await page.getByRole("button", { name: "Send activity" }).click({ timeout });
      }
      if (s.post) {
        const r = await fetch(new URL(s.post, BOT), {
          method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(s.body ?? {}),
        });
        if (!r.ok) throw new Error(`POST ${s.post} -> ${r.status} ${(await r.text()).slice(0, 200)}`);
      }
      if (s.wait) await sleep(s.wait);

      const checks = [];
      if (s.expectText !== undefined) checks.push(waitForOutput("text", pattern(s.expectText), timeout)
        .catch(() => { throw new Error(`timeout ${timeout} ms: no new bot message containing ${show(s.expectText)}`); }));
      if (s.expectCard !== undefined) checks.push(waitForOutput("card", pattern(s.expectCard), timeout)
        .catch(() => { throw new Error(`timeout ${timeout} ms: no new Adaptive Card containing ${show(s.expectCard)}`); }));
      if (logP) checks.push(waitForLog(logP, logBefore, timeout));
      await Promise.all(checks);
      if (s.mock) await page.keyboard.press("Escape").catch(() => {}); // close the dialog if it stayed open
    });
  }
  fs.writeFileSync(path.join(OUT, "blocked-requests.txt"), browser.blocked.join("\n") + (browser.blocked.length ? "\n" : ""));
  if (browser.blocked.length) console.log(`note: ${browser.blocked.length} browser request(s) to non-loopback hosts were blocked (blocked-requests.txt)`);
} catch (e) {
  results.push({ status: "FAIL", name: "harness", error: e.message });
  console.log(`FAIL harness: ${e.message}`);
} finally {
  if (browser) await browser.close().catch(() => {});
  await stopAll();
}
const passed = results.filter((r) => r.status === "PASS").length;
const failed = results.length - passed;
fs.writeFileSync(path.join(OUT, "results.json"), JSON.stringify({ scenario: SCENARIO, passed, failed, steps: results }, null, 2) + "\n");
console.log(`screenshots and logs: ${OUT}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
