// The Teams package's zip writer and icons, read back with the independent readers in
// test/support/zip-png.ts.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { colorIconImage, decodePng, encodePng, iconProblems, initialsOf, outlineIconImage } from '../../src/teams/icons';
import { crc32, crc32Table, createZip } from '../../src/teams/zip';
import { useTempDirs } from '../support/temp-dirs';
import { ihdr, readZip } from '../support/zip-png';

const tempDir = useTempDirs('teams-package-');

describe('zip writer', () => {
  it('computes the standard CRC-32, with and without zlib.crc32', () => {
    const check = Buffer.from('123456789');
    expect(crc32Table(check)).toBe(0xcbf43926);
    expect(crc32(check)).toBe(0xcbf43926);
    const random = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251));
    expect(crc32Table(random)).toBe(zlib.crc32(random) >>> 0);
    expect(crc32Table(random.subarray(100), crc32Table(random.subarray(0, 100)))).toBe(crc32Table(random));
  });

  it('writes stored and deflated entries that read back byte for byte', () => {
    const noise = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 2654435761) >>> 24));
    const text = 'a line that repeats\n'.repeat(200);
    const zip = createZip([
      { name: 'noise.bin', data: noise },
      { name: 'text.txt', data: text },
      { name: 'dir/é.txt', data: '' },
    ]);
    const files = readZip(zip);
    expect([...files.keys()]).toEqual(['noise.bin', 'text.txt', 'dir/é.txt']);
    expect(files.get('noise.bin')).toEqual(noise);
    expect(files.get('text.txt')!.toString()).toBe(text);
    expect(files.get('dir/é.txt')!.length).toBe(0);
    expect(zip.length).toBeLessThan(text.length); // deflated
  });

  it('is reproducible and takes a modification time', () => {
    const entries = [{ name: 'a.txt', data: 'a' }];
    expect(createZip(entries)).toEqual(createZip(entries));
    const zip = createZip(entries, { modified: new Date(2024, 4, 17, 13, 45, 30) });
    expect(zip.readUInt16LE(12)).toBe(((2024 - 1980) << 9) | (5 << 5) | 17);
    expect(zip.readUInt16LE(10)).toBe((13 << 11) | (45 << 5) | 15);
  });

  it('refuses duplicate and unsafe names', () => {
    expect(() =>
      createZip([
        { name: 'a', data: '' },
        { name: 'a', data: '' },
      ]),
    ).toThrow(/duplicate/);
    for (const name of ['', '/abs', '../up', 'a\\b']) expect(() => createZip([{ name, data: '' }])).toThrow(/bad entry name/);
  });

  it.skipIf(!existsSync('/usr/bin/unzip'))('passes unzip -t', () => {
    const file = path.join(tempDir(), 't.zip');
    writeFileSync(
      file,
      createZip([
        { name: 'x.txt', data: 'x'.repeat(1000) },
        { name: 'y', data: 'y' },
      ]),
    );
    expect(execFileSync('unzip', ['-t', file]).toString()).toMatch(/No errors detected/);
  });
});

describe('icons', () => {
  it('takes up to two initials', () => {
    expect(initialsOf('Careers FAQ')).toBe('CF');
    expect(initialsOf('the big careers bot')).toBe('TB');
    expect(initialsOf('helpdesk')).toBe('H');
    expect(initialsOf('!!')).toBe('');
  });

  it('draws a full-colour 192x192 icon and a white-on-transparent 32x32 outline', () => {
    const color = colorIconImage('#0F6CBD', 'CF');
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([...color.rgba.subarray(0, 4)]).toEqual([0x0f, 0x6c, 0xbd, 255]); // brand colour corner
    const pixels = (img: typeof color) =>
      Array.from({ length: img.width * img.height }, (_, i) => [...img.rgba.subarray(i * 4, i * 4 + 4)].join());
    expect(pixels(color)).toContain('255,255,255,255'); // white initials
    const outline = outlineIconImage('CF');
    expect(new Set(pixels(outline))).toEqual(new Set(['255,255,255,0', '255,255,255,255']));
    // a light brand colour gets dark initials
    expect(pixels(colorIconImage('#FFE066', 'CF'))).toContain('27,27,27,255');
  });

  it('encodes PNGs that decode back and checks them', () => {
    const image = outlineIconImage('X');
    const png = encodePng(image);
    expect(ihdr(png)).toEqual({ width: 32, height: 32, depth: 8, colorType: 6 });
    expect(decodePng(png)).toEqual(image);
    expect(iconProblems('outline.png', png, 32, 'outline')).toEqual([]);
    expect(iconProblems('outline.png', png, 48, 'outline')).toEqual(['outline.png must be 48x48 pixels (it is 32x32)']);
    expect(iconProblems('outline.png', encodePng(colorIconImage('#0F6CBD', 'X', 32)), 32, 'outline').join()).toMatch(
      /must be white on transparent.*must have a transparent background/,
    );
    const corrupt = Buffer.from(png);
    corrupt[corrupt.length - 20] ^= 0xff;
    expect(iconProblems('color.png', corrupt, 32, 'color')[0]).toMatch(/^color\.png is not a valid PNG: bad CRC/);
    expect(iconProblems('color.png', Buffer.from('GIF89a'), 32, 'color')[0]).toMatch(/bad signature/);
  });
});
