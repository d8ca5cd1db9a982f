/**
 * Makes /field an installable app that opens without signal: links the manifest (only on this page, so the
 * wall is never offered as an app), registers /sw.js with scope "/", and tells the service worker which built
 * files this page loaded, so it keeps exactly those for the next offline start.
 */
export function setUpFieldApp() {
  if (!document.querySelector('link[rel="manifest"]')) {
    const link = document.createElement('link');
    link.rel = 'manifest';
    link.href = '/manifest.webmanifest';
    document.head.appendChild(link);
  }
  if (!document.querySelector('link[rel="apple-touch-icon"]')) {
    const icon = document.createElement('link');
    icon.rel = 'apple-touch-icon';
    icon.href = '/icons/field-192.png';
    document.head.appendChild(icon);
  }
  const fav = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (fav) fav.href = '/icons/field-192.png';

  // Service workers need https (or localhost); in development vite serves sources, not the built shell.
  if (import.meta.env.DEV || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .then(() => navigator.serviceWorker.ready)
    .then((reg) => {
      const urls = performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name, location.href))
        .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/'))
        .map((u) => u.pathname);
      reg.active?.postMessage({ type: 'cache-shell', assets: [...new Set(urls)] });
    })
    .catch(() => {
      /* no offline start on this phone; everything else works */
    });
}
