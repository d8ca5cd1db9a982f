import { chromium, type Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const ARTIFACTS = join(import.meta.dirname, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export const CHROMIUM = process.env.PANTAU_CHROMIUM ?? '/usr/bin/chromium';
/** WebGL through SwiftShader (see shared NOTES-env.md): MapLibre needs it; and no traffic but to the hub. */
export const CHROMIUM_ARGS = [
  '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
  '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-default-apps', '--disable-domain-reliability', '--no-pings', '--dns-prefetch-disable',
];

/**
 * The page is composited in software; WebGL (the map) still draws through SwiftShader. Composited through SwiftShader,
 * every frame of the page was a GL-emulated pass over the whole surface in the GPU process: a 4K wall of the demo
 * used 13.3 core-seconds in 10 s doing nothing but show the simulators' events, 4.8 composited in software, and the
 * whole e2e run went from 285 s to 210 s (chromium's CPU 415 to 280 core-seconds). Not in CHROMIUM_ARGS: the benches
 * keep the browser a wall would run.
 */
const TEST_ONLY_ARGS = ['--disable-gpu-compositing'];

/**
 * Debian's chromium, headless. Pages ask for reduced motion, as a viewer may: no breathing dots, no blinking
 * breach rings. On a CPU-rendered page every animation frame is a software repaint of the whole layer (at 4K,
 * 8 million pixels), which starved the pages a test was waiting on; nothing a test checks moves.
 */
export async function launch(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...TEST_ONLY_ARGS] });
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = (o = {}) => newContext({ reducedMotion: 'reduce', ...halfDensity(o), ...o });
  browser.newPage = (o = {}) => newPage({ reducedMotion: 'reduce', ...halfDensity(o), ...o });
  return browser;
}

/**
 * A desk or wall-sized page is drawn at half density unless the test asks for its own: the layout is the same in CSS
 * pixels (every check reads CSS pixels, MapLibre's queryRenderedFeatures too) and SwiftShader paints a quarter of
 * the pixels (a 1080p wall's load: ~5.5 core-seconds at density 1, ~3.8 at 0.5). The newcomer walk opens its pages
 * without a viewport here, so it sees every screen at density 1, as the room does.
 */
function halfDensity(o: { viewport?: { width: number } | null; deviceScaleFactor?: number }): { deviceScaleFactor?: number } {
  return o.deviceScaleFactor === undefined && (o.viewport?.width ?? 0) >= 1280 ? { deviceScaleFactor: 0.5 } : {};
}
