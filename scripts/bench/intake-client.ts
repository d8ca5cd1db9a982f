/**
 * The intake load generator the benches share (ingest, cluster): a child process that posts reports to a hub's
 * `POST /api/reports` (multipart with a 640×480 JPEG, as a citizen's phone) or `POST /api/console/reports` (JSON, a
 * call taken by phone), in closed loops, so the client's own work does not run on the server's event loop. The parent
 * forks it with forkIntakeClient() and drives one loop per run.
 */
import { fork } from 'node:child_process';
import { request, Agent } from 'node:http';
import { mulberry } from '../simulate/scene-photo.js';
import { closedLoop, type LoopResult } from './stats.js';

const CHILD_ENV = 'PANTAU_BENCH_INTAKE_CLIENT';
export const CATEGORY = 'sampah';
const BOUNDARY = '----pantau-bench-7d1f0c3a9e';

export type RunMsg = { type: 'run'; label: string; port: number; n: number; concurrency: number; maxMs: number; photo: Uint8Array; unique: boolean; seed: number; text?: { cookie: string } };
export type DoneMsg = { type: 'done'; label: string; loop: LoopResult; statuses: Record<string, number>; firstError: string | null };

// ---------------------------------------------------------------- request bodies (used by the client child)

/** The same JPEG with a COM segment after SOI: identical pixels (same sharp work), a different content hash. */
function withComment(jpeg: Buffer, text: string): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  const c = Buffer.from(text, 'latin1');
  const seg = Buffer.alloc(4 + c.length);
  seg[0] = 0xff;
  seg[1] = 0xfe;
  seg.writeUInt16BE(c.length + 2, 2);
  c.copy(seg, 4);
  return Buffer.concat([jpeg.subarray(0, 2), seg, jpeg.subarray(2)]);
}

/** What a citizen's phone sends: the text fields, then the photo, as multipart/form-data. */
function reportBody(i: number, seed: number, photo: Buffer): Buffer {
  const rnd = mulberry(seed * 100_003 + i);
  const lat = (-6.18 + (rnd() * 2 - 1) * 0.01).toFixed(6);
  const lon = (106.64 + (rnd() * 2 - 1) * 0.01).toFixed(6);
  const fields: [string, string][] = [
    ['category', CATEGORY],
    ['description', `Sampah menumpuk di pinggir jalan, laporan uji #${i}`],
    ['lat', lat],
    ['lon', lon],
    ['address', `Jl. Uji Beban No. ${1 + (i % 200)}`],
    ['channel', 'web'],
    ['reporterName', 'Warga Uji'],
    ['reporterContact', `0812${String(1_000_000 + i).slice(-7)}`],
  ];
  const text = fields.map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('');
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="photos"; filename="foto.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
  return Buffer.concat([Buffer.from(text + head), photo, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
}

/** A call taken by phone, as the console files it: JSON, no photo. */
function textBody(i: number, seed: number): Buffer {
  const rnd = mulberry(seed * 100_003 + i);
  return Buffer.from(JSON.stringify({
    channel: 'phone', reporterContact: `0812${String(1_000_000 + i).slice(-7)}`, reporterName: 'Warga Uji', category: CATEGORY,
    description: `Sampah menumpuk di pinggir jalan, laporan telepon uji #${i}`,
    lat: -6.18 + (rnd() * 2 - 1) * 0.01, lon: 106.64 + (rnd() * 2 - 1) * 0.01, address: `Jl. Uji Beban No. ${1 + (i % 200)}`,
  }));
}

function post(port: number, agent: Agent, body: Buffer, text?: { cookie: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const origin = `http://127.0.0.1:${port}`;
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: text ? '/api/console/reports' : '/api/reports',
        method: 'POST',
        agent,
        headers: text
          ? { 'content-type': 'application/json', 'content-length': body.length, cookie: text.cookie, origin, 'sec-fetch-site': 'same-origin' }
          : { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('request timed out after 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}

async function runClient(m: RunMsg): Promise<DoneMsg> {
  const agent = new Agent({ keepAlive: true, maxSockets: m.concurrency });
  const photo = Buffer.from(m.photo);
  const statuses: Record<string, number> = {};
  let firstError: string | null = null;
  const loop = await closedLoop(m.n, m.concurrency, m.maxMs, async (i) => {
    const body = m.text ? textBody(i, m.seed) : reportBody(i, m.seed, m.unique ? withComment(photo, `pantau-bench ${m.label} ${m.seed} ${i}`) : photo);
    const t0 = performance.now();
    let key: string;
    try {
      key = String(await post(m.port, agent, body, m.text));
    } catch (err) {
      key = 'error';
      firstError ??= (err as Error).message;
    }
    statuses[key] = (statuses[key] ?? 0) + 1;
    return performance.now() - t0;
  });
  agent.destroy();
  return { type: 'done', label: m.label, loop, statuses, firstError };
}

if (process.env[CHILD_ENV] === '1') {
  // The load generator: runs one closed loop per 'run' message, answers 'done', leaves on 'exit' or if the parent goes.
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (m: RunMsg | { type: 'exit' }) => {
    if (m.type === 'exit') process.exit(0);
    process.send!(await runClient(m));
  });
}

/** The client child, started; `drive` runs one closed loop of `n` posts (at most `maxMs`) and answers what came back. */
export function forkIntakeClient(photo: Buffer) {
  const child = fork(import.meta.filename, [], { env: { ...process.env, [CHILD_ENV]: '1' }, serialization: 'advanced', stdio: 'inherit' });
  const pending = new Map<string, (d: DoneMsg) => void>();
  child.on('message', (d: DoneMsg) => pending.get(d.label)?.(d));
  const childExit = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`client child exited (${code})`))));
  childExit.catch(() => {});
  return {
    child,
    async drive(label: string, port: number, n: number, concurrency: number, maxMs: number, unique: boolean, seed: number, text?: { cookie: string }): Promise<DoneMsg> {
      const done = new Promise<DoneMsg>((resolve) => pending.set(label, resolve));
      child.send({ type: 'run', label, port, n, concurrency, maxMs, photo: new Uint8Array(photo), unique, seed, text } satisfies RunMsg);
      const d = await Promise.race([done, childExit]);
      pending.delete(label);
      return d;
    },
    /** Asks the child to leave; killed if it has not within 3 s. */
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      if (child.connected) child.send({ type: 'exit' });
      else child.kill();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000).unref())]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
