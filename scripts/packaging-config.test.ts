import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** electron-builder.yml and the icon set it points at, read as electron-builder would. */
const repo = resolve(import.meta.dirname, '..');
const resources = join(repo, 'assets'); // directories.buildResources
interface Config {
  directories: { buildResources: string };
  linux: { target: string[]; icon: string };
  mac: { target: string; icon: string };
  win: { target: string; icon: string };
}
const config = parse(readFileSync(join(repo, 'electron-builder.yml'), 'utf8')) as Config;

function pngSize(path: string): [number, number] {
  const png = readFileSync(path);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)]; // the IHDR chunk
}

describe('electron-builder.yml', () => {
  it('builds AppImage and deb for Linux, dmg for macOS and an NSIS installer for Windows', () => {
    expect(config.directories.buildResources).toBe('assets');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
  });

  it('has an author with an address, which the deb names as its maintainer', () => {
    const { author } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
      author?: string;
    };
    expect(author).toMatch(/^[^<>]+ <[^@\s]+@[^>\s]+>$/);
  });

  it('points Linux at PNGs of 16 to 1024 px, each the size its name says', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      const file = join(resources, config.linux.icon, `${size}x${size}.png`);
      expect(pngSize(file), file).toEqual([size, size]);
    }
  });

  it('points Windows at an .ico with a 256 px image and macOS at an .icns up to 1024 px', () => {
    const ico = readFileSync(join(resources, config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1); // type 1: icon
    const widths = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16]);
    expect(widths).toContain(0); // 0 stands for 256 in an .ico directory
    expect(widths).toContain(16);
    const icns = readFileSync(join(resources, config.mac.icon));
    expect(icns.subarray(0, 4).toString()).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.includes(Buffer.from('ic10'))).toBe(true); // the 1024 px (512@2x) image
  });
});
