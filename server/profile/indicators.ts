import type { IndicatorSpec } from '../contract/indicators.js';
import { cityIndicators } from '../domain/indicators.js';
import type { City } from './load.js';

const specsOf = new WeakMap<City, Map<string, IndicatorSpec>>();

/** The city's indicators by id, from its profile (computed once per loaded city). */
export function indicatorSpecs(city: City): Map<string, IndicatorSpec> {
  let m = specsOf.get(city);
  if (!m) specsOf.set(city, (m = new Map(cityIndicators(city.profile).map((s) => [s.id, s]))));
  return m;
}
