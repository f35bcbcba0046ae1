import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../main/contract/errors';
import { Services } from '../../main/services/services';
import { resourcesDir, useTempDir } from '../support/temp-dir';

// files.writeExport: a chart the renderer drew, written to the file the user picked, only when it
// is the image it claims to be, and whole or not at all.

const tempDir = useTempDir();
const opened: Services[] = [];
afterEach(() => {
  for (const services of opened.splice(0)) services.close();
});

function services(): { services: Services; dir: string } {
  const dir = tempDir();
  const one = new Services({ resourcesDir });
  one.open(join(dir, 'store.sqlite'));
  opened.push(one);
  return { services: one, dir };
}

// The smallest valid PNG: one transparent pixel.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>Län</text></svg>';

describe('files.writeExport', () => {
  it('writes a PNG from base64 and an SVG as UTF-8 text, byte for byte', async () => {
    const { services: one, dir } = services();
    const png = one.registerFile(join(dir, 'chart.png'));
    const written = unwrap<{ bytes: number }>(await one.call('files.writeExport', { fileId: png.fileId, kind: 'png', data: PNG }));
    expect(readFileSync(join(dir, 'chart.png'))).toEqual(Buffer.from(PNG, 'base64'));
    expect(written.bytes).toBe(Buffer.from(PNG, 'base64').length);
    const svg = one.registerFile(join(dir, 'chart.svg'));
    unwrap(await one.call('files.writeExport', { fileId: svg.fileId, kind: 'svg', data: SVG }));
    expect(readFileSync(join(dir, 'chart.svg'), 'utf8')).toBe(SVG);
  });

  it('refuses what is not the image it says, and leaves an existing file as it was', async () => {
    const { services: one, dir } = services();
    const path = join(dir, 'chart.png');
    writeFileSync(path, 'before');
    const { fileId } = one.registerFile(path);
    for (const [kind, data] of [
      ['png', Buffer.from('<svg/>').toString('base64')],
      ['png', 'not base64!'],
      ['svg', '<html><script>alert(1)</script></html>'],
      ['svg', PNG],
    ] as const) {
      const refused = await one.call('files.writeExport', { fileId, kind, data });
      expect(refused.ok ? null : refused.error.code).toBe('INVALID_ARGUMENT');
    }
    expect(readFileSync(path, 'utf8')).toBe('before');
    const unknown = await one.call('files.writeExport', { fileId: 'f999', kind: 'svg', data: SVG });
    expect(unknown.ok).toBe(false);
    expect(existsSync(join(dir, 'f999'))).toBe(false);
  });
});
