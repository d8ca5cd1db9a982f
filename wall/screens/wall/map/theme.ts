import type { Phase } from '../../../../server/contract/reports';

/** Marker colours: chosen to stay apart on a dark map and for red–green colour-blind viewers (red is orange-red, green is blue-green). */
export const PHASE_COLOR: Record<Phase, string> = {
  red: '#ff453a',
  yellow: '#ffd60a',
  green: '#30d158',
  grey: '#8e8e93',
};

export const MAP_COLOR = {
  background: '#070b12',
  city: '#111b2b',
  subdistrictLine: '#23344d',
  districtLine: '#4c6a91',
  cityLine: '#7fa2cf',
  label: '#b4c6dc',
  labelHalo: '#070b12',
  markerStroke: '#05080d',
};

/**
 * Sizes on the map are in CSS pixels; a 4K wall at 100 % zoom has twice the CSS pixels of a
 * 1080p one, so everything drawn on the map grows with the screen's width, as the type does.
 */
export const mapScale = (): number => Math.min(3, Math.max(0.75, window.innerWidth / 1920));
