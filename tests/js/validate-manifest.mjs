#!/usr/bin/env node
// Validate a Teams app manifest offline against the official JSON schema of its manifestVersion, as
// bundled in @microsoft/app-manifest (v1.0 ... v1.30, vDevPreview), with the package's own
// AppManifestUtils.validateAgainstSchema. Nothing is fetched: the schema is picked from the bundle.
//
//   node validate-manifest.mjs path/to/manifest.json
//
// Also checked (Developer Portal rules the schema does not cover): "$schema", when present, names the
// same version; the color/outline icons, when the files exist next to the manifest, are PNGs of
// 192x192 and 32x32 pixels (a missing icon file is a warning: the package may be assembled elsewhere);
// the localization files named in localizationInfo, when they exist next to the manifest, against the
// official MicrosoftTeams.Localization.schema.json of the same version, and every key they translate
// (e.g. bots[0].commandLists[0].commands[3].title) names a string the manifest has.
// Output: "ERROR ..."/"WARNING ..." lines, then "VALID: ..." or "INVALID: ...".
// Exit 0 = valid, 1 = invalid, 2 = unreadable input.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

globalThis.fetch = () => { throw new Error("validate-manifest.mjs works offline: no schema download"); };
const require = createRequire(import.meta.url);
const { AppManifestUtils } = require("@microsoft/app-manifest");
const schemaRoot = path.join(path.dirname(require.resolve("@microsoft/app-manifest")), "json-schemas", "teams");

const file = process.argv[2];
if (!file || process.argv.length !== 3) { console.error("usage: node validate-manifest.mjs manifest.json"); process.exit(2); }
let manifest;
try { manifest = JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "")); }
catch (e) { console.error(`ERROR cannot read ${file}: ${e.message}`); process.exit(2); }

const errors = [];
const warnings = [];
const mv = manifest?.manifestVersion;
const bundled = fs.readdirSync(schemaRoot).filter((d) => fs.existsSync(path.join(schemaRoot, d, "MicrosoftTeams.schema.json")));
const dir = bundled.find((d) => typeof mv === "string" && d.toLowerCase() === `v${mv}`.toLowerCase());
if (!dir) {
  const known = bundled.map((d) => d.slice(1)).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  console.log(`ERROR manifestVersion ${JSON.stringify(mv)} has no bundled schema; bundled: ${known.join(", ")}`);
  console.log(`INVALID: ${file}`);
  process.exit(1);
}
const schema = JSON.parse(fs.readFileSync(path.join(schemaRoot, dir, "MicrosoftTeams.schema.json"), "utf8"));

if (manifest.$schema !== undefined) {
  const named = /\/teams\/(v[^/]+)\/MicrosoftTeams\.schema\.json$/i.exec(String(manifest.$schema))?.[1];
  if (named?.toLowerCase() !== dir.toLowerCase())
    errors.push(`$schema ${JSON.stringify(manifest.$schema)} does not match manifestVersion ${mv}`);
}
for (const f of await AppManifestUtils.validateAgainstSchema(manifest, schema)) errors.push(String(f));

// Localization files. The library has no entry point for them, so they are checked with the same Ajv
// set-up it uses for draft-04 schemas, except unicodeRegExp: false, because one pattern in the
// official localization schema ("...\\b]\\.description$") is not a valid regular expression under the u flag.
const languages = [manifest.localizationInfo?.defaultLanguageFile, ...(manifest.localizationInfo?.additionalLanguages ?? []).map((l) => l?.file)]
  .filter((f) => typeof f === "string");
const localizationSchemaFile = path.join(schemaRoot, dir, "MicrosoftTeams.Localization.schema.json");
for (const rel of languages) {
  const p = path.join(path.dirname(file), rel);
  if (!fs.existsSync(p)) { warnings.push(`localization file ${rel} not found next to the manifest (not checked)`); continue; }
  if (!fs.existsSync(localizationSchemaFile)) { warnings.push(`no localization schema bundled for ${dir}; ${rel} not checked`); continue; }
  let strings;
  try { strings = JSON.parse(fs.readFileSync(p, "utf8").replace(/^\uFEFF/, "")); }
  catch (e) { errors.push(`localization file ${rel}: ${e.message}`); continue; }
  const Ajv04 = require("ajv-draft-04");
  const ajv = new Ajv04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  require("ajv-formats")(ajv, ["uri", "email", "regex"]);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(localizationSchemaFile, "utf8")));
  if (!validate(strings))
    for (const e of validate.errors) errors.push(`${rel}: ${e.instancePath} ${e.message ?? ""}. Details: ${JSON.stringify(e.params)}`);
  if (strings.$schema !== undefined && !String(strings.$schema).toLowerCase().includes(`/teams/${dir.toLowerCase()}/`))
    errors.push(`${rel}: $schema ${JSON.stringify(strings.$schema)} does not match manifestVersion ${mv}`);
  for (const key of Object.keys(strings).filter((k) => k !== "$schema" && k !== "localizationKeys")) {
    const value = key.split(".").reduce((node, part) => {
      const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
      if (!m || node == null) return undefined;
      let next = node[m[1]];
      for (const [, i] of m[2].matchAll(/\[(\d+)\]/g)) next = next?.[Number(i)];
      return next;
    }, manifest);
    if (typeof value !== "string") errors.push(`${rel}: "${key}" translates nothing: the manifest has no string there`);
  }
}

// PNG width/height from the IHDR chunk.
function pngSize(p) {
  const b = fs.readFileSync(p);
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47 || b.toString("ascii", 12, 16) !== "IHDR") return undefined;
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}
for (const [kind, want] of [["color", 192], ["outline", 32]]) {
  const rel = manifest.icons?.[kind];
  if (typeof rel !== "string" || /^https?:/i.test(rel)) continue;
  const p = path.join(path.dirname(file), rel);
  if (!fs.existsSync(p)) { warnings.push(`icons.${kind} file ${rel} not found next to the manifest (not checked)`); continue; }
  const size = pngSize(p);
  if (!size) errors.push(`icons.${kind} ${rel} is not a PNG`);
  else if (size[0] !== want || size[1] !== want) errors.push(`icons.${kind} ${rel} is ${size[0]}x${size[1]}, must be ${want}x${want}`);
}

for (const w of warnings) console.log(`WARNING ${w}`);
for (const e of errors) console.log(`ERROR ${e}`);
console.log(errors.length
  ? `INVALID: ${file} (${errors.length} problem(s)) against Teams manifest schema ${dir}`
  : `VALID: ${file} against Teams manifest schema ${dir} (@microsoft/app-manifest ${require("@microsoft/app-manifest/package.json").version})`);
process.exitCode = errors.length ? 1 : 0;
