// Draws src/app/favicon.ico (16 and 32 px) from the same shapes as src/app/icon.svg: two arrows exchanging,
// white on the header's navy. Run `node scripts/make-favicon.mjs` after changing the design.
import { writeFileSync } from "node:fs";

const NAVY = [0x12, 0x3a, 0x5d];
// The SVG's strokes in its 32-unit box: [x1, y1, x2, y2].
const SEGMENTS = [
  [7, 12, 22, 12],
  [18, 8, 22, 12],
  [22, 12, 18, 16],
  [25, 20, 10, 20],
  [14, 16, 10, 20],
  [10, 20, 14, 24],
];
const HALF_STROKE = 1.25;

function distanceToSegment(px, py, [x1, y1, x2, y2]) {
  const dx = x2 - x1,
    dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}
function insideRoundedSquare(x, y, r = 6) {
  const cx = Math.min(Math.max(x, r), 32 - r),
    cy = Math.min(Math.max(y, r), 32 - r);
  return Math.hypot(x - cx, y - cy) <= r;
}

/** BGRA pixels, bottom row first (as a BMP stores them), 4×4 samples per pixel. */
function draw(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      let inside = 0,
        white = 0;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          const x = ((col + (i + 0.5) / n) * 32) / size,
            y = ((row + (j + 0.5) / n) * 32) / size;
          if (!insideRoundedSquare(x, y)) continue;
          inside++;
          if (SEGMENTS.some((s) => distanceToSegment(x, y, s) <= HALF_STROKE)) white++;
        }
      const w = inside ? white / inside : 0;
      const [r, g, b] = NAVY.map((c) => Math.round(c + (255 - c) * w));
      const at = ((size - 1 - row) * size + col) * 4;
      pixels.set([b, g, r, Math.round((255 * inside) / (n * n))], at);
    }
  }
  return pixels;
}

function bitmap(size) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // colour + mask
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const mask = Buffer.alloc(Math.ceil(size / 32) * 4 * size); // all 0: alpha decides
  return Buffer.concat([header, draw(size), mask]);
}

const sizes = [16, 32];
const images = sizes.map(bitmap);
const dir = Buffer.alloc(6 + 16 * sizes.length);
dir.writeUInt16LE(0, 0);
dir.writeUInt16LE(1, 2);
dir.writeUInt16LE(sizes.length, 4);
let offset = dir.length;
sizes.forEach((size, i) => {
  const e = 6 + 16 * i;
  dir.writeUInt8(size, e);
  dir.writeUInt8(size, e + 1);
  dir.writeUInt16LE(1, e + 4);
  dir.writeUInt16LE(32, e + 6);
  dir.writeUInt32LE(images[i].length, e + 8);
  dir.writeUInt32LE(offset, e + 12);
  offset += images[i].length;
});
writeFileSync(new URL("../src/app/favicon.ico", import.meta.url), Buffer.concat([dir, ...images]));
