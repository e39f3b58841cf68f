#!/usr/bin/env node
// Draws the Teams app icons into manifest/ deterministically (no network, no dependencies):
//   color.png   192x192, white rising bars and a tick on the accent colour, full bleed
//   outline.png  32x32,  the same symbol in white on a transparent background
// Run from anywhere: node scripts/make-icons.mjs   (the PNGs are committed; rerun only to change the design)
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "manifest");
const ACCENT = [0x1f, 0x4e, 0x8c]; // keep equal to accentColor in manifest/manifest.json

// The symbol in a 32-unit square: three bars rising to the right, on a baseline, with a tick above.
const bars = [[6, 17, 11, 26], [13.5, 13, 18.5, 26], [21, 8, 26, 26]]; // x0, y0, x1, y1
function inSymbol(x, y) {
  if (bars.some(([x0, y0, x1, y1]) => x >= x0 && x < x1 && y >= y0 && y < y1)) return true;
  if (y >= 27 && y < 28.5 && x >= 4 && x < 28) return true; // baseline
  // tick from (5,10) down to (8,13) up to (15,5), 1.6 units thick
  return segDist(x, y, 5, 9.5, 8, 12.5) < 0.9 || segDist(x, y, 8, 12.5, 14.5, 5) < 0.9;
}
function segDist(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

// Coverage of the symbol in pixel (px, py) of a size x size image whose symbol square is `box`
// pixels wide starting at `offset`, by 4x4 supersampling.
function coverage(px, py, box, offset) {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++)
    for (let sx = 0; sx < 4; sx++)
      if (inSymbol(((px + (sx + 0.5) / 4) - offset) * 32 / box, ((py + (sy + 0.5) / 4) - offset) * 32 / box)) hits++;
  return hits / 16;
}

function render(size, box, pixel) {
  const offset = (size - box) / 2;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) pixel(coverage(x, y, box, offset)).forEach((v, i) => { raw[y * (size * 4 + 1) + 1 + x * 4 + i] = v; });
  }
  return png(size, size, raw);
}

function png(w, h, raw) {
  const table = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 6; // 8-bit RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

const mix = (a, b, t) => Math.round(a + (b - a) * t);
// Colour icon: symbol inside the central ~120 px (Teams crops the corners), opaque everywhere.
fs.writeFileSync(path.join(OUT, "color.png"), render(192, 128, (c) => [...ACCENT.map((v) => mix(v, 255, c)), 255]));
// Outline icon: white only, coverage as alpha.
fs.writeFileSync(path.join(OUT, "outline.png"), render(32, 32, (c) => c > 0 ? [255, 255, 255, Math.round(c * 255)] : [0, 0, 0, 0]));
console.log(`wrote ${path.join(OUT, "color.png")} and ${path.join(OUT, "outline.png")}`);
