/// <reference types="vite/client" />
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Live } from './lib/live';

declare global {
  interface Window {
    /** Test hooks: the wall's map and live store (e2e tests read them); a province's wall, each city's store too. */
    __pantau?: { map: MapLibreMap | null; live: Live; cities?: Record<string, Live> };
  }
}
