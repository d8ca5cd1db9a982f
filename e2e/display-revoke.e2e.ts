import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { SqliteHub as Hub } from '../server/hub.js';
import { startTestHub } from '../server/testing/hub.js';
import { DEMO_PASSWORD, seedAccounts } from '../scripts/seed-accounts.js';
import { pairDisplay } from '../server/commands/displays.js';
import { SYSTEM } from '../server/contract/roles.js';
import { ARTIFACTS, launch } from './browser.js';

let hub: Hub;
let url: string;
let browser: Browser;

beforeAll(async () => {
  ({ hub, url } = await startTestHub({ staticDir: join(import.meta.dirname, '..', 'dist') }));
  await seedAccounts(hub.ctx);
  browser = await launch();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

describe('a supervisor revokes a wall display from the console', () => {
  it('the screen drops to "not paired" at once, and the console lists it as revoked', async () => {
    const lobby = await pairDisplay(hub.ctx, { ...SYSTEM, name: 'Admin Diskominfo' }, 'Layar lobi');
    const wall = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await wall.goto(`${url}/wall/kamera?display=${lobby.token}`);
    await wall.waitForSelector('body[data-cameras="ready"]', { timeout: 60_000 });

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/console/layar`);
    await page.fill('[data-testid="login-username"]', 'supervisor');
    await page.fill('[data-testid="login-password"]', DEMO_PASSWORD);
    await page.click('[data-testid="login-submit"]');
    const card = page.locator(`[data-testid="display-card"][data-display-id="${lobby.id}"]`);
    await card.locator('[data-online="yes"]').waitFor({ timeout: 30_000 });
    expect(await card.locator('[data-testid="display-paired"]').textContent()).toMatch(/Admin Diskominfo/);

    await card.locator('[data-testid="display-revoke"]').click();
    await card.locator('[data-testid="display-revoke-confirm"]').click();
    await wall.waitForSelector('[data-testid="not-paired"]', { timeout: 30_000 });
    await page.waitForSelector(`[data-testid="display-revoked"][data-display-id="${lobby.id}"]`, { timeout: 15_000 });
    expect(await page.locator(`[data-testid="display-card"][data-display-id="${lobby.id}"]`).count()).toBe(0);
    expect(await page.textContent('[data-testid="displays-message"]')).toMatch(/dicabut/);
    await page.screenshot({ path: join(ARTIFACTS, 'console-layar-revoked.png') });
    const events = hub.ctx.store.events.since(0, 10_000).filter((e) => (e.payload as { displayId?: string }).displayId === lobby.id);
    expect(events.map((e) => [e.type, e.actor.name])).toEqual([
      ['display.paired', 'Admin Diskominfo'],
      ['display.revoked', expect.any(String)],
    ]);
    expect(errors).toEqual([]);
  });
});
