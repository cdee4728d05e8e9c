#include "shared/sync/central_migrations.hpp"

#include <array>

namespace accueil::central {

namespace {

// Migrations 4 and later (1 to 3 are in central.cpp). Never edit one that
// has shipped; add the next.
constexpr std::array<const char*, 7> k_later{
    // 4: what the viewer needs for `accueilctl report --central`, and no
    // more: the attendee's fields the figures count (no name, e-mail, note
    // or ticket), the log's events without operator or reason, and the
    // events' definitions (their days, categories and country).
    R"sql(
CREATE VIEW accueil.report_attendees AS
  SELECT event_id, id, category, country, organisation, delegation, days, status FROM accueil.attendees;
CREATE VIEW accueil.report_checkins AS
  SELECT event_id, uuid, attendee_id, day, kiosk, at_ms, kind, undoes, seq FROM accueil.checkins;
REVOKE ALL ON accueil.report_attendees, accueil.report_checkins FROM PUBLIC;
GRANT SELECT ON accueil.report_attendees, accueil.report_checkins TO accueil_organiser, accueil_viewer;
GRANT SELECT (id, name, definition) ON accueil.events TO accueil_viewer;
)sql",
    // 5: a kiosk id belongs to the first kiosk login that uses it (or to the
    // login the organiser bound it to beforehand, with an INSERT here): a
    // kiosk login can neither record another kiosk's heartbeat nor log
    // events in its name. Organisers are not bound.
    R"sql(
CREATE TABLE accueil.kiosk_ids (
  event_id text NOT NULL REFERENCES accueil.events (id),
  kiosk    text NOT NULL,
  login    name NOT NULL,
  bound_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, kiosk)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON accueil.kiosk_ids TO accueil_organiser;

CREATE FUNCTION accueil.claim_kiosks(ev text, names text[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = accueil, pg_temp AS $f$
DECLARE taken text; holder name;
BEGIN
  IF pg_has_role(session_user, 'accueil_organiser', 'MEMBER') THEN RETURN; END IF;
  INSERT INTO accueil.kiosk_ids (event_id, kiosk, login)
    SELECT DISTINCT ev, n, session_user FROM unnest(names) AS n ON CONFLICT DO NOTHING;
  SELECT k.kiosk, k.login INTO taken, holder FROM accueil.kiosk_ids k
    WHERE k.event_id = ev AND k.kiosk = ANY (names) AND k.login <> session_user LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'the kiosk id "%" belongs to the login %, not to %', taken, holder, session_user
      USING ERRCODE = '42501';
  END IF;
END $f$;
REVOKE ALL ON FUNCTION accueil.claim_kiosks(text, text[]) FROM PUBLIC;

CREATE OR REPLACE FUNCTION accueil.push_checkins(batch jsonb) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = accueil, pg_temp AS $f$
DECLARE ev text := accueil.require_event(); added integer; stranger text;
BEGIN
  PERFORM accueil.claim_kiosks(ev, ARRAY(SELECT DISTINCT r.kiosk FROM jsonb_to_recordset(batch) AS r(kiosk text)));
  SELECT r.attendee_id INTO stranger
    FROM jsonb_to_recordset(batch) AS r(attendee_id uuid)
    LEFT JOIN accueil.attendees a ON a.id = r.attendee_id
    WHERE a.event_id IS DISTINCT FROM ev LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'attendee % is not an attendee of the event %', stranger, ev USING ERRCODE = '42501';
  END IF;
  INSERT INTO accueil.checkins (uuid, event_id, attendee_id, day, kiosk, at_ms, kind, operator, undoes, reason)
    SELECT r.uuid, ev, r.attendee_id, r.day, r.kiosk, r.at_ms, r.kind, r.operator, r.undoes, r.reason
    FROM jsonb_to_recordset(batch) AS r(uuid uuid, attendee_id uuid, day integer, kiosk text, at_ms bigint,
         kind text, operator text, undoes text, reason text)
  ON CONFLICT (uuid) DO NOTHING;
  GET DIAGNOSTICS added = ROW_COUNT;
  RETURN added;
END $f$;

CREATE OR REPLACE FUNCTION accueil.heartbeat(kiosk_name text, kiosk_version text, synced timestamptz,
                                             waiting integer, printer_states jsonb)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = accueil, pg_temp AS $f$
DECLARE ev text := accueil.require_event();
BEGIN
  PERFORM accueil.claim_kiosks(ev, ARRAY[kiosk_name]);
  INSERT INTO accueil.heartbeats (event_id, kiosk, login, version, last_sync, outbox, printers, at)
    VALUES (ev, kiosk_name, session_user, kiosk_version, synced, waiting, coalesce(printer_states, '[]'), now())
  ON CONFLICT ON CONSTRAINT heartbeats_pkey DO UPDATE
    SET login = excluded.login, version = excluded.version, last_sync = excluded.last_sync,
        outbox = excluded.outbox, printers = excluded.printers, at = excluded.at;
END $f$;
)sql",
    // 6: a heartbeat's printers speak the common vocabulary of printer
    // states (printer/encode/printer_state.hpp's names; "none": no trouble):
    // [{"name": text, "state": one of them, "queue": badges waiting >= 0}].
    R"sql(
CREATE FUNCTION accueil.valid_printers(printers jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $f$
  SELECT CASE WHEN jsonb_typeof(printers) IS DISTINCT FROM 'array' THEN false ELSE NOT EXISTS (
    SELECT 1 FROM jsonb_array_elements(printers) AS p
    WHERE CASE WHEN jsonb_typeof(p) <> 'object' THEN true
               WHEN jsonb_typeof(p -> 'name') IS DISTINCT FROM 'string' THEN true
               WHEN jsonb_typeof(p -> 'state') IS DISTINCT FROM 'string' THEN true
               WHEN (p ->> 'state') NOT IN ('none', 'media_empty', 'media_jam', 'cover_open', 'ribbon_empty',
                                            'wrong_media', 'offline', 'other') THEN true
               WHEN jsonb_typeof(p -> 'queue') IS DISTINCT FROM 'number' THEN true
               ELSE (p ->> 'queue')::numeric < 0 END) END
$f$;
UPDATE accueil.heartbeats SET printers = '[]' WHERE NOT accueil.valid_printers(printers);
ALTER TABLE accueil.heartbeats ADD CONSTRAINT heartbeats_printers_check CHECK (accueil.valid_printers(printers));
)sql",
    // 7: a desk's correction reaches the central list (and every kiosk by
    // the pull): push_checkins applies a new `correction` event's changes to
    // the record. `imported` keeps the fields as the last central import
    // wrote them, for the rule a re-import follows (central.hpp, import):
    // a corrected field the file leaves as it was keeps the correction; a
    // field the file changes takes the file's value, and the correction it
    // replaces is recorded in import_overrides.
    R"sql(
ALTER TABLE accueil.attendees ADD COLUMN imported jsonb;
CREATE TABLE accueil.import_overrides (
  id          bigserial PRIMARY KEY,
  event_id    text NOT NULL REFERENCES accueil.events (id),
  attendee_id uuid NOT NULL REFERENCES accueil.attendees (id),
  field       text NOT NULL,
  desk_value  text NOT NULL,   -- what the desk had corrected it to
  file_value  text NOT NULL,   -- what the re-import wrote
  at          timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON accueil.import_overrides FROM PUBLIC;
GRANT SELECT, INSERT ON accueil.import_overrides TO accueil_organiser;
GRANT USAGE ON SEQUENCE accueil.import_overrides_id_seq TO accueil_organiser;

-- The fields a correction may change, and how: text, or vip (boolean).
CREATE FUNCTION accueil.apply_correction(ev text, who uuid, reason text) RETURNS void LANGUAGE plpgsql
  SET search_path = accueil, pg_temp AS $f$
DECLARE what jsonb; f record;
BEGIN
  BEGIN
    what := reason::jsonb;
  EXCEPTION WHEN others THEN
    RETURN;  -- not a list of changes: the event stays in the log, the record as it is
  END;
  IF jsonb_typeof(what) <> 'object' THEN RETURN; END IF;
  FOR f IN SELECT key, value FROM jsonb_each(what) WHERE jsonb_typeof(value) = 'array' LOOP
    IF f.key = 'vip' THEN
      UPDATE accueil.attendees SET vip = (f.value ->> 1)::boolean WHERE id = who AND event_id = ev;
    ELSIF f.key IN ('civility', 'first_name', 'last_name', 'first_name_latin', 'last_name_latin', 'organisation',
                    'function', 'country', 'category', 'language', 'email', 'delegation', 'staff_note') THEN
      EXECUTE format('UPDATE accueil.attendees SET %I = $1 WHERE id = $2 AND event_id = $3', f.key)
        USING coalesce(f.value ->> 1, ''), who, ev;
    END IF;
  END LOOP;
END $f$;
REVOKE ALL ON FUNCTION accueil.apply_correction(text, uuid, text) FROM PUBLIC;

CREATE OR REPLACE FUNCTION accueil.push_checkins(batch jsonb) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = accueil, pg_temp AS $f$
DECLARE ev text := accueil.require_event(); added integer; stranger text; fixes jsonb; fix jsonb;
BEGIN
  PERFORM accueil.claim_kiosks(ev, ARRAY(SELECT DISTINCT r.kiosk FROM jsonb_to_recordset(batch) AS r(kiosk text)));
  SELECT r.attendee_id INTO stranger
    FROM jsonb_to_recordset(batch) AS r(attendee_id uuid)
    LEFT JOIN accueil.attendees a ON a.id = r.attendee_id
    WHERE a.event_id IS DISTINCT FROM ev LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'attendee % is not an attendee of the event %', stranger, ev USING ERRCODE = '42501';
  END IF;
  WITH added_rows AS (
    INSERT INTO accueil.checkins (uuid, event_id, attendee_id, day, kiosk, at_ms, kind, operator, undoes, reason)
      SELECT r.uuid, ev, r.attendee_id, r.day, r.kiosk, r.at_ms, r.kind, r.operator, r.undoes, r.reason
      FROM jsonb_to_recordset(batch) AS r(uuid uuid, attendee_id uuid, day integer, kiosk text, at_ms bigint,
           kind text, operator text, undoes text, reason text)
    ON CONFLICT (uuid) DO NOTHING
    RETURNING attendee_id, kind, reason, at_ms, uuid)
  SELECT count(*), coalesce(jsonb_agg(jsonb_build_array(attendee_id, reason) ORDER BY at_ms, uuid)
                              FILTER (WHERE kind = 'correction'), '[]')
    INTO added, fixes FROM added_rows;
  -- Only events new here: a correction sent twice is applied once.
  FOR fix IN SELECT value FROM jsonb_array_elements(fixes) LOOP
    PERFORM accueil.apply_correction(ev, (fix ->> 0)::uuid, fix ->> 1);
  END LOOP;
  RETURN added;
END $f$;
)sql",
    // 8: signed tickets at a kiosk that never synced. The kiosk made a record
    // of its own from the ticket (source token, its own UUID); when central
    // already has that person (same reference or ticket code) under another
    // id, the kiosk's id becomes an alias of central's record instead of a
    // second record, and the events that name it are filed under central's.
    // When central does not have them yet, the kiosk's record is the
    // placeholder, keyed by the ticket's reference, that a later import fills.
    R"sql(
CREATE TABLE accueil.attendee_aliases (
  alias       uuid PRIMARY KEY,
  attendee_id uuid NOT NULL REFERENCES accueil.attendees (id),
  event_id    text NOT NULL REFERENCES accueil.events (id),
  login       name NOT NULL DEFAULT session_user
);
GRANT SELECT ON accueil.attendee_aliases TO accueil_organiser;

CREATE OR REPLACE FUNCTION accueil.push_attendees(batch jsonb) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = accueil, pg_temp AS $f$
DECLARE ev text := accueil.require_event(); added integer;
BEGIN
  INSERT INTO accueil.attendee_aliases (alias, attendee_id, event_id)
    SELECT r.id, a.id, ev
    FROM jsonb_to_recordset(batch) AS r(id uuid, external_ref text, ticket_code text, source text)
    JOIN accueil.attendees a ON a.event_id = ev AND a.id <> r.id
      AND (a.external_ref = r.external_ref OR (r.ticket_code <> '' AND a.ticket_code = r.ticket_code))
    WHERE r.source = 'token' AND NOT EXISTS (SELECT 1 FROM accueil.attendees own WHERE own.id = r.id)
  ON CONFLICT (alias) DO NOTHING;
  INSERT INTO accueil.attendees (id, event_id, external_ref, ticket_code, civility, first_name, last_name,
      first_name_latin, last_name_latin, organisation, function, country, category, language, days, delegation,
      vip, staff_note, email, status, source, ticket_token, seq, txid)
    SELECT r.id, ev, r.external_ref, r.ticket_code, r.civility, r.first_name, r.last_name, r.first_name_latin,
           r.last_name_latin, r.organisation, r.function, r.country, r.category, r.language, r.days, r.delegation,
           r.vip, r.staff_note, r.email, r.status, r.source, r.ticket_token, 0, '0'
    FROM jsonb_to_recordset(batch) AS r(id uuid, external_ref text, ticket_code text, civility text,
         first_name text, last_name text, first_name_latin text, last_name_latin text, organisation text,
         function text, country text, category text, language text, days integer, delegation text, vip boolean,
         staff_note text, email text, status text, source text, ticket_token text)
    WHERE r.source IN ('walkin', 'token') AND NOT EXISTS (SELECT 1 FROM accueil.attendee_aliases al WHERE al.alias = r.id)
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS added = ROW_COUNT;
  RETURN added;
END $f$;

-- The events' attendee ids through the aliases, before push_checkins checks and files them.
CREATE FUNCTION accueil.resolve_aliases(ev text, batch jsonb) RETURNS jsonb LANGUAGE sql STABLE
  SET search_path = accueil, pg_temp AS $f$
  SELECT coalesce(jsonb_agg(CASE WHEN al.attendee_id IS NULL THEN e
                                 ELSE jsonb_set(e, '{attendee_id}', to_jsonb(al.attendee_id::text)) END), '[]')
  FROM jsonb_array_elements(batch) AS e
  LEFT JOIN accueil.attendee_aliases al ON al.event_id = ev AND al.alias::text = e ->> 'attendee_id'
$f$;
REVOKE ALL ON FUNCTION accueil.resolve_aliases(text, jsonb) FROM PUBLIC;

CREATE OR REPLACE FUNCTION accueil.push_checkins(batch jsonb) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = accueil, pg_temp AS $f$
DECLARE ev text := accueil.require_event(); added integer; stranger text; fixes jsonb; fix jsonb;
BEGIN
  PERFORM accueil.claim_kiosks(ev, ARRAY(SELECT DISTINCT r.kiosk FROM jsonb_to_recordset(batch) AS r(kiosk text)));
  batch := accueil.resolve_aliases(ev, batch);
  SELECT r.attendee_id INTO stranger
    FROM jsonb_to_recordset(batch) AS r(attendee_id uuid)
    LEFT JOIN accueil.attendees a ON a.id = r.attendee_id
    WHERE a.event_id IS DISTINCT FROM ev LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'attendee % is not an attendee of the event %', stranger, ev USING ERRCODE = '42501';
  END IF;
  WITH added_rows AS (
    INSERT INTO accueil.checkins (uuid, event_id, attendee_id, day, kiosk, at_ms, kind, operator, undoes, reason)
      SELECT r.uuid, ev, r.attendee_id, r.day, r.kiosk, r.at_ms, r.kind, r.operator, r.undoes, r.reason
      FROM jsonb_to_recordset(batch) AS r(uuid uuid, attendee_id uuid, day integer, kiosk text, at_ms bigint,
           kind text, operator text, undoes text, reason text)
    ON CONFLICT (uuid) DO NOTHING
    RETURNING attendee_id, kind, reason, at_ms, uuid)
  SELECT count(*), coalesce(jsonb_agg(jsonb_build_array(attendee_id, reason) ORDER BY at_ms, uuid)
                              FILTER (WHERE kind = 'correction'), '[]')
    INTO added, fixes FROM added_rows;
  FOR fix IN SELECT value FROM jsonb_array_elements(fixes) LOOP
    PERFORM accueil.apply_correction(ev, (fix ->> 0)::uuid, fix ->> 1);
  END LOOP;
  RETURN added;
END $f$;
)sql",
    // 9: what the organisers' dashboard (accueil --dashboard with a central
    // list) reads as a viewer, and no more. The report views gain their
    // change cursor (txid, seq: commit-safe, as the kiosks' pull). The
    // kiosks' heartbeats without their login. The names and functions of
    // the VIPs and of each delegation's head (its VIP member, else its first
    // member by id) only: the protocol feed on the organisers' screen names
    // them, as the desk's VIP list does; no one else's name, no e-mail.
    R"sql(
CREATE OR REPLACE VIEW accueil.report_attendees AS
  SELECT event_id, id, category, country, organisation, delegation, days, status, seq FROM accueil.attendees;
CREATE OR REPLACE VIEW accueil.report_checkins AS
  SELECT event_id, uuid, attendee_id, day, kiosk, at_ms, kind, undoes, seq, txid FROM accueil.checkins;
CREATE VIEW accueil.dashboard_heartbeats AS
  SELECT event_id, kiosk, version, last_sync, outbox, printers, at FROM accueil.heartbeats;
CREATE VIEW accueil.dashboard_protocol AS
  SELECT a.event_id, a.id, a.vip, a.civility, a.first_name, a.last_name, a.first_name_latin, a.last_name_latin,
         a.function
  FROM accueil.attendees a
  WHERE a.status = 'active' AND (a.vip OR (a.delegation <> '' AND NOT EXISTS (
    SELECT 1 FROM accueil.attendees b
    WHERE b.event_id = a.event_id AND b.status = 'active' AND lower(b.delegation) = lower(a.delegation)
      AND (b.vip OR b.id < a.id))));
REVOKE ALL ON accueil.dashboard_heartbeats, accueil.dashboard_protocol FROM PUBLIC;
GRANT SELECT ON accueil.dashboard_heartbeats, accueil.dashboard_protocol TO accueil_organiser, accueil_viewer;
)sql",
    // 10: the rest of the dashboard's stations panel for a viewer. A
    // kiosk's heartbeat also says how many badges wait at its reception desk
    // (a failed printer left them there): a count, no one's name; kiosks of
    // an older build call the five-argument heartbeat and leave it at 0.
    // The cross-kiosk duplicates (the pairs accueil.conflicts lists) with
    // their day, kiosks and times only: no name, reference or attendee id,
    // as the panel shows no more.
    R"sql(
ALTER TABLE accueil.heartbeats ADD COLUMN reception integer NOT NULL DEFAULT 0 CHECK (reception >= 0);

CREATE FUNCTION accueil.heartbeat(kiosk_name text, kiosk_version text, synced timestamptz, waiting integer,
                                  printer_states jsonb, at_reception integer)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = accueil, pg_temp AS $f$
DECLARE ev text := accueil.require_event();
BEGIN
  PERFORM accueil.claim_kiosks(ev, ARRAY[kiosk_name]);
  INSERT INTO accueil.heartbeats (event_id, kiosk, login, version, last_sync, outbox, printers, reception, at)
    VALUES (ev, kiosk_name, session_user, kiosk_version, synced, waiting, coalesce(printer_states, '[]'),
            coalesce(at_reception, 0), now())
  ON CONFLICT ON CONSTRAINT heartbeats_pkey DO UPDATE
    SET login = excluded.login, version = excluded.version, last_sync = excluded.last_sync,
        outbox = excluded.outbox, printers = excluded.printers, reception = excluded.reception, at = excluded.at;
END $f$;
REVOKE ALL ON FUNCTION accueil.heartbeat(text, text, timestamptz, integer, jsonb, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION accueil.heartbeat(text, text, timestamptz, integer, jsonb, integer)
  TO accueil_organiser, accueil_kiosk;

CREATE OR REPLACE VIEW accueil.dashboard_heartbeats AS
  SELECT event_id, kiosk, version, last_sync, outbox, printers, at, reception FROM accueil.heartbeats;

CREATE VIEW accueil.dashboard_duplicates AS
  WITH effective AS (
    SELECT c.event_id, c.attendee_id, c.day, c.kiosk, c.at_ms, c.uuid FROM accueil.checkins c
    WHERE c.kind IN ('checkin', 'walkin')
      AND NOT EXISTS (SELECT 1 FROM accueil.checkins u WHERE u.kind = 'undo' AND u.undoes = c.uuid::text))
  SELECT f.event_id, f.day, f.kiosk AS first_kiosk, f.at_ms AS first_at_ms,
         l.kiosk AS later_kiosk, l.at_ms AS later_at_ms
  FROM effective f
  JOIN effective l ON l.attendee_id = f.attendee_id AND l.day = f.day AND (l.at_ms, l.uuid) > (f.at_ms, f.uuid)
  WHERE NOT EXISTS (SELECT 1 FROM effective e WHERE e.attendee_id = f.attendee_id AND e.day = f.day
                    AND (e.at_ms, e.uuid) < (f.at_ms, f.uuid));
REVOKE ALL ON accueil.dashboard_duplicates FROM PUBLIC;
GRANT SELECT ON accueil.dashboard_duplicates TO accueil_organiser, accueil_viewer;
)sql",
};

}  // namespace

std::span<const char* const> later_migrations() { return k_later; }

}  // namespace accueil::central
