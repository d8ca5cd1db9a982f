import { describe, expect, it } from 'vitest';
import { isAbsolute, join } from 'node:path';
import { loadConfig } from './config.js';
import { loadCity } from './profile/load.js';
import { cityConfigs, oneCityConfig } from './installation.js';

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

  it('reads the agencies\' webhooks as agency=URL pairs, and names the variable when a pair is not one', () => {
    const config = loadConfig({ PANTAU_AGENCY_WEBHOOKS: ' dkp=https://dkp.example/pantau?key=a=b , dbmsda=http://10.0.0.5:8080/hook' });
    expect(config.agencyWebhooks).toEqual({ dkp: 'https://dkp.example/pantau?key=a=b', dbmsda: 'http://10.0.0.5:8080/hook' });
    expect(loadConfig({}).agencyWebhooks).toEqual({});
    expect(() => loadConfig({ PANTAU_AGENCY_WEBHOOKS: 'dkp https://dkp.example' })).toThrow(/PANTAU_AGENCY_WEBHOOKS: comma-separated agency=URL pairs/);
    expect(() => loadConfig({ PANTAU_AGENCY_WEBHOOKS: 'dkp=https://a.example/,dkp=https://b.example/' })).toThrow(/PANTAU_AGENCY_WEBHOOKS: an agency is named twice/);
  });

  it('serves the cities PANTAU_CITIES names, each on the next port with folders and a schema of its own', () => {
    const config = loadConfig({ PANTAU_CITIES: 'tangerang, malang,pontianak', PORT: '9000', PANTAU_SNAPSHOTS_DIR: '/srv/cameras' });
    expect([config.city, config.cities]).toEqual(['tangerang', ['tangerang', 'malang', 'pontianak']]);
    const malang = cityConfigs(config)[1];
    expect(malang).toMatchObject({
      city: 'malang', port: 9001, dataDir: join(config.dataDir, 'malang'), dbFile: join(config.dataDir, 'malang', 'pantau.sqlite'),
      mediaDir: join(config.dataDir, 'malang', 'media'), snapshotsDir: '/srv/cameras/malang', databaseSchema: 'city_malang',
    });
    // One city, named either way, is the installation of one city it always was.
    expect(cityConfigs(loadConfig({ PANTAU_CITIES: 'malang' }))).toEqual([loadConfig({ PANTAU_CITY: 'malang', PANTAU_CITIES: 'malang' })]);
    expect(cityConfigs(loadConfig({}))[0]).toMatchObject({ city: 'tangerang', dbFile: join(process.cwd(), 'data', 'pantau.sqlite'), databaseSchema: null });
    expect(() => loadConfig({ PANTAU_CITIES: 'malang,malang' })).toThrow(/PANTAU_CITIES: a city is named twice/);
    // An ops script works on one city: the one PANTAU_CITY names, never the first by default.
    expect(oneCityConfig(config, { PANTAU_CITY: 'malang' })).toEqual(malang);
    expect(() => oneCityConfig(config, {})).toThrow(/name the city this works on with PANTAU_CITY/);
    // Each city its own wall token, webhooks and origins, named by city; an entry naming none is refused.
    const named = loadConfig({ PANTAU_CITIES: 'tangerang,malang', PANTAU_WALL_TOKEN: 'a-wall-token-of-the-installation-0123', PANTAU_AGENCY_WEBHOOKS: 'malang.dkp=https://dkp.malang.example/hook,tangerang.dkp=https://dkp.tangerang.example/hook', PANTAU_PUBLIC_ORIGIN: 'malang=https://malang.example,tangerang=https://tangerang.example' });
    const [tng, mlg] = cityConfigs(named);
    expect(mlg.agencyWebhooks).toEqual({ dkp: 'https://dkp.malang.example/hook' });
    expect([tng.publicOrigins, mlg.publicOrigins]).toEqual([['https://tangerang.example'], ['https://malang.example']]);
    expect(tng.wallToken).not.toBe(mlg.wallToken);
    expect(mlg.wallToken).toHaveLength(32);
    expect(() => cityConfigs(loadConfig({ PANTAU_CITIES: 'tangerang,malang', PANTAU_AGENCY_WEBHOOKS: 'dkp=https://dkp.example/hook' }))).toThrow(/PANTAU_AGENCY_WEBHOOKS: with PANTAU_CITIES, name each entry's city/);
    expect(() => cityConfigs(loadConfig({ PANTAU_CITIES: 'tangerang,malang', PANTAU_PUBLIC_ORIGIN: 'https://pantau.example' }))).toThrow(/PANTAU_PUBLIC_ORIGIN: with PANTAU_CITIES/);
    expect(() => loadConfig({ PANTAU_PUBLIC_ORIGIN: 'malang=https://malang.example' })).toThrow(/PANTAU_PUBLIC_ORIGIN: malang=https:\/\/malang.example names a city/);
    expect(() => loadConfig({ PANTAU_CITIES: 'malang,provinsi' })).toThrow(/PANTAU_CITIES: provinsi is the province/);
    expect(() => loadConfig({ PANTAU_CITIES: 'Kota Malang' })).toThrow(/PANTAU_CITIES: comma-separated city ids/);
  });

  it('refuses a webhook for an agency the city does not have, naming it', () => {
    expect(() => loadCity('tangerang', { webhooks: { dkp: 'https://dkp.example/hook', pemadam: 'https://x.example/' } })).toThrow(/no agency pemadam in tangerang/);
    const city = loadCity('tangerang', { webhooks: { dkp: 'https://dkp.example/hook' } });
    expect(city.profile.agencies.find((a) => a.id === 'dkp')?.webhookUrl).toBe('https://dkp.example/hook');
    // Never on a screen: the public profile has no webhooks.
    expect(JSON.stringify(city.publicProfile)).not.toContain('dkp.example');
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
