import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { createSignal, onCleanup, onMount, Show, type JSX } from 'solid-js';
import type { PublicProfile } from '../../../../server/contract/profile';
import { MAP_COLOR } from './theme';
import { attributionOf } from '../../../lib/profile';
import { lang } from '../../../lib/i18n';

maplibregl.setWorkerUrl(workerUrl);

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
 * Its children are the layers, created once the map has loaded, in the order they stack.
 */
export function MapView(props: { profile: PublicProfile; onMap?: (map: maplibregl.Map) => void; children: (map: maplibregl.Map) => JSX.Element }) {
  let el!: HTMLDivElement;
  const [loaded, setLoaded] = createSignal<maplibregl.Map>();

  onMount(() => {
    const p = props.profile;
    const span = boundsFromUrl();
    const bounds = span ?? p.map.bounds;
    const fitPadding = () => (span ? 0 : Math.round(Math.min(el.clientWidth, el.clientHeight) * 0.04));
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
    map.on('load', () => setLoaded(map));
    map.on('error', (e) => console.warn('map:', e.error?.message ?? e));

    // The screen may change size (a browser window on a test bench, a rotated panel): keep the city in view.
    let refit: ReturnType<typeof setTimeout> | undefined;
    const onResize = () => {
      clearTimeout(refit);
      refit = setTimeout(() => map.fitBounds(bounds, { padding: fitPadding(), animate: false }), 200);
    };
    window.addEventListener('resize', onResize);

    let reload: ReturnType<typeof setTimeout> | undefined;
    map.on('webglcontextlost', () => {
      reload = setTimeout(() => location.reload(), RELOAD_AFTER_CONTEXT_LOSS_MS);
    });
    map.on('webglcontextrestored', () => clearTimeout(reload));

    onCleanup(() => {
      clearTimeout(refit);
      clearTimeout(reload);
      window.removeEventListener('resize', onResize);
      map.remove();
    });
  });

  return (
    <>
      <div class="map" ref={el} />
      <Show when={loaded()}>{(map) => props.children(map())}</Show>
    </>
  );
}
