import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtFile } from '../support/built';

describe('the built renderer', () => {
  const html = readFileSync(builtFile('renderer/index.html'), 'utf8');
  const assets = join(builtFile('renderer/index.html'), '..', 'assets');
  const files = readdirSync(assets);
  // What index.html loads before the first screen: the entry and what it preloads.
  const loadedFirst = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((match) => match[1]!);

  it('loads each section but the Overview as a chunk of its own, when it is first opened', () => {
    for (const section of ['Applications', 'Indicators', 'ImportSection', 'Settings']) {
      const chunk = files.find((file) => file.startsWith(`${section}-`) && file.endsWith('.js'));
      expect(chunk, section).toBeDefined();
      expect(loadedFirst, section).not.toContain(chunk);
    }
  });

  it('is minified', () => {
    for (const file of loadedFirst) {
      const text = readFileSync(join(assets, file), 'utf8');
      // Unminified, the entry was 4.7 MB in about 120,000 lines.
      expect(text.split('\n').length, file).toBeLessThan(text.length / 1000 + 50);
    }
    expect(loadedFirst.reduce((bytes, file) => bytes + statSync(join(assets, file)).size, 0)).toBeLessThan(3_000_000);
  });
});

describe('the built main process', () => {
  const chunks = join(builtFile('main/cli.js'), '..', 'chunks');
  const files = readdirSync(chunks);

  it('leaves ECharts out of what every CLI and worker start loads: the report imports it when it draws', () => {
    const services = files.find((file) => file.startsWith('services-'))!;
    const charts = files.find((file) => file.startsWith('report-charts-'));
    expect(charts).toBeDefined();
    const text = readFileSync(join(chunks, services), 'utf8');
    expect(text).not.toContain('renderToSVGString');
    expect(text).toContain(`import("./${charts}")`);
    // With ECharts it was 1.6 MB; without, 0.3 MB.
    expect(statSync(join(chunks, services)).size).toBeLessThan(800_000);
  });
});
