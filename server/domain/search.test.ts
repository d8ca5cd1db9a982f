import { describe, expect, it } from 'vitest';
import { searchTerms } from './search.js';
import { loadCity } from '../profile/load.js';

const profile = {
  categories: [
    { id: 'macet', label: { id: 'Kemacetan', en: 'Traffic jam' } },
    { id: 'jalan-rusak', label: { id: 'Jalan rusak', en: 'Damaged road' } },
    { id: 'pju', label: { id: 'Lampu jalan (PJU) mati', en: 'Street light out' } },
  ],
  districts: [
    { code: '36.71.01', name: 'Tangerang' },
    { code: '36.71.11', name: 'Benda' },
    { code: '36.71.02', name: 'Jatiuwung' },
  ],
};

describe('what an operator search means', () => {
  it('a category name, in either language or part of it, names that category', () => {
    expect(searchTerms('Kemacetan', profile)).toEqual([{ text: 'Kemacetan', categoryIds: ['macet'], districtCodes: [] }]);
    expect(searchTerms('traffic', profile)[0]!.categoryIds).toEqual(['macet']);
    expect(searchTerms('kemacet', profile)[0]!.categoryIds).toEqual(['macet']);
  });

  it('a kecamatan name names that kecamatan, whatever the case', () => {
    expect(searchTerms('benda', profile)).toEqual([{ text: 'benda', categoryIds: [], districtCodes: ['36.71.11'] }]);
  });

  it('a word that names a category also stays a text word, and "jalan" finds every category it is part of', () => {
    const [t] = searchTerms('jalan', profile);
    expect(t).toEqual({ text: 'jalan', categoryIds: ['jalan-rusak', 'pju'], districtCodes: [] });
  });

  it('several words are several terms (each must match); LIKE wildcards and extra spaces are dropped', () => {
    const terms = searchTerms('  Kemacetan   Benda ', profile);
    expect(terms.map((t) => t.text)).toEqual(['Kemacetan', 'Benda']);
    expect(searchTerms('50%_', profile)).toEqual([{ text: '50', categoryIds: [], districtCodes: [] }]);
    expect(searchTerms('   ', profile)).toEqual([]);
    expect(searchTerms('ban\u0000jir', profile).map((t) => t.text)).toEqual(['banjir']);
  });

  it('a ticket is a plain text word', () => {
    expect(searchTerms('TNG-2026-000123', profile)).toEqual([{ text: 'TNG-2026-000123', categoryIds: [], districtCodes: [] }]);
  });

  it("works on the real Tangerang profile: 'Kemacetan' and 'Benda' as the queue shows them", () => {
    const city = loadCity('tangerang');
    const [cat] = searchTerms('Kemacetan', { categories: city.profile.categories, districts: city.districts });
    expect(cat!.categoryIds).toEqual(['macet']);
    const [d] = searchTerms('Benda', { categories: city.profile.categories, districts: city.districts });
    expect(d!.districtCodes).toHaveLength(1);
  });
});
