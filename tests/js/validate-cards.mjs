#!/usr/bin/env node
// Validate every *.json under DIR as an Adaptive Card for Teams.
//
//   node validate-cards.mjs DIR [--target-version 1.5]
//
// Each file is either an Adaptive Card or an attachment {contentType, content}. Checks:
//   * the official "adaptivecards" library (3.0.6): AdaptiveCard.parse with a SerializationContext whose
//     targetVersion is 1.5 (elements/actions newer than that count as unknown), then validateProperties();
//     library events are errors except Hint/Deprecated/RequiredInputsShouldHave* (warnings);
//   * our own: "type" is AdaptiveCard, "version" present and <= 1.5, every Action.Execute has a "verb",
//     every Image has a "url", serialized size < 80 KB.
// Parsing and validation need no DOM (only rendering does), so this runs in plain node: hundreds of
// cards take well under a second. The library is loaded from the same UMD bundle that a browser uses.
//
// Output: one JSON line per file on stdout, sorted by path: {"file","errors":[...],"warnings":[...]};
// a summary on stderr. Exit 0 = no errors, 1 = some card has errors, 2 = bad usage.
import path from "node:path";
import fs from "node:fs";
import { createRequire } from "node:module";
import { MAX_VERSION, WARNING_EVENTS, adaptiveCardsDir, libraryChecks, listJsonFiles, ownChecks, readCard } from "./lib/cards.mjs";

const args = process.argv.slice(2);
const tvAt = args.indexOf("--target-version");
const targetVersion = tvAt >= 0 ? args.splice(tvAt, 2)[1] : MAX_VERSION;
const [dir] = args;
if (!dir || args.length !== 1 || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
  console.error("usage: node validate-cards.mjs DIR [--target-version 1.5]   (DIR: a directory of *.json cards)");
  process.exit(2);
}

const require = createRequire(import.meta.url);
const AC = require(path.join(adaptiveCardsDir(), "dist", "adaptivecards.js"));
const warningEvents = [...WARNING_EVENTS];

let failed = 0;
const files = listJsonFiles(dir);
for (const file of files) {
  const { card, error } = readCard(path.join(dir, file));
  const errors = [];
  const warnings = [];
  if (error) errors.push(error);
  else {
    const lib = libraryChecks(AC, card, targetVersion, warningEvents);
    const own = ownChecks(card);
    errors.push(...lib.errors, ...own.errors);
    warnings.push(...lib.warnings, ...own.warnings);
  }
  if (errors.length) failed++;
  process.stdout.write(JSON.stringify({ file, errors, warnings }) + "\n");
}
console.error(`validate-cards: ${files.length} card(s), ${failed} with errors (adaptivecards ${require("adaptivecards/package.json").version}, target version ${targetVersion})`);
process.exitCode = failed ? 1 : 0;
