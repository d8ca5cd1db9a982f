-- A city of an installation of several has its tables in a schema of its own, city_<id> (server/installation.ts):
-- its log notifies on a channel of that schema (server/store/pg/notify.ts, eventsChannel), so one city's commits do
-- not wake every other city's log followers. Keyed on the table's schema, not the session's: a database of one city,
-- in public or in any other schema, keeps the channel it had.
CREATE OR REPLACE FUNCTION events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(CASE WHEN TG_TABLE_SCHEMA LIKE 'city\_%' THEN 'pantau_events_' || TG_TABLE_SCHEMA ELSE 'pantau_events' END, '');
  RETURN NULL;
END
$$;
