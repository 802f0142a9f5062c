// The two icons of the Teams app, drawn and PNG-encoded here with no image library:
// - color.png, 192x192: the brand colour, full bleed (Teams rounds the corners itself), with the
//   bot's initials as blocky pixel letters in white (or near-black on a light brand colour);
// - outline.png, 32x32: the same initials in white on a transparent background.
// Also a small PNG reader, to check what is about to be packaged (size, outline colours).
import zlib from 'node:zlib';
import { crc32 } from './zip';

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** An RGBA image, 8 bits a channel, rows top to bottom. */
export interface Image {
  width: number;
  height: number;
  rgba: Uint8Array;
}

// 5x7 pixel letters and digits ('#' ink, '.' none), rows top to bottom.
const FONT: Record<string, string> = {
  A: '.###. #...# #...# ##### #...# #...# #...#',
  B: '####. #...# #...# ####. #...# #...# ####.',
  C: '.###. #...# #.... #.... #.... #...# .###.',
  D: '####. #...# #...# #...# #...# #...# ####.',
  E: '##### #.... #.... ####. #.... #.... #####',
  F: '##### #.... #.... ####. #.... #.... #....',
  G: '.###. #...# #.... #.### #...# #...# .###.',
  H: '#...# #...# #...# ##### #...# #...# #...#',
  I: '.###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.',
  J: '..### ...#. ...#. ...#. ...#. #..#. .##..',
  K: '#...# #..#. #.#.. ##... #.#.. #..#. #...#',
  L: '#.... #.... #.... #.... #.... #.... #####',
  M: '#...# ##.## #.#.# #.#.# #...# #...# #...#',
  N: '#...# #...# ##..# #.#.# #..## #...# #...#',
  O: '.###. #...# #...# #...# #...# #...# .###.',
  P: '####. #...# #...# ####. #.... #.... #....',
  Q: '.###. #...# #...# #...# #.#.# #..#. .##.#',
  R: '####. #...# #...# ####. #.#.. #..#. #...#',
  S: '.#### #.... #.... .###. ....# ....# ####.',
  T: '##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..',
  U: '#...# #...# #...# #...# #...# #...# .###.',
  V: '#...# #...# #...# #...# #...# .#.#. ..#..',
  W: '#...# #...# #...# #.#.# #.#.# #.#.# .#.#.',
  X: '#...# #...# .#.#. ..#.. .#.#. #...# #...#',
  Y: '#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..',
  Z: '##### ....# ...#. ..#.. .#... #.... #####',
  0: '.###. #...# #..## #.#.# ##..# #...# .###.',
  1: '..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.',
  2: '.###. #...# ....# ...#. ..#.. .#... #####',
  3: '####. ....# ....# .###. ....# ....# ####.',
  4: '...#. ..##. .#.#. #..#. ##### ...#. ...#.',
  5: '##### #.... ####. ....# ....# #...# .###.',
  6: '..##. .#... #.... ####. #...# #...# .###.',
  7: '##### ....# ...#. ..#.. .#... .#... .#...',
  8: '.###. #...# #...# .###. #...# #...# .###.',
  9: '.###. #...# #...# .#### ....# ...#. .##..',
};
const GLYPH_W = 5;
const GLYPH_H = 7;

/** "#0F6CBD" as numbers. Throws on anything but #RRGGBB. */
export function parseHexColor(hex: string): Rgb {
  if (!/^#[0-9a-fA-F]{6}$/.test(hex)) throw new Error(`not a #RRGGBB colour: "${hex}"`);
  const n = parseInt(hex.slice(1), 16);
  return { r: n >> 16, g: (n >> 8) & 0xff, b: n & 0xff };
}

/** Up to two initials the font can draw: "Careers FAQ" → "CF", "helpdesk" → "H", "!!" → "". */
export function initialsOf(name: string): string {
  const words = name
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => w[0])
    .join('');
}

// WCAG relative luminance and contrast, to pick the ink that reads best on the brand colour.
function luminance({ r, g, b }: Rgb): number {
  const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
const contrast = (a: Rgb, b: Rgb) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
const WHITE: Rgb = { r: 255, g: 255, b: 255 };
const INK_DARK: Rgb = { r: 0x1b, g: 0x1b, b: 0x1b };

function fill(image: Image, color: Rgb, alpha: number): void {
  for (let i = 0; i < image.rgba.length; i += 4) {
    image.rgba.set([color.r, color.g, color.b, alpha], i);
  }
}

/** Draws `text` centred, as large as fits a square box of `box` pixels, in whole-pixel blocks. */
function drawText(image: Image, text: string, box: number, ink: Rgb): void {
  const glyphs = [...text].map((ch) => FONT[ch]).filter((g): g is string => g !== undefined);
  if (!glyphs.length) return;
  const cells = glyphs.length * GLYPH_W + (glyphs.length - 1); // one empty column between letters
  const scale = Math.max(1, Math.floor(Math.min(box / cells, box / GLYPH_H)));
  const x0 = Math.floor((image.width - cells * scale) / 2);
  const y0 = Math.floor((image.height - GLYPH_H * scale) / 2);
  glyphs.forEach((glyph, index) => {
    glyph.split(' ').forEach((row, gy) => {
      [...row].forEach((cell, gx) => {
        if (cell !== '#') return;
        const left = x0 + (index * (GLYPH_W + 1) + gx) * scale;
        const top = y0 + gy * scale;
        for (let y = top; y < top + scale; y++) {
          for (let x = left; x < left + scale; x++) {
            if (x >= 0 && y >= 0 && x < image.width && y < image.height) {
              image.rgba.set([ink.r, ink.g, ink.b, 255], (y * image.width + x) * 4);
            }
          }
        }
      });
    });
  });
}

const blank = (size: number): Image => ({ width: size, height: size, rgba: new Uint8Array(size * size * 4) });

/** The colour icon (192x192 by default): initials on the brand colour. */
export function colorIconImage(brandColor: string, initials: string, size = 192): Image {
  const background = parseHexColor(brandColor);
  const image = blank(size);
  fill(image, background, 255);
  const ink = contrast(background, WHITE) >= contrast(background, INK_DARK) ? WHITE : INK_DARK;
  drawText(image, initials, Math.round(size * 0.55), ink);
  return image;
}

/** The outline icon (32x32 by default): white initials on transparent. */
export function outlineIconImage(initials: string, size = 32): Image {
  const image = blank(size); // transparent black
  fill(image, WHITE, 0); // transparent white, so edges blend to white wherever Teams scales it
  drawText(image, initials, Math.round(size * 0.75), WHITE);
  return image;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG file (8-bit RGBA, no interlace, filter 0 on every row) of `image`. */
export function encodePng(image: Image): Buffer {
  const { width, height, rgba } = image;
  if (rgba.length !== width * height * 4) throw new Error('encodePng: pixel data does not match the size');
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, filter 0, no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Both icons as PNG files, keyed by their manifest file names. */
export function teamsIcons(brandColor: string, botName: string): { 'color.png': Buffer; 'outline.png': Buffer } {
  const initials = initialsOf(botName);
  return {
    'color.png': encodePng(colorIconImage(brandColor, initials)),
    'outline.png': encodePng(outlineIconImage(initials)),
  };
}

const paeth = (a: number, b: number, c: number) => {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/**
 * Reads an 8-bit RGB or RGBA, non-interlaced PNG (what image editors export for icons), checking
 * every chunk's CRC. Throws with the reason on anything else.
 */
export function decodePng(png: Uint8Array): Image {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file (bad signature)');
  let pos = 8;
  let header: Buffer | undefined;
  const idat: Buffer[] = [];
  for (;;) {
    if (pos + 12 > buf.length) throw new Error('truncated (no IEND chunk)');
    const length = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    if (pos + 12 + length > buf.length) throw new Error(`truncated ${type} chunk`);
    const data = buf.subarray(pos + 8, pos + 8 + length);
    if (crc32(buf.subarray(pos + 4, pos + 8 + length)) !== buf.readUInt32BE(pos + 8 + length)) {
      throw new Error(`bad CRC in the ${type} chunk`);
    }
    pos += 12 + length;
    if (type === 'IHDR') header = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
  }
  if (!header || header.length !== 13) throw new Error('no IHDR chunk');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [depth, colorType, , , interlace] = header.subarray(8);
  if (depth !== 8 || (colorType !== 2 && colorType !== 6) || interlace !== 0) {
    throw new Error(`unsupported PNG format (bit depth ${depth}, colour type ${colorType}, interlace ${interlace}); use 8-bit RGB or RGBA`);
  }
  const channels = colorType === 6 ? 4 : 3;
  const stride = width * channels;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  if (raw.length !== (stride + 1) * height) throw new Error('pixel data does not match the size in IHDR');
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (predictor === undefined) throw new Error(`bad filter type ${filter} on row ${y}`);
      pixels[y * stride + x] = (v + predictor) & 0xff;
    }
  }
  if (channels === 4) return { width, height, rgba: pixels };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < pixels.length; i += 3, j += 4) rgba.set([pixels[i], pixels[i + 1], pixels[i + 2], 255], j);
  return { width, height, rgba };
}

/**
 * What Teams would reject in an icon file: not a readable PNG, the wrong size, or (for the
 * outline icon) anything but white on a transparent background. [] when it is fine.
 */
export function iconProblems(file: string, png: Uint8Array, size: number, kind: 'color' | 'outline'): string[] {
  let image: Image;
  try {
    image = decodePng(png);
  } catch (error) {
    return [`${file} is not a valid PNG: ${error instanceof Error ? error.message : String(error)}`];
  }
  const problems: string[] = [];
  if (image.width !== size || image.height !== size) {
    problems.push(`${file} must be ${size}x${size} pixels (it is ${image.width}x${image.height})`);
  }
  if (kind === 'outline') {
    let coloured = 0;
    let transparent = 0;
    for (let i = 0; i < image.rgba.length; i += 4) {
      const [r, g, b, a] = image.rgba.subarray(i, i + 4);
      if (a === 0) transparent++;
      else if (r !== 255 || g !== 255 || b !== 255) coloured++;
    }
    if (coloured) problems.push(`${file} must be white on transparent (${coloured} pixels are not white)`);
    if (!transparent) problems.push(`${file} must have a transparent background (no pixel is transparent)`);
  }
  return problems;
}
