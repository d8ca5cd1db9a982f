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

  it('puts photos and camera frames where PANTAU_MEDIA_DIR and PANTAU_SNAPSHOTS_DIR say (a folder several hubs share), absolute', () => {
    const config = loadConfig({ PANTAU_MEDIA_DIR: 'shared/photos', PANTAU_SNAPSHOTS_DIR: '/srv/pantau/cameras' });
    expect(config.mediaDir).toBe(join(process.cwd(), 'shared', 'photos'));
    expect(config.snapshotsDir).toBe('/srv/pantau/cameras');
    expect(config.dbFile).toBe(join(process.cwd(), 'data', 'pantau.sqlite'));
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
