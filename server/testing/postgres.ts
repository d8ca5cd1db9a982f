import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { freePort } from '../../scripts/cluster/free-port.js';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPool } from '../store/pg/pool.js';
import { migratePg } from '../store/pg/migrate.js';

/**
 * A private PostgreSQL cluster for tests: initdb into a temp folder, the server on a free loopback port with its
 * socket in that folder, stopped and removed at the end. Debian's PostgreSQL 15 (scripts/ensure-postgres.sh installs
 * it; PANTAU_PG_BIN points elsewhere).
 *
 * PostgreSQL refuses to run as root, and the tests run as root in CI: then initdb and the server run as the
 * `postgres` system user (the Debian package creates it) through setpriv, which execs in place, so the child
 * process this file holds IS the postmaster: its exit is the event a crash test waits for.
 *
 * Settings: fsync off and full_page_writes off. The tests kill the server process, they cannot cut the power; what
 * a committed transaction wrote to the kernel survives a killed process whether or not it was fsynced, so fsync
 * only costs time here. synchronous_commit stays ON: off would acknowledge a commit whose WAL still sits in the
 * server's shared memory, which dies with the server, and the crash test checks exactly that nothing acknowledged is
 * lost.
 */
export const PG_BIN = process.env.PANTAU_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const USER = 'pantau';

export type PgCluster = {
  readonly port: number;
  /** A connection URL (password included) to one database of the cluster. */
  url(database?: string): string;
  /** SIGKILL the postmaster and every server process, as the OOM killer would: no shutdown checkpoint. */
  crash(): Promise<void>;
  /** Starts the server again on the same data folder and port (crash recovery runs first). */
  restart(): Promise<void>;
  /** Fast shutdown, then the folder is removed. */
  stop(): Promise<void>;
};

function missing(): string | null {
  for (const b of ['initdb', 'postgres']) if (!existsSync(join(PG_BIN, b))) return `${join(PG_BIN, b)} not found`;
  return null;
}

const isRoot = () => process.getuid?.() === 0;

/**
 * The command line that runs `cmd` as the postgres user when we are root, else as ourselves; killed when the process
 * that started it dies (a test worker killed on a timeout must not leave a server running).
 */
function asServerUser(cmd: string, args: string[]): [string, string[]] {
  const user = isRoot() ? ['--reuid=postgres', '--regid=postgres', '--init-groups'] : [];
  return ['setpriv', [...user, '--pdeathsig', 'SIGKILL', cmd, ...args]];
}

function serverUser(): { uid: number; gid: number } {
  try {
    return {
      uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
      gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
    };
  } catch {
    throw new Error('running as root, the test cluster runs as the postgres user, and there is none: install postgresql-15 (scripts/ensure-postgres.sh)');
  }
}

/** Where the cluster's folder goes: the temp folder, unless (as root) the postgres user could not reach it, e.g. a TMPDIR under /root. */
function clusterParent(): string {
  const t = tmpdir();
  if (!isRoot()) return t;
  for (let d = t; d !== dirname(d); d = dirname(d)) if (!(statSync(d).mode & 0o001)) return '/tmp';
  return t;
}

/** Every process whose parent is `pid` (the postmaster's backends and workers). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent; the command name (field 2) may hold spaces, so split after ')'.
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(d));
    } catch {
      // exited while we looked
    }
  }
  return out;
}

/** Resolves once none of `pids` is alive (gone or a zombie: either has let go of the shared memory). */
async function gone(pids: number[]): Promise<void> {
  // The kernel gives no event for the exit of a process that is not our child: look at its state until it is gone
  // (it nearly always is at the first look: SIGKILL is delivered before kill() returns to a waiting process).
  const alive = (pid: number) => {
    try {
      return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };
  while (pids.some(alive)) await new Promise((r) => setImmediate(r));
}

/**
 * A kept cluster stopped by a crash or a power cut leaves its postmaster.pid behind. PostgreSQL starts over one whose
 * pid is gone, but refuses one whose pid has since been given to another process (after a reboot, a likely one):
 * then the lock is nobody's, and it goes. A postmaster still running on this folder keeps it (and its refusal).
 */
function clearStaleLock(data: string): void {
  const lock = join(data, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number(readFileSync(lock, 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return; // gone: PostgreSQL clears it itself
  }
  if (!(cmdline.includes('postgres') && cmdline.includes(data))) rmSync(lock, { force: true });
}

/**
 * settings: server settings over the test ones (a bench measuring durable commits turns fsync back on). dir: a folder
 * the cluster lives in and is kept in (`npm run demo:cluster`): made on the first start, started again as it is on
 * the next, never removed; without it, a temp folder removed at stop.
 */
export async function startPostgres(opts: { settings?: Record<string, string>; dir?: string; detached?: boolean } = {}): Promise<PgCluster> {
  const why = missing();
  if (why) throw new Error(`PostgreSQL 15 is not installed (${why}): run \`bash scripts/ensure-postgres.sh\` (npm test's pretest does)`);
  const owner = isRoot() ? serverUser() : null;
  const kept = opts.dir !== undefined;
  const root = opts.dir ?? mkdtempSync(join(clusterParent(), 'pantau-pg-'));
  const data = join(root, 'data');
  const reused = kept && existsSync(join(data, 'PG_VERSION'));
  if (kept) {
    // Its parents as any folder (the server's user must pass through them), the cluster's own folder private.
    mkdirSync(dirname(root), { recursive: true });
    if (!existsSync(root)) mkdirSync(root, { mode: 0o700 });
  }
  const password = reused ? readFileSync(join(root, 'pw'), 'utf8') : randomBytes(18).toString('base64url');
  if (!reused) writeFileSync(join(root, 'pw'), password, { mode: 0o600 });
  if (owner) {
    chownSync(root, owner.uid, owner.gid);
    chownSync(join(root, 'pw'), owner.uid, owner.gid);
  }
  const remove = () => {
    if (!kept) rmSync(root, { recursive: true, force: true });
  };
  // --no-sync: a test cluster need not survive a power cut. Local (socket) logins need no password: the socket lives
  // in `root`, which only the server's user may enter; TCP logins need the random password.
  const [cmd, args] = asServerUser(join(PG_BIN, 'initdb'), [
    '-D', data, '-U', USER, '--pwfile', join(root, 'pw'), '--auth-local=trust', '--auth-host=scram-sha-256',
    '--no-sync', '--no-instructions', '-E', 'UTF8', '--locale=C.UTF-8',
  ]);
  try {
    if (!reused) execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    rmSync(kept ? data : root, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(e as { stderr?: Buffer }).stderr?.toString() ?? e}`);
  }

  if (reused) clearStaleLock(data);
  let port = 0;
  let server: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const launch = (): Promise<void> => {
    const [cmd, args] = asServerUser(join(PG_BIN, 'postgres'), [
      '-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${root}`,
      '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'synchronous_commit=on',
      '-c', 'shared_buffers=32MB', '-c', 'max_connections=200', '-c', 'log_min_messages=warning',
      '-c', 'log_min_error_statement=panic', '-c', 'log_checkpoints=off',
      ...Object.entries(opts.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    ]);
    // detached: a process group of its own, so a terminal's Ctrl+C reaches only whoever stops it in order.
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: opts.detached ?? false });
    server = child;
    exited = new Promise((r) => child.once('exit', () => r()));
    let log = '';
    return new Promise<void>((resolve, reject) => {
      // LOG ranks above WARNING for log_min_messages, so the "ready to accept connections" line is still written.
      child.stderr!.on('data', (b: Buffer) => {
        log = (log + b.toString()).slice(-4000);
        if (log.includes('ready to accept connections')) resolve();
      });
      child.once('exit', (code, signal) => reject(new Error(`postgres exited (${code ?? signal}) before it was ready:\n${log}`)));
      child.once('error', reject);
    });
  };

  const boot = async () => {
    // Another process may take the free port between the look and the bind: then try another.
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      try {
        return await launch();
      } catch (e) {
        if (attempt >= 3 || !/could not (bind|create listen)/i.test(String(e))) throw e;
      }
    }
  };
  try {
    await boot();
  } catch (e) {
    remove();
    throw e;
  }
  // A test process that dies without its teardown must not leave a server running or its folder behind.
  const onExit = () => {
    server?.kill('SIGKILL');
    remove();
  };
  process.once('exit', onExit);

  const cluster: PgCluster = {
    get port() {
      return port;
    },
    url: (database = 'postgres') => `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    async crash() {
      const pid = server?.pid;
      if (!pid) return;
      const backends = childrenOf(pid);
      for (const p of [pid, ...backends]) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await exited;
      await gone(backends);
      server = null;
    },
    async restart() {
      if (server) throw new Error('the cluster is running');
      await launch();
    },
    async stop() {
      if (server) {
        server.kill('SIGINT');
        await exited;
        server = null;
      }
      process.off('exit', onExit);
      remove();
    },
  };
  return cluster;
}

/** Runs `sql` statements on one database of the cluster, each alone (CREATE DATABASE may not run in a transaction). */
export async function onDatabase(url: string, ...sql: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of sql) await client.query(s);
  } finally {
    await client.end();
  }
}

/** Where the run's cluster is (its admin URL), set by the vitest globalSetup (server/testing/global-setup.ts). */
export const PG_TEST_ENV = 'PANTAU_TEST_PG';
/** The database every test database is copied from: PostGIS created and the store's migrations applied. */
const TEMPLATE = 'pantau_template';

/** Makes the template database on a fresh cluster: what each test file's database is a copy of. */
export async function prepareTemplate(cluster: PgCluster): Promise<void> {
  await onDatabase(cluster.url(), `CREATE DATABASE ${TEMPLATE}`);
  await onDatabase(cluster.url(TEMPLATE), 'CREATE EXTENSION postgis');
  // Closed before any copy is made: CREATE DATABASE ... TEMPLATE refuses a template someone is connected to.
  const pool = openPool(cluster.url(TEMPLATE), 1);
  try {
    await migratePg(pool);
  } finally {
    await pool.end();
  }
}

let own: Promise<PgCluster> | null = null;

/** The run's cluster (from the globalSetup), else one this process starts once (a script, another vitest config). */
async function adminUrl(): Promise<string> {
  const url = process.env[PG_TEST_ENV];
  if (url) return url;
  own ??= startPostgres().then(async (c) => (await prepareTemplate(c), c));
  return (await own).url();
}

let made = 0;

/**
 * A database of its own for one test file, copied from the template (so files run in parallel on one cluster):
 * `url` to connect, `drop()` in afterAll. A copy costs tens of milliseconds; migrating afresh would cost more.
 */
export async function testDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = await adminUrl();
  const name = `pantau_test_${process.pid}_${++made}`;
  await onDatabase(admin, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onDatabase(admin, `DROP DATABASE ${name} WITH (FORCE)`) };
}
