import { describe, expect, it } from 'vitest';
import { stripControls } from './text.js';

describe('text a person typed', () => {
  it('keeps letters, tabs and line breaks and drops what XML cannot hold', () => {
    expect(stripControls('Jalan\u0001 rusak\u0008\u000b\u001f\u007f')).toBe('Jalan rusak');
    expect(stripControls('baris satu\nbaris\tdua\r\n')).toBe('baris satu\nbaris\tdua\r\n');
    expect(stripControls('banjir 🌊 di Cikokol \ud800x')).toBe('banjir 🌊 di Cikokol x');
  });
});
