/*
 * Pantau's service worker: lets the field supervisor's page (/field) open without signal.
 *
 * - /field (and /field/…) navigations: network first (4 s, the page is small), else the cached shell.
 * - /assets/…: the built files, content-hashed and immutable: from the cache when there, else the network.
 *   The cache holds what the field page last used (the page posts that list once it has loaded) plus what
 *   its index.html names; older builds' files are dropped then.
 * - /media/<hash>/thumb.webp: report photo thumbnails (public, immutable) for the job cards offline; at most 150.
 * - /api/…, /socket.io/…, every other page (the wall, the console, the citizen pages): not touched, straight to
 *   the network. No API answer is ever cached here; the field page keeps its own job list in IndexedDB.
 */
const SHELL_CACHE = 'pantau-field-shell-v1';
const MEDIA_CACHE = 'pantau-media-v1';
const KEEP = [SHELL_CACHE, MEDIA_CACHE];
const SHELL_KEY = '/field';
const NAV_TIMEOUT_MS = 4000;
const MEDIA_MAX = 150;

const isFieldPath = (p) => p === '/field' || p.startsWith('/field/');

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell([]).catch(() => undefined));
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('pantau-') && !KEEP.includes(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'cache-shell' && Array.isArray(data.assets)) {
    event.waitUntil(cacheShell(data.assets.filter((a) => typeof a === 'string' && a.startsWith('/assets/'))).catch(() => undefined));
  }
});

/** Fetches the current index.html, caches it and every asset it or the page names; drops assets no longer named. */
async function cacheShell(pageAssets) {
  const cache = await caches.open(SHELL_CACHE);
  const res = await fetch(SHELL_KEY, { cache: 'no-cache', credentials: 'same-origin' });
  if (!res.ok) return;
  const html = await res.clone().text();
  const named = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  const wanted = new Set([...named, ...pageAssets]);
  for (const url of wanted) {
    if (await cache.match(url)) continue;
    try {
      const r = await fetch(url, { credentials: 'same-origin' });
      if (r.ok) await cache.put(url, r);
    } catch {
      /* offline again: the next page load finishes the job */
    }
  }
  await cache.put(SHELL_KEY, res);
  // Only prune when the page told us what it uses, so an install alone never drops a chunk a page needs.
  if (pageAssets.length) {
    for (const req of await cache.keys()) {
      const path = new URL(req.url).pathname;
      if (path.startsWith('/assets/') && !wanted.has(path)) await cache.delete(req);
    }
  }
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;

  if (req.mode === 'navigate') {
    if (isFieldPath(url.pathname)) event.respondWith(fieldNavigation(req));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(req));
    return;
  }
  if (/^\/media\/[a-f0-9]{64}\/thumb\.webp$/.test(url.pathname)) {
    event.respondWith(mediaThumb(req));
  }
});

async function fieldNavigation(req) {
  const network = fetch(req);
  network.catch(() => undefined); // a late failure after the cached shell was served is not an error
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), NAV_TIMEOUT_MS));
  try {
    const res = await Promise.race([network, timeout]);
    if (res && res.ok) return res;
  } catch {
    /* offline */
  }
  const cached = await caches.match(SHELL_KEY, { cacheName: SHELL_CACHE });
  if (cached) return cached;
  return network; // nothing cached yet: wait for the network however long it takes
}

async function cacheFirst(req) {
  const cached = await caches.match(req, { cacheName: SHELL_CACHE });
  return cached || fetch(req);
}

async function mediaThumb(req) {
  const cache = await caches.open(MEDIA_CACHE);
  const cached = await cache.match(req);
  if (cached) return cached;
  const res = await fetch(req);
  if (res.ok) {
    await cache.put(req, res.clone());
    const keys = await cache.keys();
    for (const old of keys.slice(0, Math.max(0, keys.length - MEDIA_MAX))) await cache.delete(old);
  }
  return res;
}
