// Shared Adaptive Card helpers for validate-cards.mjs and render-cards.mjs.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
/** Highest Adaptive Card schema version the Teams clients we target render. */
export const MAX_VERSION = "1.5";
/** Teams recommends keeping a whole message (text + attachments) at or below ~80 KB. */
export const MAX_CARD_BYTES = 80 * 1024;
/**
 * Library events that do not make a card unusable. Every other event (unknown element or action type,
 * unsupported version, missing required property, invalid enum value, duplicate id, ...) is an error.
 */
export const WARNING_EVENTS = new Set([
  "Hint", "Deprecated", "RequiredInputsShouldHaveLabel", "RequiredInputsShouldHaveErrorMessage",
]);

const require = createRequire(import.meta.url);
/** Directory of the installed "adaptivecards" package (its dist/ holds the UMD bundle and CSS). */
export const adaptiveCardsDir = () => path.dirname(require.resolve("adaptivecards/package.json"));

/**
 * All *.json files under dir (recursively), as paths relative to dir with "/" separators,
 * sorted by code unit so that output order never depends on locale or file system.
 */
export function listJsonFiles(dir) {
  const out = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(r);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith(".json")) out.push(r);
    }
  };
  walk("");
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Reads one file and returns { card } (the Adaptive Card itself, unwrapped from an attachment)
 * or { error } when the file is not JSON or not an Adaptive Card attachment.
 */
export function readCard(file) {
  let json;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  } catch (e) {
    return { error: `[json] cannot parse: ${e.message}` };
  }
  if (json && typeof json === "object" && !Array.isArray(json) && "contentType" in json) {
    if (json.contentType !== ADAPTIVE_CARD_CONTENT_TYPE)
      return { error: `[attachment] contentType is ${JSON.stringify(json.contentType)}, expected "${ADAPTIVE_CARD_CONTENT_TYPE}"` };
    json = json.content;
  }
  if (!json || typeof json !== "object" || Array.isArray(json))
    return { error: "[card] the card (or the attachment's content) must be a JSON object" };
  return { card: json };
}

/** "1.5" -> [1, 5]; undefined for anything that is not MAJOR.MINOR. */
export function parseVersion(v) {
  const m = typeof v === "string" ? /^(\d+)\.(\d+)$/.exec(v.trim()) : null;
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/**
 * Our own checks, for what the library does not report or what Teams needs beyond the schema:
 * "type", "version" (present, <= MAX_VERSION), a "verb" on every Action.Execute, an "url" on every
 * Image, and the serialized size. Returns { errors, warnings } (arrays of strings).
 */
export function ownChecks(card) {
  const errors = [];
  const warnings = [];
  if (card.type !== "AdaptiveCard") errors.push(`[card] "type" must be "AdaptiveCard", got ${JSON.stringify(card.type)}`);
  const v = parseVersion(card.version);
  const max = parseVersion(MAX_VERSION);
  if (card.version === undefined) errors.push(`[card] "version" is missing (the library would silently assume its latest); use "${MAX_VERSION}" or lower`);
  else if (!v) errors.push(`[card] "version" must be a string "MAJOR.MINOR", got ${JSON.stringify(card.version)}`);
  else if (v[0] > max[0] || (v[0] === max[0] && v[1] > max[1]))
    errors.push(`[card] "version" ${card.version} is newer than ${MAX_VERSION}, the highest version Teams renders`);

  // Walk every object of the card; "data" of actions is free-form payload and is not walked.
  const walk = (node, where) => {
    if (Array.isArray(node)) { node.forEach((n, i) => walk(n, `${where}[${i}]`)); return; }
    if (!node || typeof node !== "object") return;
    if (node.type === "Action.Execute" && (typeof node.verb !== "string" || node.verb.trim() === ""))
      errors.push(`[card] Action.Execute at ${where}${node.title ? ` ("${node.title}")` : ""} has no "verb"`);
    if (node.type === "Image" && (typeof node.url !== "string" || node.url.trim() === ""))
      errors.push(`[card] Image at ${where} has no "url"`);
    for (const [k, child] of Object.entries(node)) if (k !== "data") walk(child, `${where}.${k}`);
  };
  walk(card, "$");

  const bytes = Buffer.byteLength(JSON.stringify(card), "utf8");
  if (bytes >= MAX_CARD_BYTES)
    errors.push(`[card] serialized size ${bytes} bytes is not below ${MAX_CARD_BYTES} bytes (Teams recommends <= 80 KB per message)`);
  return { errors, warnings };
}

/**
 * Parses and validates one card with the official library (AC = the "adaptivecards" module, in node
 * or in a page). Returns { errors, warnings }. Kept free of node APIs so that it can also be passed to
 * page.evaluate (see render-cards.mjs).
 */
export function libraryChecks(AC, card, targetVersion, warningEvents) {
  const errors = [];
  const warnings = [];
  const scratch = new AC.SerializationContext();
  const tv = AC.Version.parse(targetVersion, scratch);
  const context = new AC.SerializationContext(tv);
  const adaptiveCard = new AC.AdaptiveCard();
  const describe = (phase, e) => {
    const source = e.source
      ? ` at ${(e.source.getJsonTypeName && e.source.getJsonTypeName()) || "?"}${e.source.id ? "#" + e.source.id : ""}`
      : "";
    const event = AC.ValidationEvent[e.event];
    (warningEvents.includes(event) ? warnings : errors).push(`[${phase}] ${event}${source}: ${e.message}`);
  };
  try {
    adaptiveCard.parse(card, context);
    for (let i = 0; i < context.eventCount; i++) describe("parse", context.getEventAt(i));
    for (const e of adaptiveCard.validateProperties().validationEvents) describe("validate", e);
  } catch (e) {
    errors.push(`[library] ${e && e.message ? e.message : String(e)}`);
  }
  return { errors, warnings, adaptiveCard };
}
