/// <reference types="vite/client" />
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Live } from './lib/live';

declare global {
  interface Window {
    /** Test hooks: the wall's map and live store (e2e tests read them). */
    __pantau?: { map: MapLibreMap | null; live: Live };
  }
}
