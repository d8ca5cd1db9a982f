import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startPostgres } from './postgres.js';

// The folder `npm run demo:cluster` keeps its PostgreSQL in, here a temp one (under /tmp: as root the server's user
// must reach it).
const parent = mkdtempSync(join(process.getuid?.() === 0 ? '/tmp' : tmpdir(), 'pantau-kept-pg-'));
chmodSync(parent, 0o755);
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('a kept PostgreSQL folder', () => {
  it('starts again over the lock file of a crash whose pid now belongs to another process, with its data', async () => {
    const dir = join(parent, 'postgres');
    const first = await startPostgres({ dir });
    const client = new pg.Client({ connectionString: first.url() });
    await client.connect();
    await client.query('CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)');
    await client.end();
    await first.crash();
    // The crash's lock file, its pid since taken by a live process of the server's own user that is not PostgreSQL
    // (after a reboot, the usual case; a process of another user PostgreSQL sees through itself).
    const lock = join(dir, 'data', 'postmaster.pid');
    const stranger = process.getuid?.() === 0 ? spawn('setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', 'sleep', '60']) : spawn('sleep', ['60']);
    try {
      writeFileSync(lock, readFileSync(lock, 'utf8').replace(/^\d+/, String(stranger.pid)));
      const again = await startPostgres({ dir });
      const c = new pg.Client({ connectionString: again.url() });
      await c.connect();
      expect((await c.query<{ n: number }>('SELECT n FROM kept')).rows).toEqual([{ n: 7 }]);
      await c.end();
      await again.stop();
    } finally {
      stranger.kill();
    }
  });
});
