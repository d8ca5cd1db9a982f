-- Pairing and revoking a wall display are events (display.paired / display.revoked); who did each is kept on the
-- display's row too, so the console's displays page can say it without reading the log.
ALTER TABLE displays ADD COLUMN paired_by TEXT;
ALTER TABLE displays ADD COLUMN revoked_by TEXT;
