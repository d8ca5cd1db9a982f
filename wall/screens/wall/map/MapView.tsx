import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { createSignal, onCleanup, onMount, Show, type JSX } from 'solid-js';
import type { PublicProfile } from '../../../../server/contract/profile';
import { MAP_COLOR, mapScale } from './theme';
import { attributionOf } from '../../../lib/profile';
import { lang } from '../../../lib/i18n';

maplibregl.setWorkerUrl(workerUrl);
// The map's worker starts loading with this chunk, while the profile and the snapshot are still on their way.
maplibregl.prewarm();

/** The built-in style when the city has no style URL: a dark background; BaseLayers draws the city on it. */
export function offlineStyle(): maplibregl.StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': MAP_COLOR.background } }],
  };
}

/**
 * `?bounds=w,s,e,n`: a layout that spans one map over several screens gives each screen its strip of the city;
 * the strips are fitted with no padding so they meet at the bezels.
 */
function boundsFromUrl(): [[number, number], [number, number]] | null {
  const v = new URLSearchParams(location.search).get('bounds')?.split(',').map(Number);
  if (!v || v.length !== 4 || v.some((x) => !Number.isFinite(x)) || v[0] >= v[2] || v[1] >= v[3]) return null;
  return [
    [v[0], v[1]],
    [v[2], v[3]],
  ];
}

/** How long a wall whose graphics context was lost waits before reloading itself (it is unattended). */
const RELOAD_AFTER_CONTEXT_LOSS_MS = 10_000;

/**
 * Creates the wall's map, fitted to the city, with no interaction (a wall has no mouse).
 * Its children are the layers, created once the map has loaded, in the order they stack. They size what they draw by
 * the window's width (mapScale) when they are made, so a window that changes scale (a screen switched from 1080p to
 * 4K) makes them again: each layer removes its own on cleanup and draws from the live state when made.
 */
export function MapView(props: { profile: PublicProfile; onMap?: (map: maplibregl.Map) => void; children: (map: maplibregl.Map) => JSX.Element }) {
  let el!: HTMLDivElement;
  const [loaded, setLoaded] = createSignal<maplibregl.Map>();
  const [scale, setScale] = createSignal(mapScale());

  onMount(() => {
    const p = props.profile;
    const span = boundsFromUrl();
    const bounds = span ?? p.map.bounds;
    // A margin round the city, and the credit line's height below it: the credit never covers a kecamatan.
    const fitPadding = (): number | maplibregl.PaddingOptions => {
      if (span) return 0;
      const pad = Math.round(Math.min(el.clientWidth, el.clientHeight) * 0.04);
      const credit = el.querySelector<HTMLElement>('.maplibregl-ctrl-attrib')?.offsetHeight ?? 0;
      return { top: pad, left: pad, right: pad, bottom: pad + credit };
    };
    const map = new maplibregl.Map({
      container: el,
      style: p.map.styleUrl ?? offlineStyle(),
      bounds,
      fitBoundsOptions: { padding: fitPadding() },
      interactive: false,
      fadeDuration: 0,
      attributionControl: { compact: false, customAttribution: attributionOf(p, lang) },
    });
    props.onMap?.(map);
    performance.mark('pantau:map-created');
    map.on('load', () => {
      performance.mark('pantau:map-loaded');
      // Fitted again now the credit line is in the page (it was not when the map was made), before any layer draws.
      if (!span) map.fitBounds(bounds, { padding: fitPadding(), animate: false });
      setLoaded(map);
    });
    map.on('error', (e) => console.warn('map:', e.error?.message ?? e));

    // The map's box may change size after it was fitted (a rotated panel, a browser window on a test bench, a panel
    // whose neighbours grew once the fonts and figures came in): keep the whole city in view, not the old centre.
    let refit: ReturnType<typeof setTimeout> | undefined;
    let fitted = `${el.clientWidth}x${el.clientHeight}`;
    const resized = new ResizeObserver(() => {
      const size = `${el.clientWidth}x${el.clientHeight}`;
      if (size === fitted || el.clientWidth === 0 || el.clientHeight === 0) return;
      clearTimeout(refit);
      refit = setTimeout(() => {
        fitted = `${el.clientWidth}x${el.clientHeight}`;
        map.fitBounds(bounds, { padding: fitPadding(), animate: false });
        setScale(mapScale());
      }, 200);
    });
    resized.observe(el);

    let reload: ReturnType<typeof setTimeout> | undefined;
    map.on('webglcontextlost', () => {
      reload = setTimeout(() => location.reload(), RELOAD_AFTER_CONTEXT_LOSS_MS);
    });
    map.on('webglcontextrestored', () => clearTimeout(reload));

    onCleanup(() => {
      clearTimeout(refit);
      clearTimeout(reload);
      resized.disconnect();
      map.remove();
    });
  });

  return (
    <>
      <div class="map" ref={el} />
      <Show when={loaded()}>
        {(map) => (
          <Show when={scale()} keyed>
            {(_scale: number) => props.children(map())}
          </Show>
        )}
      </Show>
    </>
  );
}
