#include "shared/sync/central.hpp"

#include <array>
#include <map>
#include <unordered_map>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "shared/domain/event_file.hpp"
#include "shared/store/store.hpp"
#include "shared/sync/central_internal.hpp"
#include "shared/sync/central_migrations.hpp"
#include "shared/sync/local.hpp"

namespace accueil::central {

namespace {

using json = nlohmann::json;

// Each migration moves the central schema from version N-1 to N, inside the
// transaction that records it in accueil.migrations. Never edit one that has
// shipped; add the next.
constexpr std::array<const char*, 3> k_migrations{
    // 1: events, attendees, the check-in log, prints, heartbeats, kiosk
    // logins; the three roles and what they may do.
    R"sql(
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'accueil_organiser') THEN CREATE ROLE accueil_organiser NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'accueil_kiosk') THEN CREATE ROLE accueil_kiosk NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'accueil_viewer') THEN CREATE ROLE accueil_viewer NOLOGIN; END IF;
END $$;

CREATE TABLE accueil.events (
  id            text PRIMARY KEY,
  name          text NOT NULL,
  definition    text NOT NULL,              -- the event file (TOML), as Accueil writes it
  email_letters int NOT NULL DEFAULT 0,     -- letters of the e-mail a kiosk may read (name_search.check = "email")
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- One sequence numbers every change a kiosk pulls. With the writing
-- transaction's id (txid) it makes the pull cursor (txid, seq): see
-- shared/sync/local.hpp for why it never skips a late commit.
CREATE SEQUENCE accueil.changes;

CREATE TABLE accueil.attendees (
  id               uuid PRIMARY KEY,
  event_id         text NOT NULL REFERENCES accueil.events (id),
  external_ref     text NOT NULL,
  ticket_code      text NOT NULL DEFAULT '',
  civility         text NOT NULL DEFAULT '',
  first_name       text NOT NULL DEFAULT '',
  last_name        text NOT NULL DEFAULT '',
  first_name_latin text NOT NULL DEFAULT '',
  last_name_latin  text NOT NULL DEFAULT '',
  organisation     text NOT NULL DEFAULT '',
  function         text NOT NULL DEFAULT '',
  country          text NOT NULL DEFAULT '',
  category         text NOT NULL DEFAULT '',
  language         text NOT NULL DEFAULT '',
  days             integer NOT NULL DEFAULT 0,   -- bit d-1 set: registered for day d
  delegation       text NOT NULL DEFAULT '',
  vip              boolean NOT NULL DEFAULT false,
  staff_note       text NOT NULL DEFAULT '',
  email            text NOT NULL DEFAULT '',
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
  source           text NOT NULL DEFAULT 'import' CHECK (source IN ('import', 'token', 'walkin')),
  ticket_token     text NOT NULL DEFAULT '',
  updated_at       timestamptz NOT NULL DEFAULT now(),
  seq              bigint NOT NULL,
  txid             xid8 NOT NULL,
  UNIQUE (event_id, external_ref)
);
CREATE UNIQUE INDEX attendees_ticket_code ON accueil.attendees (event_id, ticket_code) WHERE ticket_code <> '';
CREATE INDEX attendees_changes ON accueil.attendees (event_id, txid, seq);

CREATE FUNCTION accueil.stamp_change() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  NEW.seq := nextval('accueil.changes');
  NEW.txid := pg_current_xact_id();
  NEW.updated_at := now();
  RETURN NEW;
END $f$;
CREATE TRIGGER attendees_stamp BEFORE INSERT OR UPDATE ON accueil.attendees
  FOR EACH ROW EXECUTE FUNCTION accueil.stamp_change();

-- The check-in log of every kiosk: append-only, keyed by the kiosk's UUID.
CREATE TABLE accueil.checkins (
  uuid        uuid PRIMARY KEY,
  event_id    text NOT NULL REFERENCES accueil.events (id),
  attendee_id uuid NOT NULL REFERENCES accueil.attendees (id),
  day         integer NOT NULL CHECK (day BETWEEN 1 AND 32),
  kiosk       text NOT NULL,
  at_ms       bigint NOT NULL,                -- Unix time, milliseconds, when the kiosk recorded it
  kind        text NOT NULL CHECK (kind IN ('checkin', 'undo', 'reprint', 'walkin')),
  operator    text NOT NULL DEFAULT '',
  undoes      text NOT NULL DEFAULT '',
  reason      text NOT NULL DEFAULT '',
  received_at timestamptz NOT NULL DEFAULT now(),
  login       name NOT NULL DEFAULT session_user,  -- who pushed it
  seq         bigint NOT NULL DEFAULT nextval('accueil.changes'),
  txid        xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX checkins_changes ON accueil.checkins (event_id, txid, seq);
CREATE INDEX checkins_attendee_day ON accueil.checkins (attendee_id, day);
CREATE FUNCTION accueil.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
END $f$;
CREATE TRIGGER checkins_append_only BEFORE UPDATE OR DELETE ON accueil.checkins
  FOR EACH ROW EXECUTE FUNCTION accueil.refuse_change();

-- Badges printed again, for the organiser's audit: filled from the log.
CREATE TABLE accueil.prints (
  checkin_uuid uuid PRIMARY KEY REFERENCES accueil.checkins (uuid),
  event_id     text NOT NULL,
  attendee_id  uuid NOT NULL,
  kiosk        text NOT NULL,
  operator     text NOT NULL,
  reason       text NOT NULL,
  at_ms        bigint NOT NULL
);
CREATE FUNCTION accueil.audit_reprint() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  INSERT INTO accueil.prints VALUES (NEW.uuid, NEW.event_id, NEW.attendee_id, NEW.kiosk, NEW.operator, NEW.reason, NEW.at_ms);
  RETURN NULL;
END $f$;
CREATE TRIGGER checkins_reprint AFTER INSERT ON accueil.checkins
  FOR EACH ROW WHEN (NEW.kind = 'reprint') EXECUTE FUNCTION accueil.audit_reprint();

-- A change wakes the kiosks that LISTEN (one notification per transaction
-- and event: PostgreSQL folds identical ones).
CREATE FUNCTION accueil.notify_change() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM pg_notify('accueil_changes', NEW.event_id);
  RETURN NULL;
END $f$;
CREATE TRIGGER attendees_notify AFTER INSERT OR UPDATE ON accueil.attendees
  FOR EACH ROW EXECUTE FUNCTION accueil.notify_change();
CREATE TRIGGER checkins_notify AFTER INSERT ON accueil.checkins
  FOR EACH ROW EXECUTE FUNCTION accueil.notify_change();

CREATE TABLE accueil.heartbeats (
  event_id  text NOT NULL REFERENCES accueil.events (id),
  kiosk     text NOT NULL,
  login     name NOT NULL,
  version   text NOT NULL,
  last_sync timestamptz,
  outbox    integer NOT NULL,          -- events waiting to be pushed
  printers  jsonb NOT NULL DEFAULT '[]',  -- [{name, state, queue}]
  at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, kiosk)
);

-- Which event each kiosk login serves.
CREATE TABLE accueil.kiosk_logins (
  login    name PRIMARY KEY,
  event_id text NOT NULL REFERENCES accueil.events (id)
);

-- The caller's event: a kiosk login's own; for an organiser, the one it
-- chose with SET accueil.event (a kiosk cannot choose).
CREATE FUNCTION accueil.my_event() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = accueil, pg_temp AS $f$
  SELECT coalesce(
    (SELECT event_id FROM accueil.kiosk_logins WHERE login = session_user),
    CASE WHEN pg_has_role(session_user, 'accueil_organiser', 'MEMBER')
         THEN nullif(current_setting('accueil.event', true), '') END)
$f$;

CREATE FUNCTION accueil.my_event_definition() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = accueil, pg_temp AS $f$
  SELECT definition FROM accueil.events WHERE id = accueil.my_event()
$f$;

-- What a kiosk reads: its event only; of the e-mail, the letters its name
-- search checks and no more.
CREATE VIEW accueil.kiosk_attendees WITH (security_barrier) AS
  SELECT a.id, a.external_ref, a.ticket_code, a.civility, a.first_name, a.last_name, a.first_name_latin,
         a.last_name_latin, a.organisation, a.function, a.country, a.category, a.language, a.days,
         a.delegation, a.vip, a.staff_note, left(a.email, e.email_letters) AS email_start, a.status,
         a.ticket_token, a.txid, a.seq
  FROM accueil.attendees a JOIN accueil.events e ON e.id = a.event_id
  WHERE a.event_id = accueil.my_event();
CREATE VIEW accueil.kiosk_checkins WITH (security_barrier) AS
  SELECT uuid, attendee_id, day, kiosk, at_ms, kind, operator, undoes, reason, txid, seq
  FROM accueil.checkins WHERE event_id = accueil.my_event();

CREATE FUNCTION accueil.require_event() RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = accueil, pg_temp AS $f$
DECLARE ev text := accueil.my_event();
BEGIN
  IF ev IS NULL THEN
    RAISE EXCEPTION 'the login % is not a kiosk of any event (accueilctl central init --kiosk)', session_user
      USING ERRCODE = '42501';
  END IF;
  RETURN ev;
END $f$;

-- A kiosk's outbox, pushed: attendees it created (walk-ins, signed tickets
-- seen before the list), then its log events. Idempotent: what is there
-- already is left alone. Returns how many were new.
CREATE FUNCTION accueil.push_attendees(batch jsonb) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = accueil, pg_temp AS $f$
DECLARE ev text := accueil.require_event(); added integer;
BEGIN
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
    WHERE r.source IN ('walkin', 'token')
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS added = ROW_COUNT;
  RETURN added;
END $f$;

CREATE FUNCTION accueil.push_checkins(batch jsonb) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = accueil, pg_temp AS $f$
DECLARE ev text := accueil.require_event(); added integer; stranger text;
BEGIN
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

CREATE FUNCTION accueil.heartbeat(kiosk_name text, kiosk_version text, synced timestamptz, waiting integer,
                                  printer_states jsonb)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = accueil, pg_temp AS $f$
DECLARE ev text := accueil.require_event();
BEGIN
  INSERT INTO accueil.heartbeats (event_id, kiosk, login, version, last_sync, outbox, printers, at)
    VALUES (ev, kiosk_name, session_user, kiosk_version, synced, waiting, coalesce(printer_states, '[]'), now())
  ON CONFLICT ON CONSTRAINT heartbeats_pkey DO UPDATE
    SET login = excluded.login, version = excluded.version, last_sync = excluded.last_sync,
        outbox = excluded.outbox, printers = excluded.printers, at = excluded.at;
END $f$;

-- The organiser's and viewers' figures: registered and present people per
-- event, day and category (a check-in or walk-in that no undo cancels).
CREATE VIEW accueil.figures AS
  WITH present AS (
    SELECT DISTINCT c.event_id, c.day, c.attendee_id FROM accueil.checkins c
    WHERE c.kind IN ('checkin', 'walkin')
      AND NOT EXISTS (SELECT 1 FROM accueil.checkins u WHERE u.kind = 'undo' AND u.undoes = c.uuid::text))
  SELECT a.event_id, d.day, a.category,
         count(*) FILTER (WHERE a.status = 'active' AND (a.days >> (d.day - 1)) & 1 = 1) AS registered,
         count(p.attendee_id) AS present
  FROM accueil.attendees a
  CROSS JOIN generate_series(1, 32) AS d(day)
  LEFT JOIN present p ON p.event_id = a.event_id AND p.day = d.day AND p.attendee_id = a.id
  GROUP BY a.event_id, d.day, a.category
  HAVING count(*) FILTER (WHERE a.status = 'active' AND (a.days >> (d.day - 1)) & 1 = 1) > 0 OR count(p.attendee_id) > 0;

-- Least privilege: nothing for PUBLIC; each role what the comment at the top
-- of shared/sync/central.hpp says.
REVOKE ALL ON ALL TABLES IN SCHEMA accueil FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA accueil FROM PUBLIC;
REVOKE ALL ON SCHEMA accueil FROM PUBLIC;
GRANT USAGE ON SCHEMA accueil TO accueil_organiser, accueil_kiosk, accueil_viewer;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA accueil TO accueil_organiser;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA accueil TO accueil_organiser;
GRANT EXECUTE ON FUNCTION accueil.my_event(), accueil.my_event_definition(), accueil.require_event(),
  accueil.push_attendees(jsonb), accueil.push_checkins(jsonb),
  accueil.heartbeat(text, text, timestamptz, integer, jsonb) TO accueil_organiser, accueil_kiosk;
GRANT SELECT ON accueil.kiosk_attendees, accueil.kiosk_checkins TO accueil_kiosk;
GRANT SELECT ON accueil.figures TO accueil_viewer;
)sql",
    // 2: check-ins of the same person for the same day made by kiosks that
    // did not know of each other (cut off): both events stay in the log; each
    // later one is listed beside the earliest, which is the one that counts.
    R"sql(
CREATE VIEW accueil.conflicts AS
  WITH effective AS (
    SELECT c.* FROM accueil.checkins c
    WHERE c.kind IN ('checkin', 'walkin')
      AND NOT EXISTS (SELECT 1 FROM accueil.checkins u WHERE u.kind = 'undo' AND u.undoes = c.uuid::text))
  SELECT f.event_id, f.attendee_id, f.day, a.first_name, a.last_name, a.external_ref,
         f.uuid AS first_uuid, f.kiosk AS first_kiosk, f.at_ms AS first_at_ms,
         l.uuid AS later_uuid, l.kiosk AS later_kiosk, l.at_ms AS later_at_ms
  FROM effective f
  JOIN effective l ON l.attendee_id = f.attendee_id AND l.day = f.day AND (l.at_ms, l.uuid) > (f.at_ms, f.uuid)
  JOIN accueil.attendees a ON a.id = f.attendee_id
  WHERE NOT EXISTS (SELECT 1 FROM effective e WHERE e.attendee_id = f.attendee_id AND e.day = f.day
                    AND (e.at_ms, e.uuid) < (f.at_ms, f.uuid));
REVOKE ALL ON accueil.conflicts FROM PUBLIC;
GRANT SELECT ON accueil.conflicts TO accueil_organiser;
)sql",
    // 3: the desk's events travel too: a correction of a record (what changed,
    // as JSON in reason) and a kiosk's refusal of a badge a reprint replaced.
    R"sql(
ALTER TABLE accueil.checkins DROP CONSTRAINT checkins_kind_check;
ALTER TABLE accueil.checkins ADD CONSTRAINT checkins_kind_check
  CHECK (kind IN ('checkin', 'undo', 'reprint', 'walkin', 'correction', 'superseded'));
)sql",
};

int email_letters(const Event& event) {
  return event.name_search.check == NameSearchRules::Check::email ? event.name_search.check_letters : 0;
}

Status grant_logins(pg::Connection& conn, const std::vector<std::string>& logins, std::string_view role) {
  for (const std::string& login : logins) {
    if (login.empty()) return fail(fmt::format("an empty login name for the role {}", role));
    auto exists = conn.exec("SELECT 1 FROM pg_roles WHERE rolname = $1", {login});
    if (!exists) return std::unexpected(exists.error());
    const std::string quoted = pg::quote_identifier(login);
    if (exists->size() == 0)
      if (auto s = conn.run(fmt::format("CREATE ROLE {} LOGIN", quoted)); !s)
        return fail(fmt::format("cannot create the login {}: {}", login, s.error().message));
    if (auto s = conn.run(fmt::format("GRANT {} TO {}", role, quoted)); !s)
      return fail(fmt::format("cannot grant {} to {}: {}", role, login, s.error().message));
  }
  return {};
}

}  // namespace

int schema_version() { return static_cast<int>(k_migrations.size() + later_migrations().size()); }

namespace {
const char* migration(int version) {
  const auto index = static_cast<std::size_t>(version - 1);
  return index < k_migrations.size() ? k_migrations[index] : later_migrations()[index - k_migrations.size()];
}
}  // namespace

Result<InitReport> init(pg::Connection& conn, const Event& event, const Logins& logins) {
  InitReport report;
  report.to_version = schema_version();
  auto done = detail::in_transaction(conn, [&]() -> Status {
    // Two inits at once: the second waits, then finds nothing to do.
    if (auto s = conn.run("SELECT pg_advisory_xact_lock(hashtext('accueil central migrations'))"); !s) return s;
    if (auto s = conn.run("CREATE SCHEMA IF NOT EXISTS accueil; "
                          "CREATE TABLE IF NOT EXISTS accueil.migrations (version integer PRIMARY KEY, "
                          "applied_at timestamptz NOT NULL DEFAULT now())");
        !s)
      return s;
    auto version = conn.exec("SELECT coalesce(max(version), 0) FROM accueil.migrations");
    if (!version) return std::unexpected(version.error());
    report.from_version = static_cast<int>(version->integer(0, 0));
    if (report.from_version > schema_version())
      return fail(fmt::format("the central list has schema version {} but this build of Accueil knows up to {}: "
                              "use a newer build", report.from_version, schema_version()));
    for (int next = report.from_version + 1; next <= schema_version(); ++next) {
      auto applied = conn.run(migration(next));
      if (applied) applied = conn.run(fmt::format("INSERT INTO accueil.migrations (version) VALUES ({})", next));
      if (!applied)
        return fail(fmt::format("cannot migrate the central list to schema version {}: {}", next,
                                applied.error().message));
    }
    auto changed = conn.exec(
        "INSERT INTO accueil.events AS e (id, name, definition, email_letters) VALUES ($1, $2, $3, $4::integer) "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, definition = excluded.definition, "
        "email_letters = excluded.email_letters, updated_at = now() "
        "WHERE (e.name, e.definition, e.email_letters) IS DISTINCT FROM "
        "(excluded.name, excluded.definition, excluded.email_letters) RETURNING 1",
        {event.id, event.name, event_to_toml(event), std::to_string(email_letters(event))});
    if (!changed) return std::unexpected(changed.error());
    report.event_changed = changed->size() > 0;
    if (auto s = grant_logins(conn, logins.organisers, "accueil_organiser"); !s) return s;
    if (auto s = grant_logins(conn, logins.viewers, "accueil_viewer"); !s) return s;
    if (auto s = grant_logins(conn, logins.kiosks, "accueil_kiosk"); !s) return s;
    for (const std::string& login : logins.kiosks)
      if (auto s = conn.exec("INSERT INTO accueil.kiosk_logins (login, event_id) VALUES ($1, $2) "
                             "ON CONFLICT (login) DO UPDATE SET event_id = excluded.event_id",
                             {login, event.id});
          !s)
        return std::unexpected(s.error());
    return {};
  });
  if (!done) return std::unexpected(done.error());
  return report;
}

Result<std::string> describe_grants(pg::Connection& conn) {
  std::string out;
  const std::array<std::pair<const char*, const char*>, 3> roles{{
      {"accueil_organiser", "everything on the schema accueil (the check-in log stays append-only)"},
      {"accueil_kiosk",
       "its own event only (accueil.kiosk_logins): reads attendees and check-ins through views, appends "
       "through functions; no table, no update, no delete; of the e-mail only the letters the name search "
       "checks (accueil.events.email_letters, 0 unless name_search.check = \"email\")"},
      {"accueil_viewer",
       "the counts (accueil.figures) and what the report counts (report_attendees, report_checkins: no name, "
       "e-mail, note, ticket, operator or reason), the events' definitions; for the dashboard the kiosks' "
       "heartbeats (dashboard_heartbeats, with the number of badges waiting at each kiosk's reception, no "
       "names), the names and functions of VIPs and delegation heads only (dashboard_protocol), and the "
       "cross-kiosk duplicates as day, kiosks and times (dashboard_duplicates: no name, reference or "
       "attendee id); nothing else"},
  }};
  for (const auto& [role, summary] : roles) {
    out += fmt::format("{}: {}\n", role, summary);
    auto tables = conn.exec(
        "SELECT c.relname, string_agg(p.privilege_type, ', ' ORDER BY p.privilege_type) "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "CROSS JOIN LATERAL (SELECT unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) AS privilege_type) p "
        "WHERE n.nspname = 'accueil' AND c.relkind IN ('r', 'v', 'S') AND c.relname <> 'migrations' "
        "AND has_table_privilege($1, c.oid, p.privilege_type) GROUP BY c.relname ORDER BY c.relname",
        {std::string(role)});
    if (!tables) return std::unexpected(tables.error());
    for (int r = 0; r < tables->size(); ++r)
      out += fmt::format("  {:<22} {}\n", fmt::format("accueil.{}", tables->text(r, 0)), tables->text(r, 1));
    auto functions = conn.exec(
        "SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' FROM pg_proc p "
        "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'accueil' "
        "AND p.prorettype <> 'trigger'::regtype AND has_function_privilege($1, p.oid, 'EXECUTE') ORDER BY 1",
        {std::string(role)});
    if (!functions) return std::unexpected(functions.error());
    for (int r = 0; r < functions->size(); ++r)
      out += fmt::format("  {:<22} EXECUTE\n", fmt::format("accueil.{}", functions->text(r, 0)));
    auto members = conn.exec(
        "SELECT string_agg(m.rolname, ', ' ORDER BY m.rolname) FROM pg_auth_members am "
        "JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles m ON m.oid = am.member WHERE g.rolname = $1",
        {std::string(role)});
    if (!members) return std::unexpected(members.error());
    out += fmt::format("  logins: {}\n", members->is_null(0, 0) ? "none" : members->text(0, 0));
  }
  return out;
}

Result<std::vector<Conflict>> conflicts(pg::Connection& conn, const Event& event) {
  auto rows = conn.exec(
      "SELECT first_name, last_name, external_ref, day, first_kiosk, first_at_ms, later_kiosk, later_at_ms, "
      "first_uuid, later_uuid FROM accueil.conflicts WHERE event_id = $1 ORDER BY first_at_ms, later_at_ms",
      {event.id});
  if (!rows) return std::unexpected(rows.error());
  std::vector<Conflict> out;
  for (int r = 0; r < rows->size(); ++r) {
    Attendee who;
    who.first_name = rows->text(r, 0);
    who.last_name = rows->text(r, 1);
    out.push_back({display_name(who), std::string(rows->text(r, 2)), static_cast<int>(rows->integer(r, 3)),
                   std::string(rows->text(r, 4)), rows->integer(r, 5), std::string(rows->text(r, 6)),
                   rows->integer(r, 7), std::string(rows->text(r, 8)), std::string(rows->text(r, 9))});
  }
  return out;
}

Result<Event> load_event(pg::Connection& conn, const std::string& event_id) {
  auto rows = event_id.empty() ? conn.exec("SELECT id, definition FROM accueil.events ORDER BY id LIMIT 2")
                               : conn.exec("SELECT id, definition FROM accueil.events WHERE id = $1", {event_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->size() == 0)
    return fail(event_id.empty() ? std::string("the central list holds no event: run accueilctl central init first")
                                 : fmt::format("the central list holds no event \"{}\"", event_id));
  if (rows->size() > 1)
    return fail("the central list holds several events: say which (--event-id)");
  return parse_event(rows->text(0, 1), fmt::format("the central list's event {}", rows->text(0, 0)));
}

}  // namespace accueil::central
