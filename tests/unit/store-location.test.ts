import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStorePath } from '../../main/store/store-location';

describe('where the store lives', () => {
  it('takes --db first, then GRANTLENS_DB, then the user-data folder', () => {
    expect(resolveStorePath('/data/a.sqlite', { GRANTLENS_DB: '/data/b.sqlite' }, 'linux')).toBe('/data/a.sqlite');
    expect(resolveStorePath(undefined, { GRANTLENS_DB: '/data/b.sqlite' }, 'linux')).toBe('/data/b.sqlite');
    expect(resolveStorePath(undefined, { XDG_CONFIG_HOME: '/home/eva/.config' }, 'linux')).toBe(
      join('/home/eva/.config', 'Grantlens', 'grantlens.sqlite'),
    );
    expect(resolveStorePath(undefined, { APPDATA: 'C:\\Users\\eva\\AppData\\Roaming' }, 'win32')).toContain(
      join('Grantlens', 'grantlens.sqlite'),
    );
  });
});
