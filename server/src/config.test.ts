import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('config', () => {
  it('gives the documented defaults on an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, DATA_DIR: './data', SEED_DEMO: true, LOG_LEVEL: 'info' });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ PORT: 3000, DATABASE_URL: undefined });
  });

  it('gives the map streets by default (OpenFreeMap) and the offline style on request', () => {
    expect(loadConfig({}).MAP_STYLE_URL).toBe('https://tiles.openfreemap.org/styles/liberty');
    expect(loadConfig({ MAP_STYLE_URL: 'offline' }).MAP_STYLE_URL).toBeUndefined();
    expect(loadConfig({ MAP_STYLE_URL: 'none' }).MAP_STYLE_URL).toBeUndefined();
    expect(loadConfig({ MAP_STYLE_URL: 'https://maps.example/style.json' }).MAP_STYLE_URL).toBe(
      'https://maps.example/style.json',
    );
    expect(() => loadConfig({ MAP_STYLE_URL: 'streets' })).toThrow(/MAP_STYLE_URL/);
  });

  it('fails fast naming every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url', SEED_DEMO: 'maybe' })).toThrow(
      /PORT[\s\S]*DATABASE_URL[\s\S]*SEED_DEMO/,
    );
  });
});
