import { describe, expect, it } from 'vitest';
import { assessProof, distanceMeters } from './proof.js';

const report = { lng: 106.6312, lat: -6.1789, precision: 'point' as const };
const dispatchedAt = '2026-11-23T02:00:00Z';

describe('proof of completion', () => {
  it('measures distance on the sphere', () => {
    // 0.001° of latitude is about 111 m.
    expect(distanceMeters({ lng: 106.63, lat: -6.178 }, { lng: 106.63, lat: -6.179 })).toBeCloseTo(111.2, 0);
  });
  it('accepts a proof taken at the spot after dispatch', () => {
    expect(assessProof({ report, dispatchedAt, location: { lng: 106.6313, lat: -6.179 }, capturedAt: '2026-11-23T04:00:00Z' }).flags).toEqual([]);
  });
  it('flags a proof taken a kilometre away', () => {
    const r = assessProof({ report, dispatchedAt, location: { lng: 106.64, lat: -6.1789 }, capturedAt: '2026-11-23T04:00:00Z' });
    expect(r.flags).toEqual(['far_from_report']);
    expect(r.distanceM).toBeGreaterThan(900);
  });
  it('flags a photo taken before the job was dispatched (an old photo)', () => {
    expect(assessProof({ report, dispatchedAt, location: { lng: 106.6312, lat: -6.1789 }, capturedAt: '2026-11-22T04:00:00Z' }).flags).toEqual(['taken_before_dispatch']);
  });
  it('allows a few minutes of phone clock drift before the dispatch', () => {
    expect(assessProof({ report, dispatchedAt, location: { lng: 106.6312, lat: -6.1789 }, capturedAt: '2026-11-23T01:57:00Z' }).flags).toEqual([]);
  });
  it('says plainly when it cannot tell where or when', () => {
    expect(assessProof({ report, dispatchedAt, location: null, capturedAt: null }).flags).toEqual(['no_location', 'no_capture_time']);
  });
  it('does not measure against a report placed only at its district centre', () => {
    expect(assessProof({ report: { ...report, precision: 'district' }, dispatchedAt, location: { lng: 106.7, lat: -6.2 }, capturedAt: dispatchedAt }).flags).toEqual([]);
  });
});

import { photoFacts } from './photo-facts.js';

describe('facts read from a photo before its metadata is stripped', () => {
  it('reads the capture time with its offset, and GPS in the southern hemisphere', () => {
    const f = photoFacts({
      Photo: { DateTimeOriginal: new Date('2026-11-23T10:15:00Z'), OffsetTimeOriginal: '+07:00' },
      GPSInfo: { GPSLatitudeRef: 'S', GPSLatitude: [6, 10, 44], GPSLongitudeRef: 'E', GPSLongitude: [106, 37, 52] },
    }, '+08:00');
    expect(f.capturedAt).toBe('2026-11-23T03:15:00.000Z');
    expect(f.location).toEqual({ lat: -6.178889, lng: 106.631111 });
  });
  it("takes a capture time with no offset as the city's (WIB, or WITA in Mataram)", () => {
    expect(photoFacts({ Photo: { DateTimeOriginal: new Date('2026-11-23T08:00:00Z') } }, '+07:00').capturedAt).toBe('2026-11-23T01:00:00.000Z');
    expect(photoFacts({ Photo: { DateTimeOriginal: new Date('2026-11-23T08:00:00Z') } }, '+08:00').capturedAt).toBe('2026-11-23T00:00:00.000Z');
  });
  it('returns nothing rather than guessing from missing or null-island GPS', () => {
    expect(photoFacts(null, '+07:00')).toEqual({ capturedAt: null, location: null });
    expect(photoFacts({ GPSInfo: { GPSLatitude: [0, 0, 0], GPSLongitude: [0, 0, 0] } }, '+07:00').location).toBeNull();
  });
});
