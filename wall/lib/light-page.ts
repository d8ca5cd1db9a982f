/**
 * The phone screens (field, report, tracking) are light: dark text on white reads best in sunlight. The wall
 * and the console stay dark; this switches the document's colour scheme for the page that asks.
 */
export function useLightPage(kind: 'field' | 'public', themeColor = '#0b5cad') {
  const root = document.documentElement;
  root.classList.add('phone-page', `phone-${kind}`);
  setMeta('color-scheme', 'light');
  setMeta('theme-color', themeColor);
}

export function setMeta(name: string, content: string) {
  let m = document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`);
  if (!m) {
    m = document.createElement('meta');
    m.name = name;
    document.head.appendChild(m);
  }
  m.content = content;
}
