-- Every transaction that appends to the log tells the hubs listening (server/store/pg/notify.ts) once it has
-- committed: their log followers read it at once instead of at their next look. One notification per transaction
-- (a statement trigger, and PostgreSQL folds equal notifications of one transaction into one); none for a rollback.
CREATE FUNCTION events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('pantau_events', '');
  RETURN NULL;
END
$$;
CREATE TRIGGER events_notify AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION events_notify();
