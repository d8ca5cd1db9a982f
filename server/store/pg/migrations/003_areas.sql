-- The city's kecamatan and kelurahan, from its profile (public/geo/<city>/): reference data, not events, loaded at
-- start-up (server/store/pg/geo.ts loadAreas) so "which kecamatan is this point in" runs in the database.
-- `ord` keeps the profile's order: where two areas both cover a point (a shared border), the first one wins, as in
-- server/domain/geography.ts areaAt.
CREATE TABLE areas (
  level TEXT    NOT NULL CHECK (level IN ('district', 'subdistrict')),
  code  TEXT    NOT NULL,
  ord   INTEGER NOT NULL,
  name  TEXT    NOT NULL,
  shape geometry(MultiPolygon, 4326) NOT NULL,
  PRIMARY KEY (level, code)
);
CREATE INDEX areas_shape ON areas USING gist (shape);
