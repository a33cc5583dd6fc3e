/**
 * Draws Samenspel's Teams icons reproducibly: two overlapping circles, the ambtenaar and the
 * bestuurder in one conversation. color.png 192×192 (full colour), outline.png 32×32 (white on
 * transparent). Run: npx tsx scripts/package/icons.ts  (writes manifest/color.png, outline.png)
 */
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

type RGBA = [number, number, number, number];
const SUPERSAMPLE = 4;

/** Renders a picture by sampling `paint(x, y)` (coordinates 0..1) with 4×4 supersampling. */
function render(size: number, paint: (x: number, y: number) => RGBA): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const [r, g, b, a] = paint((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          acc[0]! += r * a; acc[1]! += g * a; acc[2]! += b * a; acc[3]! += a;
        }
      }
      const i = (py * size + px) * 4;
      const alpha = acc[3]! / (SUPERSAMPLE * SUPERSAMPLE);
      png.data[i] = alpha ? Math.round(acc[0]! / acc[3]!) : 0;
      png.data[i + 1] = alpha ? Math.round(acc[1]! / acc[3]!) : 0;
      png.data[i + 2] = alpha ? Math.round(acc[2]! / acc[3]!) : 0;
      png.data[i + 3] = Math.round(alpha);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

const inCircle = (x: number, y: number, cx: number, cy: number, r: number) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const onRing = (x: number, y: number, cx: number, cy: number, r: number, w: number) => {
  const d = Math.sqrt((x - cx) ** 2 + (y - cy) ** 2);
  return d <= r && d >= r - w;
};

export const ACCENT = '#1F4E79';
const BLUE: RGBA = [0x1f, 0x4e, 0x79, 255];
const ORANGE: RGBA = [0xf2, 0x8c, 0x28, 255];
const WHITE: RGBA = [255, 255, 255, 255];
const CLEAR: RGBA = [0, 0, 0, 0];

export function colorIcon(): Buffer {
  return render(192, (x, y) => {
    const left = inCircle(x, y, 0.39, 0.5, 0.25);
    const right = inCircle(x, y, 0.61, 0.5, 0.25);
    if (left && right) return [0xfb, 0xd3, 0xa6, 255]; // where the two roles meet
    if (right) return ORANGE;
    if (left) return WHITE;
    return BLUE;
  });
}

export function outlineIcon(): Buffer {
  return render(32, (x, y) =>
    onRing(x, y, 0.37, 0.5, 0.3, 0.09) || onRing(x, y, 0.63, 0.5, 0.3, 0.09) ? WHITE : CLEAR,
  );
}

if (require.main === module) {
  const dir = path.join(__dirname, '..', '..', 'manifest');
  fs.writeFileSync(path.join(dir, 'color.png'), colorIcon());
  fs.writeFileSync(path.join(dir, 'outline.png'), outlineIcon());
  console.log(`wrote ${dir}/color.png and outline.png`);
}
