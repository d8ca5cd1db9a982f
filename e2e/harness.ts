import { afterAll, beforeAll } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { SqliteHub as Hub } from '../server/hub.js';
import type { Config } from '../server/config.js';
import { startTestHub, WALL_TOKEN } from '../server/testing/hub.js';
import type { TemplateName } from '../server/testing/templates.js';
import { DEMO_PASSWORD } from '../scripts/seed-accounts.js';
import { launch } from './browser.js';

/**
 * One hub and one browser per e2e file, and the login helper, instead of each file's own copy.
 *
 *   const e2e = useE2e({ from: 'demo', now: () => new Date(clock.t) });   // at the top of the file
 *   e2e.hub, e2e.url, e2e.config, e2e.dataDir, e2e.browser                 // set once beforeAll has run
 *   await e2e.page({ width: 390, height: 844 })        a new page in its own context (a person of its own)
 *   await e2e.wall('/wall/kamera', 'body[data-cameras="ready"]', size)     a paired wall screen, ready
 *   await e2e.login('operator.dkp', '/console')        the login form of /console, /field, /admin, /ringkas,
 *                                                      /console/layar…, filled and sent; resolves once it is sent
 *   await e2e.session('supervisor')                    a session cookie from the API, for context.addCookies
 *
 * `from` starts the hub on a copy of a store seeded once per run (server/testing/templates.ts): 'accounts' (the
 * demo logins, password DEMO_PASSWORD) or 'demo' (accounts, a fortnight of reports, indicators, a dark camera).
 * Contexts opened through these helpers are closed after the file, then the browser, then the hub.
 * A file that restarts its hub sets `e2e.hub`/`e2e.url` to the new one, so it is the one closed.
 */
export type E2eOptions = { from?: TemplateName; now?: () => Date; config?: Partial<Config> | (() => Partial<Config>) };
export type PageOptions = { width: number; height: number; context?: Parameters<Browser['newContext']>[0] };

export const DIST = join(import.meta.dirname, '..', 'dist');
const FULL_HD = { width: 1920, height: 1080 };

export function useE2e(opts: E2eOptions = {}) {
  const contexts: BrowserContext[] = [];
  const e2e = {
    hub: null as unknown as Hub,
    url: '',
    config: null as unknown as Config,
    dataDir: '',
    browser: null as unknown as Browser,

    async page(size: PageOptions = FULL_HD): Promise<Page> {
      const { width, height, context: extra } = size;
      const context = await e2e.browser.newContext({ viewport: { width, height }, ...extra });
      // Waits end on what the page shows; this is only how long a wait may take on a loaded two-core machine.
      context.setDefaultTimeout(120_000);
      contexts.push(context);
      return context.newPage();
    },

    async wall(path: string, ready: string, size: PageOptions = FULL_HD): Promise<Page> {
      const page = await e2e.page(size);
      await page.goto(`${e2e.url}${path}${path.includes('?') ? '&' : '?'}display=${WALL_TOKEN}`);
      await page.waitForSelector(ready, { timeout: 60_000 });
      return page;
    },

    async login(username: string, path = '/console', size: PageOptions = FULL_HD): Promise<Page> {
      const page = await e2e.page(size);
      await page.goto(`${e2e.url}${path}`);
      await page.fill('[data-testid="login-username"]', username);
      await page.fill('[data-testid="login-password"]', DEMO_PASSWORD);
      await page.click('[data-testid="login-submit"]');
      return page;
    },

    async session(username: string): Promise<{ name: string; value: string; url: string }> {
      const res = await fetch(`${e2e.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
      const [name, value] = res.headers.get('set-cookie')!.split(';')[0].split('=');
      return { name, value, url: e2e.url };
    },
  };

  beforeAll(async () => {
    // The browser starts while the hub copies its store.
    const browser = launch();
    const over = typeof opts.config === 'function' ? opts.config() : (opts.config ?? {});
    ({ hub: e2e.hub, url: e2e.url, config: e2e.config, dataDir: e2e.dataDir } = await startTestHub({ staticDir: DIST, ...over }, { now: opts.now, from: opts.from }));
    e2e.browser = await browser;
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await e2e.browser?.close();
    await e2e.hub?.close();
  });
  return e2e;
}

/**
 * The frame of one view inside the layout screen (/wall/layar), through its iframe element: a search of
 * page.frames() by address can miss a frame that exists but has not navigated yet (that race failed CI runs twice).
 * A frame's waitForSelector outlasts its navigation.
 */
export async function layoutFrame(page: Page, view: string): Promise<Frame> {
  const el = await page.waitForSelector(`[data-testid="layar-frame"][data-view="${view}"]`, { timeout: 90_000 });
  return (await el.contentFrame())!;
}
