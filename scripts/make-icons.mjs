#!/usr/bin/env node
/**
 * `npm run icons`: the whole icon set from one drawing, build/icon.svg.
 *   build/icons/<size>x<size>.png   Linux (electron-builder reads the folder), 16 … 1024
 *   build/icon.png                  1024 px, the fallback electron-builder uses
 *   build/icon.ico                  Windows: 16, 24, 32, 48, 64, 128, 256 (PNG-compressed entries)
 *   build/icon.icns                 macOS: 16 … 1024 incl. @2x (PNG-compressed entries)
 *   resources/icon.png, resources/tray.png, resources/tray@2x.png   used at run time (window, notifications, tray)
 *   resources/tray-stopped.png, resources/tray-stopped@2x.png       the tray while monitoring is stopped (build/tray-stopped.svg)
 * Rasterised with rsvg-convert (Debian: apt-get install librsvg2-bin); ICO and ICNS are written
 * here, byte by byte — both formats are a small header and a table of PNG images.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = join(root, 'build');

function rasterize(svg, size) {
  const result = spawnSync('rsvg-convert', ['-w', String(size), '-h', String(size), '-f', 'png', svg], { maxBuffer: 64 * 1024 * 1024 });
  if (result.error || result.status !== 0) {
    process.stderr.write(`rsvg-convert failed (${result.error?.message ?? result.stderr}); install it: apt-get install librsvg2-bin\n`);
    process.exit(1);
  }
  return result.stdout;
}

/** ICO: ICONDIR, one ICONDIRENTRY per image, then the PNG data (Vista+ reads PNG entries). */
export function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4); // planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

/** ICNS: 'icns' + total length, then (OSType, length incl. 8, PNG) per image. */
export function icns(entries) {
  const chunks = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

const source = join(build, 'icon.svg');
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const png = Object.fromEntries(sizes.map((size) => [size, rasterize(source, size)]));

mkdirSync(join(build, 'icons'), { recursive: true });
for (const size of sizes) writeFileSync(join(build, 'icons', `${size}x${size}.png`), png[size]);
writeFileSync(join(build, 'icon.png'), png[1024]);
writeFileSync(join(build, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: png[size] }))));
writeFileSync(
  join(build, 'icon.icns'),
  icns([
    { type: 'icp4', png: png[16] },
    { type: 'icp5', png: png[32] },
    { type: 'icp6', png: png[64] },
    { type: 'ic07', png: png[128] },
    { type: 'ic08', png: png[256] },
    { type: 'ic09', png: png[512] },
    { type: 'ic10', png: png[1024] }, // 512@2x
    { type: 'ic11', png: png[32] }, // 16@2x
    { type: 'ic12', png: png[64] }, // 32@2x
    { type: 'ic13', png: png[256] }, // 128@2x
    { type: 'ic14', png: png[512] }, // 256@2x
  ]),
);
mkdirSync(join(root, 'resources'), { recursive: true });
writeFileSync(join(root, 'resources', 'icon.png'), png[256]);
writeFileSync(join(root, 'resources', 'tray.png'), rasterize(join(build, 'tray.svg'), 16));
writeFileSync(join(root, 'resources', 'tray@2x.png'), rasterize(join(build, 'tray.svg'), 32));
writeFileSync(join(root, 'resources', 'tray-stopped.png'), rasterize(join(build, 'tray-stopped.svg'), 16));
writeFileSync(join(root, 'resources', 'tray-stopped@2x.png'), rasterize(join(build, 'tray-stopped.svg'), 32));
process.stdout.write(`icons written from ${source} (${readFileSync(source).length} bytes of SVG)\n`);
