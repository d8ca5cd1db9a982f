/**
 * How old the wall's news is, in the room's words: "baru saja", "3 mnt lalu", "2 jam lalu", "4 hari lalu".
 * A negative age (the screen's clock is behind the hub's) reads as "just now".
 */
export function ageText(ms: number, lang: 'id' | 'en'): string {
  const min = Math.floor(Math.max(0, ms) / 60_000);
  if (min < 1) return lang === 'en' ? 'just now' : 'baru saja';
  if (min < 60) return lang === 'en' ? `${min} min ago` : `${min} mnt lalu`;
  const h = Math.floor(min / 60);
  if (h < 48) return lang === 'en' ? `${h} h ago` : `${h} jam lalu`;
  const d = Math.floor(h / 24);
  return lang === 'en' ? `${d} days ago` : `${d} hari lalu`;
}
