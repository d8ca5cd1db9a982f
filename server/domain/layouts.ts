import type { Bounds, Layout } from '../contract/layouts.js';

/**
 * The slice of shared bounds that column `column` of `of` screens shows: the box is cut into equal vertical
 * strips in Web Mercator x, which is linear in longitude, so the strips meet exactly at the bezels.
 */
export function spanBounds(bounds: Bounds, column: number, of: number): Bounds {
  const [w, s, e, n] = bounds;
  const step = (e - w) / of;
  return [w + step * column, s, w + step * (column + 1), n];
}

/** The views a layout shows, in order: what the console lists beside a display. */
export function layoutViews(layout: Layout): string[] {
  switch (layout.kind) {
    case 'single':
      return [layout.view.view];
    case 'split':
      return layout.views.map((v) => v.view);
    case 'playlist':
      return layout.items.map((v) => v.view);
    case 'span':
      return ['map'];
  }
}

/**
 * Which playlist item is on screen at `nowMs`, and how many ms until the next one. The turn is counted from the
 * moment the layout was assigned, so two screens given one playlist turn together and a reload does not restart it.
 */
export function playlistTurn(items: readonly { seconds: number }[], startedMs: number, nowMs: number): { index: number; remainingMs: number } {
  const cycle = items.reduce((t, i) => t + i.seconds * 1000, 0);
  let into = (((nowMs - startedMs) % cycle) + cycle) % cycle;
  for (let i = 0; i < items.length; i++) {
    const len = items[i].seconds * 1000;
    if (into < len) return { index: i, remainingMs: len - into };
    into -= len;
  }
  return { index: 0, remainingMs: items[0].seconds * 1000 };
}

/** Folds the log's layout assignments: the display_layouts projection must equal this (the log is the truth). */
export function foldLayouts(events: Iterable<{ type: string; seq: number; payload: unknown }>): Map<string, { layout: Layout; seq: number }> {
  const out = new Map<string, { layout: Layout; seq: number }>();
  for (const e of events) {
    if (e.type !== 'display.layout_assigned') continue;
    const p = e.payload as { displayId: string; layout: Layout };
    out.set(p.displayId, { layout: p.layout, seq: e.seq });
  }
  return out;
}
