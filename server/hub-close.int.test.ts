import { describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createHub, sqliteHub } from './hub.js';
import { testConfig } from './testing/hub.js';

describe('a stopping hub', () => {
  it('cuts a connection that never finishes its request instead of waiting for it, and says so', async () => {
    const lines: { msg: string }[] = [];
    const log = pino({ level: 'warn' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
    const hub = sqliteHub(await createHub(testConfig(mkdtempSync(join(tmpdir(), 'pantau-close-'))), { log }));
    const port = await hub.listen();
    // Half a request: Node counts the connection as busy until its header timeout (a minute), so close() alone waits.
    const client = connect(port, '127.0.0.1');
    await once(client, 'connect');
    client.write('GET /api/health HTTP/1.1\r\nHost: pantau\r\n');
    const cut = once(client, 'close');
    await hub.close();
    await cut;
    expect(lines.map((l) => l.msg)).toContain('connections still open at shutdown: closed');
  });
});
