import { describe, expect, it } from 'vitest';
import { isAbsolute, join } from 'node:path';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('makes the default relative data dir absolute, so photos and snapshots can be sent as files', () => {
    const config = loadConfig({});
    for (const dir of [config.dataDir, config.dbFile, config.mediaDir, config.snapshotsDir]) expect(isAbsolute(dir)).toBe(true);
    expect(config.dataDir).toBe(join(process.cwd(), 'data'));
    expect(config.mediaDir).toBe(join(process.cwd(), 'data', 'media'));
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
