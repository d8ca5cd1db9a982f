import { describe, expect, it } from 'vitest';
import { Layout } from '../contract/layouts.js';
import { layoutViews, playlistTurn, spanBounds } from './layouts.js';

describe('Layout schema', () => {
  it('accepts each kind', () => {
    for (const l of [
      { kind: 'single', view: { view: 'cameras' } },
      { kind: 'split', views: [{ view: 'map', window: '6h' }, { view: 'performance' }], direction: 'columns' },
      { kind: 'playlist', items: [{ view: 'map', seconds: 30 }, { view: 'cameras', seconds: 20 }] },
      { kind: 'span', column: 1, of: 3, bounds: [106.55, -6.3, 106.75, -6.1] },
    ])
      expect(Layout.safeParse(l).success, JSON.stringify(l)).toBe(true);
  });

  it('names the field that is wrong', () => {
    const path = (l: unknown) => {
      const r = Layout.safeParse(l);
      return r.success ? null : r.error.issues[0].path.join('.');
    };
    expect(path({ kind: 'single', view: { view: 'weather' } })).toBe('view.view');
    expect(path({ kind: 'split', views: [{ view: 'map' }], direction: 'columns' })).toBe('views');
    expect(path({ kind: 'playlist', items: [{ view: 'map', seconds: 2 }, { view: 'cameras', seconds: 20 }] })).toBe('items.0.seconds');
    expect(path({ kind: 'playlist', items: [{ view: 'map', seconds: 20 }] })).toBe('items');
    expect(path({ kind: 'span', column: 3, of: 3, bounds: [106.55, -6.3, 106.75, -6.1] })).toBe('column');
    expect(path({ kind: 'span', column: 0, of: 2, bounds: [106.75, -6.3, 106.55, -6.1] })).toBe('bounds');
    expect(path({ kind: 'carousel' })).toBe('kind');
    expect(path({ kind: 'single', view: { view: 'map', window: '2h' } })).toBe('view.window');
  });
});

describe('spanBounds', () => {
  it('cuts the shared box into strips that meet at the bezels', () => {
    const b = [100, -10, 130, 10] as [number, number, number, number];
    expect(spanBounds(b, 0, 3)).toEqual([100, -10, 110, 10]);
    expect(spanBounds(b, 2, 3)).toEqual([120, -10, 130, 10]);
  });
});

describe('playlistTurn', () => {
  const items = [{ seconds: 10 }, { seconds: 20 }];
  it('counts turns from the assignment, so screens and reloads agree', () => {
    expect(playlistTurn(items, 0, 0)).toEqual({ index: 0, remainingMs: 10_000 });
    expect(playlistTurn(items, 0, 9_000)).toEqual({ index: 0, remainingMs: 1_000 });
    expect(playlistTurn(items, 0, 10_000)).toEqual({ index: 1, remainingMs: 20_000 });
    expect(playlistTurn(items, 0, 31_000)).toEqual({ index: 0, remainingMs: 9_000 });
    // A screen whose clock is behind the assignment still shows a valid turn.
    expect(playlistTurn(items, 5_000, 0).index).toBe(1);
  });
  it('lists the views a layout shows', () => {
    expect(layoutViews({ kind: 'span', column: 0, of: 2, bounds: [1, 1, 2, 2] })).toEqual(['map']);
  });
});
