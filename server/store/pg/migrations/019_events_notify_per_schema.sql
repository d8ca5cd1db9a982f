-- A city of an installation of several has its tables in a schema of its own (server/installation.ts): its log
-- notifies on a channel of that schema (server/store/pg/notify.ts, eventsChannel), so one city's commits do not wake
-- every other city's log followers. A database of one city (public) keeps the channel it had.
CREATE OR REPLACE FUNCTION events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(CASE current_schema() WHEN 'public' THEN 'pantau_events' ELSE 'pantau_events_' || current_schema() END, '');
  RETURN NULL;
END
$$;
