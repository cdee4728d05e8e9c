#include "shared/store/store.hpp"

#include <array>
#include <chrono>
#include <thread>
#include <unordered_map>

#include <fmt/core.h>
#include <fmt/std.h>

#include "shared/domain/event_file.hpp"
#include "shared/store/present_sql.hpp"

namespace accueil {

namespace {

// Each migration moves the schema from version N-1 to N. Never edit one that
// has shipped; add the next.
constexpr std::array<const char*, 9> k_migrations{
    // 1: settings, attendees, the check-in log and its outbox.
    R"sql(
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE attendees (
  id               TEXT PRIMARY KEY,
  external_ref     TEXT NOT NULL UNIQUE,
  ticket_code      TEXT NOT NULL,
  civility         TEXT NOT NULL DEFAULT '',
  first_name       TEXT NOT NULL DEFAULT '',
  last_name        TEXT NOT NULL DEFAULT '',
  first_name_latin TEXT NOT NULL DEFAULT '',
  last_name_latin  TEXT NOT NULL DEFAULT '',
  organisation     TEXT NOT NULL DEFAULT '',
  function         TEXT NOT NULL DEFAULT '',
  country          TEXT NOT NULL DEFAULT '',
  category         TEXT NOT NULL DEFAULT '',
  language         TEXT NOT NULL DEFAULT '',
  days             INTEGER NOT NULL DEFAULT 0,   -- bit d-1 set: registered for day d
  delegation       TEXT NOT NULL DEFAULT '',
  vip              INTEGER NOT NULL DEFAULT 0,
  staff_note       TEXT NOT NULL DEFAULT '',
  email            TEXT NOT NULL DEFAULT '',
  status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
  source           TEXT NOT NULL DEFAULT 'import' CHECK (source IN ('import', 'token', 'walkin')),
  updated_ms       INTEGER NOT NULL
);
CREATE UNIQUE INDEX attendees_ticket_code ON attendees (ticket_code) WHERE ticket_code <> '';

CREATE TABLE checkins (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,  -- local order of arrival in this store
  uuid        TEXT NOT NULL UNIQUE,
  attendee_id TEXT NOT NULL REFERENCES attendees (id),
  day         INTEGER NOT NULL CHECK (day BETWEEN 1 AND 32),
  kiosk       TEXT NOT NULL,
  at_ms       INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('checkin', 'undo', 'reprint', 'walkin')),
  operator    TEXT NOT NULL DEFAULT '',
  undoes      TEXT NOT NULL DEFAULT '',
  reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX checkins_attendee_day ON checkins (attendee_id, day);
CREATE INDEX checkins_undoes ON checkins (undoes) WHERE kind = 'undo';
CREATE TRIGGER checkins_no_update BEFORE UPDATE ON checkins
  BEGIN SELECT RAISE(ABORT, 'the check-in log is append-only'); END;
CREATE TRIGGER checkins_no_delete BEFORE DELETE ON checkins
  BEGIN SELECT RAISE(ABORT, 'the check-in log is append-only'); END;

-- What this store has to ship to the central store, oldest first.
CREATE TABLE outbox (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  topic      TEXT NOT NULL CHECK (topic IN ('checkin', 'attendee')),
  ref        TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  sent_ms    INTEGER
);
CREATE INDEX outbox_pending ON outbox (seq) WHERE sent_ms IS NULL;
)sql",
    // 2: the signed ticket issued to each attendee, so that a kiosk (which
    // cannot sign) prints it on the badge of someone who found their name.
    R"sql(
ALTER TABLE attendees ADD COLUMN ticket_token TEXT NOT NULL DEFAULT '';
)sql",
    // 3: the durable print queue (printer/queue). A request is queued, then
    // sending from just before its first byte leaves for the printer, then
    // printed, failed or cancelled. One found in 'sending' after a crash is
    // never sent again by itself: see printer/queue/request_store.hpp.
    R"sql(
CREATE TABLE print_requests (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  attendee_id       TEXT NOT NULL REFERENCES attendees (id),
  printer           TEXT NOT NULL,              -- configured printer it is assigned to (failover changes it)
  requested_printer TEXT NOT NULL,              -- the printer it was submitted for
  template          TEXT NOT NULL DEFAULT '',   -- badge template; '' is the printer's own
  state             TEXT NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'sending', 'printed', 'failed', 'cancelled')),
  problem           TEXT NOT NULL DEFAULT 'none', -- the last printer trouble, a PrinterProblem name
  detail            TEXT NOT NULL DEFAULT '',   -- why it failed, or what the last trouble was
  attempts          INTEGER NOT NULL DEFAULT 0, -- deliveries tried
  next_attempt_ms   INTEGER NOT NULL DEFAULT 0, -- queued: not before this time (back-off)
  job_id            INTEGER,                    -- the CUPS job, once created
  job_queue         TEXT NOT NULL DEFAULT '',   -- the CUPS queue that job is on
  cancel_requested  INTEGER NOT NULL DEFAULT 0,
  reprint_of        INTEGER REFERENCES print_requests (id),
  reason            TEXT NOT NULL DEFAULT '',   -- a reprint: why
  checkin_uuid      TEXT NOT NULL DEFAULT '',   -- a reprint: its event in the check-in log
  created_ms        INTEGER NOT NULL,
  updated_ms        INTEGER NOT NULL,
  finished_ms       INTEGER
);
CREATE INDEX print_requests_open ON print_requests (printer, next_attempt_ms) WHERE state IN ('queued', 'sending');
CREATE INDEX print_requests_attendee ON print_requests (attendee_id);
)sql",
    // 4: the reception list (printer/queue/request_store.hpp). A request is
    // in one place at a time: its printer's queue (queued, sending) or the
    // reception list (reception), where a person prints it again or hands the
    // badge over (handed). queued_ms: when it joined its printer's queue (its
    // age counts from there); to_reception: asked to the reception list while
    // it was being sent. print_queue_holders: what the process that runs the
    // store's print queue serves, with its heartbeat. SQLite cannot change a
    // CHECK: the table is rebuilt (its self-reference names the new table,
    // which the rename carries over).
    R"sql(
CREATE TABLE print_requests_4 (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  attendee_id       TEXT NOT NULL REFERENCES attendees (id),
  printer           TEXT NOT NULL,
  requested_printer TEXT NOT NULL,
  template          TEXT NOT NULL DEFAULT '',
  state             TEXT NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'sending', 'printed', 'failed', 'cancelled', 'reception', 'handed')),
  problem           TEXT NOT NULL DEFAULT 'none',
  detail            TEXT NOT NULL DEFAULT '',
  attempts          INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms   INTEGER NOT NULL DEFAULT 0,
  job_id            INTEGER,
  job_queue         TEXT NOT NULL DEFAULT '',
  cancel_requested  INTEGER NOT NULL DEFAULT 0,
  reprint_of        INTEGER REFERENCES print_requests_4 (id),
  reason            TEXT NOT NULL DEFAULT '',
  checkin_uuid      TEXT NOT NULL DEFAULT '',
  created_ms        INTEGER NOT NULL,
  updated_ms        INTEGER NOT NULL,
  finished_ms       INTEGER,
  queued_ms         INTEGER NOT NULL DEFAULT 0,  -- when it joined its printer's queue: submitted, or released from reception
  to_reception      INTEGER NOT NULL DEFAULT 0   -- sending: to the reception list once stopped, not cancelled
);
INSERT INTO print_requests_4 (id, attendee_id, printer, requested_printer, template, state, problem, detail, attempts,
                              next_attempt_ms, job_id, job_queue, cancel_requested, reprint_of, reason, checkin_uuid,
                              created_ms, updated_ms, finished_ms, queued_ms)
  SELECT id, attendee_id, printer, requested_printer, template, state, problem, detail, attempts, next_attempt_ms,
         job_id, job_queue, cancel_requested, reprint_of, reason, checkin_uuid, created_ms, updated_ms, finished_ms,
         created_ms
  FROM print_requests ORDER BY id;
DROP TABLE print_requests;
ALTER TABLE print_requests_4 RENAME TO print_requests;
CREATE INDEX print_requests_open ON print_requests (printer, next_attempt_ms) WHERE state IN ('queued', 'sending');
CREATE INDEX print_requests_attendee ON print_requests (attendee_id);
CREATE INDEX print_requests_reception ON print_requests (id) WHERE state = 'reception';
CREATE TABLE print_queue_holders (
  holder       TEXT PRIMARY KEY,   -- host:pid
  program      TEXT NOT NULL,      -- "accueil kiosk entree-1", "accueilctl print"
  printers     TEXT NOT NULL,      -- the configured printers it prints on, one name a line
  started_ms   INTEGER NOT NULL,
  heartbeat_ms INTEGER NOT NULL    -- renewed every few seconds while it runs
);
)sql",
    // 5: the reception desk (shared/store/desk.hpp, staff.hpp). The log
    // takes the desk's corrections (what changed, as JSON in `reason`) and
    // the refused scans of superseded badges; SQLite cannot change a CHECK, so
    // the log is rebuilt (DROP TABLE drops its triggers before emptying it, so
    // the append-only triggers do not fire). Staff: a name, a role and an
    // Argon2id hash of the PIN, never the PIN; every PIN try, right or wrong,
    // per terminal.
    R"sql(
CREATE TABLE checkins_5 (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid        TEXT NOT NULL UNIQUE,
  attendee_id TEXT NOT NULL REFERENCES attendees (id),
  day         INTEGER NOT NULL CHECK (day BETWEEN 1 AND 32),
  kiosk       TEXT NOT NULL,
  at_ms       INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('checkin', 'undo', 'reprint', 'walkin', 'correction', 'superseded')),
  operator    TEXT NOT NULL DEFAULT '',
  undoes      TEXT NOT NULL DEFAULT '',
  reason      TEXT NOT NULL DEFAULT ''
);
INSERT INTO checkins_5 (seq, uuid, attendee_id, day, kiosk, at_ms, kind, operator, undoes, reason)
  SELECT seq, uuid, attendee_id, day, kiosk, at_ms, kind, operator, undoes, reason FROM checkins ORDER BY seq;
DROP TABLE checkins;
ALTER TABLE checkins_5 RENAME TO checkins;
CREATE INDEX checkins_attendee_day ON checkins (attendee_id, day);
CREATE INDEX checkins_undoes ON checkins (undoes) WHERE kind = 'undo';
CREATE INDEX checkins_at ON checkins (at_ms);
CREATE TRIGGER checkins_no_update BEFORE UPDATE ON checkins
  BEGIN SELECT RAISE(ABORT, 'the check-in log is append-only'); END;
CREATE TRIGGER checkins_no_delete BEFORE DELETE ON checkins
  BEGIN SELECT RAISE(ABORT, 'the check-in log is append-only'); END;

CREATE TABLE staff (
  name       TEXT PRIMARY KEY,
  role       TEXT NOT NULL CHECK (role IN ('desk', 'admin')),
  pin_hash   TEXT NOT NULL CHECK (pin_hash LIKE '$argon2id$%'),
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
);
CREATE TABLE staff_attempts (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  terminal TEXT NOT NULL,               -- the kiosk or desk where the PIN was typed
  name     TEXT NOT NULL,               -- the staff member chosen (may be unknown)
  at_ms    INTEGER NOT NULL,
  outcome  TEXT NOT NULL CHECK (outcome IN ('right', 'wrong', 'lockout', 'refused', 'unknown'))
);
CREATE INDEX staff_attempts_terminal ON staff_attempts (terminal, seq);
)sql",
    // 6: outbox entries the central list refused on their own (a person
    // imported only at this kiosk, say): set aside with central's reason so
    // that they stop holding back the rest (shared/sync/local.cpp).
    R"sql(
CREATE TABLE IF NOT EXISTS outbox_refused (
  seq        INTEGER PRIMARY KEY REFERENCES outbox (seq),
  refused_ms INTEGER NOT NULL,
  message    TEXT NOT NULL
);
)sql",
    // 7: the central list's id for a record this store knows under its own
    // id (made from a signed ticket before the list was here): pulled rows
    // and other kiosks' events that name `alias` mean `attendee_id`
    // (shared/sync/local.cpp).
    R"sql(
CREATE TABLE IF NOT EXISTS attendee_aliases (
  alias       TEXT PRIMARY KEY,
  attendee_id TEXT NOT NULL REFERENCES attendees (id)
);
)sql",
    // 8: the print queue's queries by state ("the next queued request of this
    // printer", "what is on the reception list"). The partial index of 3/4
    // (WHERE state IN ('queued', 'sending')) was never used: SQLite does not
    // see that state = 'queued' implies it, so each of them read the whole
    // table, slower as the event's badges pile up.
    R"sql(
CREATE INDEX IF NOT EXISTS print_requests_state ON print_requests (state, printer, next_attempt_ms);
DROP INDEX IF EXISTS print_requests_open;
)sql",
    // 9: a move to another printer asked at the desk while the request was
    // being sent (its job held at a printer in trouble): the printer it goes
    // to once its job has stopped, kept with the request so that the queue
    // finishes the move even when the desk, or the queue, restarts meanwhile
    // (printer/queue/request_moves.hpp). '' when no move waits.
    R"sql(
ALTER TABLE print_requests ADD COLUMN move_to TEXT NOT NULL DEFAULT '';
)sql",
};

constexpr const char* k_attendee_columns =
    "id, external_ref, ticket_code, civility, first_name, last_name, first_name_latin, "
    "last_name_latin, organisation, function, country, category, language, days, delegation, "
    "vip, staff_note, email, status";

Attendee read_attendee(const sql::Statement& s) {
  Attendee a;
  a.id = s.text(0);
  a.external_ref = s.text(1);
  a.ticket_code = s.text(2);
  a.civility = s.text(3);
  a.first_name = s.text(4);
  a.last_name = s.text(5);
  a.first_name_latin = s.text(6);
  a.last_name_latin = s.text(7);
  a.organisation = s.text(8);
  a.function = s.text(9);
  a.country = s.text(10);
  a.category = s.text(11);
  a.language = s.text(12);
  a.days = DaySet::from_bits(static_cast<std::uint32_t>(s.integer(13)));
  a.delegation = s.text(14);
  a.vip = s.integer(15) != 0;
  a.staff_note = s.text(16);
  a.email = s.text(17);
  a.status = s.text(18) == "cancelled" ? AttendeeStatus::cancelled : AttendeeStatus::active;
  return a;
}

// Binds the attendee's fields to parameters 1..19 in k_attendee_columns order,
// without copying: `a` outlives the statement's run().
void bind_attendee(sql::Statement& s, const Attendee& a) {
  s.bind_view(1, a.id).bind_view(2, a.external_ref).bind_view(3, a.ticket_code).bind_view(4, a.civility)
      .bind_view(5, a.first_name).bind_view(6, a.last_name).bind_view(7, a.first_name_latin)
      .bind_view(8, a.last_name_latin).bind_view(9, a.organisation).bind_view(10, a.function)
      .bind_view(11, a.country).bind_view(12, a.category).bind_view(13, a.language).bind(14, a.days.bits())
      .bind_view(15, a.delegation).bind(16, a.vip).bind_view(17, a.staff_note).bind_view(18, a.email)
      .bind_view(19, to_string(a.status));
}

constexpr const char* k_checkin_columns = "uuid, attendee_id, day, kiosk, at_ms, kind, operator, undoes, reason";


std::string_view to_string(AttendeeSource source) {
  switch (source) {
    case AttendeeSource::token: return "token";
    case AttendeeSource::walkin: return "walkin";
    case AttendeeSource::import: break;
  }
  return "import";
}

}  // namespace

CheckinEvent read_checkin(const sql::Statement& s) {
  CheckinEvent e;
  e.uuid = s.text(0);
  e.attendee_id = s.text(1);
  e.day = static_cast<int>(s.integer(2));
  e.kiosk = s.text(3);
  e.at_ms = s.integer(4);
  e.kind = checkin_kind_from_string(s.text(5)).value_or(CheckinKind::checkin);
  e.operator_name = s.text(6);
  e.undoes = s.text(7);
  e.reason = s.text(8);
  return e;
}

struct Store::State {
  sql::Database db;
  // Statements on hot paths, prepared once.
  sql::Statement begin, commit, rollback;
  sql::Statement by_id, by_ticket, by_ref;
  sql::Statement insert_attendee, update_attendee;
  sql::Statement append, outbox_add, effective;
  sql::Statement bump_attendees_version, attendees_version;
  sql::Statement set_ticket_token, badge_code;
  // An attendee was added or changed in the open transaction: its commit
  // bumps the version (once, not once per row of a 100,000-row import).
  bool attendees_touched = false;
};

namespace {

Status apply_pragmas(sql::Database& db, bool on_disk) {
  // First of all: the very next statement may meet another process that
  // holds a lock (opening the store after everyone closed it, it replays the
  // write-ahead log under an exclusive lock). Wait for it, never fail.
  // SQLite's own busy timeout sleeps longer and longer between tries (up to
  // 100 ms); a check-in waiting behind an import's short transactions must
  // get the lock in the first gap, so this handler tries every millisecond.
  sqlite3_busy_handler(
      db.handle(),
      [](void*, int tries) {
        if (tries >= 5000) return 0;  // about 5 s: give up, SQLITE_BUSY
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return 1;
      },
      nullptr);
  // WAL lets readers work beside the one writer; FULL syncs the WAL on every
  // commit, so a check-in reported ok survives a crash or a power cut.
  if (on_disk) {
    auto mode = db.prepare("PRAGMA journal_mode = WAL");
    if (!mode) return std::unexpected(mode.error());
    auto row = mode->step();
    if (!row) return std::unexpected(row.error());
    if (!*row || mode->text(0) != "wal")
      return fail("the store's file system does not support SQLite's write-ahead log (WAL)");
  }
  // The page cache: Store::default_cache_mb per connection; an import raises its own.
  return db.exec(fmt::format("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -{}; "
                             "PRAGMA trusted_schema = OFF;",
                             Store::default_cache_mb * 1024)
                     .c_str());
}

Status migrate(sql::Database& db) {
  int version = 0;
  {
    // Finalized before migrating: DROP TABLE fails while a statement is open.
    auto version_stmt = db.prepare("PRAGMA user_version");
    if (!version_stmt) return std::unexpected(version_stmt.error());
    auto row = version_stmt->step();
    if (!row) return std::unexpected(row.error());
    version = static_cast<int>(version_stmt->integer(0));
  }
  const int latest = static_cast<int>(k_migrations.size());
  if (version > latest)
    return fail(fmt::format("the store has schema version {} but this build of Accueil knows up to {}: "
                            "use a newer build", version, latest));
  for (int next = version + 1; next <= latest; ++next) {
    if (auto s = db.exec("BEGIN IMMEDIATE"); !s) return s;
    auto applied = db.exec(k_migrations[static_cast<std::size_t>(next - 1)]);
    if (applied) applied = db.exec(fmt::format("PRAGMA user_version = {}", next).c_str());
    if (applied) applied = db.exec("COMMIT");
    if (!applied) {
      (void)db.exec("ROLLBACK");
      return fail(fmt::format("cannot migrate the store to schema version {}: {}", next, applied.error().message));
    }
  }
  return {};
}

}  // namespace

Result<Store> Store::open(const std::filesystem::path& path) { return open_as(path, false); }

// Reads the store as it is: never creates, migrates or writes it.
Result<Store> Store::open_read_only(const std::filesystem::path& path) { return open_as(path, true); }

Result<Store> Store::open_as(const std::filesystem::path& path, bool read_only) {
  auto state = std::make_unique<State>();
  const bool in_memory = path == ":memory:";
  auto db = sql::Database::open(path.string(), read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!db) return std::unexpected(db.error());
  state->db = std::move(*db);
  // Read-only: the journal mode is the writers' business (asking for WAL may write).
  if (auto s = apply_pragmas(state->db, !in_memory && !read_only); !s)
    return fail(fmt::format("cannot open the store {}: {}", path, s.error().message));
  if (read_only) {
    auto stmt = state->db.prepare("PRAGMA user_version");
    if (!stmt) return fail(fmt::format("cannot read the store {}: {}", path, stmt.error().message));
    auto row = stmt->step();
    if (!row) return fail(fmt::format("cannot read the store {}: {}", path, row.error().message));
    const int version = static_cast<int>(stmt->integer(0));
    const int latest = current_schema_version();
    if (version == 0)
      return fail(fmt::format("{} is not an Accueil store (no schema in it): nothing was changed", path));
    if (version < latest)
      return fail(fmt::format("the store {} has schema version {}, older than this build's {}; a read-only program "
                              "does not upgrade it: open it once with the kiosk or accueilctl, which migrate it, then "
                              "again here (nothing was changed)",
                              path, version, latest));
    if (version > latest)
      return fail(fmt::format("the store {} has schema version {} but this build of Accueil knows up to {}: use a "
                              "newer build (nothing was changed)",
                              path, version, latest));
  } else if (auto s = migrate(state->db); !s) {
    return fail(fmt::format("{}: {}", path, s.error().message));
  }

  auto prepare = [&](sql::Statement& into, std::string_view text) -> Status {
    auto stmt = state->db.prepare(text);
    if (!stmt) return std::unexpected(stmt.error());
    into = std::move(*stmt);
    return {};
  };
  const std::string select_attendee = fmt::format("SELECT {} FROM attendees WHERE ", k_attendee_columns);
  const std::array<std::pair<sql::Statement*, std::string>, 15> statements{{
      {&state->begin, "BEGIN IMMEDIATE"},
      {&state->commit, "COMMIT"},
      {&state->rollback, "ROLLBACK"},
      {&state->by_id, select_attendee + "id = ?1"},
      // Repeating the partial index's condition lets SQLite use the index.
      {&state->by_ticket, select_attendee + "ticket_code = ?1 AND ticket_code <> ''"},
      {&state->by_ref, select_attendee + "external_ref = ?1"},
      {&state->insert_attendee,
       fmt::format("INSERT INTO attendees ({}, source, updated_ms) VALUES "
                   "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
                   k_attendee_columns)},
      {&state->update_attendee,
       "UPDATE attendees SET external_ref = ?2, ticket_code = ?3, civility = ?4, first_name = ?5, "
       "last_name = ?6, first_name_latin = ?7, last_name_latin = ?8, organisation = ?9, function = ?10, "
       "country = ?11, category = ?12, language = ?13, days = ?14, delegation = ?15, vip = ?16, "
       "staff_note = ?17, email = ?18, status = ?19, updated_ms = ?20 WHERE id = ?1"},
      {&state->append, fmt::format("INSERT INTO checkins ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                   k_checkin_columns)},
      {&state->outbox_add, "INSERT INTO outbox (topic, ref, created_ms) VALUES (?1, ?2, ?3)"},
      {&state->effective,
       fmt::format("SELECT {} FROM checkins AS c WHERE attendee_id = ?1 AND day = ?2 AND {} "
                   "ORDER BY at_ms, seq LIMIT 1",
                   k_checkin_columns, sql_text::k_counts_as_present)},
      {&state->bump_attendees_version,
       "INSERT INTO settings (key, value) VALUES ('attendees_version', '1') "
       "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"},
      {&state->attendees_version, "SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'attendees_version'"},
      {&state->set_ticket_token, "UPDATE attendees SET ticket_token = ?2 WHERE id = ?1"},
      // Every badge carries its number after a '#' (not in base45, so never
      // part of a signed ticket): "T-123#1" for the first, "T-123#2" for the
      // first reprint. A reprint then supersedes the first badge too, while
      // the confirmation (the code alone, no number) still checks its holder
      // in. See shared/store/desk.hpp.
      {&state->badge_code,
       "SELECT CASE WHEN ticket_token <> '' THEN ticket_token ELSE ticket_code END || '#' || "
       "(SELECT count(*) + 1 FROM checkins WHERE attendee_id = ?1 AND kind = 'reprint') FROM attendees WHERE id = ?1"},
  }};
  for (const auto& [into, text] : statements)
    if (auto s = prepare(*into, text); !s) return std::unexpected(s.error());
  return Store(std::move(state));
}

Result<Store> Store::open_in_memory() { return open(":memory:"); }

Store::Store(std::unique_ptr<State> state) : m_state(std::move(state)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

int Store::current_schema_version() { return static_cast<int>(k_migrations.size()); }

Result<int> Store::schema_version() {
  auto stmt = m_state->db.prepare("PRAGMA user_version");
  if (!stmt) return std::unexpected(stmt.error());
  if (auto row = stmt->step(); !row) return std::unexpected(row.error());
  return static_cast<int>(stmt->integer(0));
}

sql::Database& Store::database() { return m_state->db; }

Status Store::begin_write() { return m_state->begin.run(); }

Status Store::set_cache_mb(int megabytes) {
  return m_state->db.exec(fmt::format("PRAGMA cache_size = -{}", megabytes * 1024).c_str());
}
Status Store::commit() {
  if (m_state->attendees_touched) {
    if (auto s = m_state->bump_attendees_version.run(); !s) return s;
    m_state->attendees_touched = false;
  }
  return m_state->commit.run();
}
void Store::rollback() {
  m_state->attendees_touched = false;
  (void)m_state->rollback.run();
}

// Outside a transaction a change commits at once, and so does its bump.
Status Store::attendees_changed() {
  if (!sqlite3_get_autocommit(m_state->db.handle())) {
    m_state->attendees_touched = true;
    return {};
  }
  return m_state->bump_attendees_version.run();
}

Result<std::int64_t> Store::attendees_version() {
  auto version = m_state->attendees_version.first_row([](const sql::Statement& s) { return s.integer(0); });
  if (!version) return std::unexpected(version.error());
  return version->value_or(0);
}

// --- Settings and the event ------------------------------------------------------

Status Store::set_setting(std::string_view key, std::string_view value) {
  auto stmt = m_state->db.prepare(
      "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, key).bind(2, value).run();
}

Result<std::optional<std::string>> Store::setting(std::string_view key) {
  auto stmt = m_state->db.prepare("SELECT value FROM settings WHERE key = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, key).first_row([](const sql::Statement& s) { return s.text(0); });
}

Status Store::save_event(const Event& event) {
  return set_setting("event", event_to_toml(event));
}

Result<std::optional<Event>> Store::event() {
  auto text = setting("event");
  if (!text) return std::unexpected(text.error());
  if (!*text) return std::optional<Event>();
  auto event = parse_event(**text, "the store's event");
  if (!event) return std::unexpected(event.error());
  if (auto s = complete_public_key(*event); !s) return std::unexpected(s.error());
  return std::optional<Event>(std::move(*event));
}

Status Store::complete_public_key(Event& event) {
  if (!event.public_key.empty()) return {};
  auto text = setting("event");
  if (!text) return std::unexpected(text.error());
  if (!*text) return {};
  auto saved = parse_event(**text, "the store's event");
  if (!saved) return std::unexpected(saved.error());
  if (!saved->public_key.empty()) {
    event.public_key = saved->public_key;
    return {};
  }
  auto key = setting("public_key");
  if (!key) return std::unexpected(key.error());
  if (*key) event.public_key = **key;
  return {};
}

// --- Attendees ----------------------------------------------------------------------

Result<std::vector<Attendee>> Store::attendees() {
  auto stmt = m_state->db.prepare(fmt::format("SELECT {} FROM attendees ORDER BY rowid", k_attendee_columns));
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->rows(read_attendee);
}

Result<std::int64_t> Store::attendee_count() {
  auto stmt = m_state->db.prepare("SELECT count(*) FROM attendees");
  if (!stmt) return std::unexpected(stmt.error());
  if (auto row = stmt->step(); !row) return std::unexpected(row.error());
  return stmt->integer(0);
}

Result<bool> Store::has_attendees() {
  auto stmt = m_state->db.prepare("SELECT EXISTS (SELECT 1 FROM attendees)");
  if (!stmt) return std::unexpected(stmt.error());
  if (auto row = stmt->step(); !row) return std::unexpected(row.error());
  return stmt->integer(0) != 0;
}

namespace {
Result<std::optional<Attendee>> query_one(sql::Statement& stmt, std::string_view key) {
  return stmt.bind(1, key).first_row(read_attendee);
}
}  // namespace

Result<std::optional<Attendee>> Store::attendee_by_id(std::string_view id) { return query_one(m_state->by_id, id); }
Result<std::optional<Attendee>> Store::attendee_by_ticket(std::string_view code) {
  return query_one(m_state->by_ticket, code);
}
Result<std::optional<Attendee>> Store::attendee_by_ref(std::string_view ref) { return query_one(m_state->by_ref, ref); }

Result<std::optional<Attendee>> Store::find_attendee(std::string_view key) {
  for (auto* stmt : {&m_state->by_id, &m_state->by_ticket, &m_state->by_ref}) {
    auto found = query_one(*stmt, key);
    if (!found || *found) return found;
  }
  return std::optional<Attendee>();
}

Status Store::insert_attendee(const Attendee& attendee, AttendeeSource source) {
  auto& stmt = m_state->insert_attendee;
  bind_attendee(stmt, attendee);
  stmt.bind(20, to_string(source)).bind(21, now_ms());
  if (auto s = stmt.run(); !s) {
    Error e = s.error();  // keeps what it is (busy, full, a duplicate) for the screens
    e.message = fmt::format("cannot add attendee {} {} (reference {}): {}", attendee.first_name, attendee.last_name,
                            attendee.external_ref, e.message);
    return std::unexpected(std::move(e));
  }
  if (auto s = attendees_changed(); !s) return s;
  if (source == AttendeeSource::import) return {};
  return m_state->outbox_add.bind(1, "attendee").bind(2, attendee.id).bind(3, now_ms()).run();
}

Status Store::update_attendee(const Attendee& attendee) {
  auto& stmt = m_state->update_attendee;
  bind_attendee(stmt, attendee);
  stmt.bind(20, now_ms());
  if (auto s = stmt.run(); !s) {
    Error e = s.error();  // keeps what it is (busy, full, a duplicate) for the screens
    e.message = fmt::format("cannot update attendee {} {} (reference {}): {}", attendee.first_name, attendee.last_name,
                            attendee.external_ref, e.message);
    return std::unexpected(std::move(e));
  }
  return attendees_changed();
}

// --- The check-in log -----------------------------------------------------------------

Status Store::append(const CheckinEvent& e) {
  auto& stmt = m_state->append;
  stmt.bind(1, e.uuid).bind(2, e.attendee_id).bind(3, e.day).bind(4, e.kiosk).bind(5, e.at_ms)
      .bind(6, to_string(e.kind)).bind(7, e.operator_name).bind(8, e.undoes).bind(9, e.reason);
  if (auto s = stmt.run(); !s) return s;
  return m_state->outbox_add.bind(1, "checkin").bind(2, e.uuid).bind(3, e.at_ms).run();
}

Result<std::optional<CheckinEvent>> Store::effective_checkin(std::string_view attendee_id, int day) {
  return m_state->effective.bind(1, attendee_id).bind(2, day).first_row(read_checkin);
}

Result<std::vector<CheckinEvent>> Store::log_of(std::string_view attendee_id) {
  auto stmt = m_state->db.prepare(
      fmt::format("SELECT {} FROM checkins WHERE attendee_id = ?1 ORDER BY seq", k_checkin_columns));
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, attendee_id).rows(read_checkin);
}

std::int64_t Store::hot_path_full_scan_steps() const {
  std::int64_t steps = 0;
  for (const sql::Statement* stmt : {&m_state->by_id, &m_state->by_ticket, &m_state->by_ref, &m_state->effective,
                                     &m_state->append, &m_state->outbox_add, &m_state->set_ticket_token,
                                     &m_state->badge_code})
    steps += stmt->full_scan_steps();
  return steps;
}

Result<std::int64_t> Store::log_size() {
  auto stmt = m_state->db.prepare("SELECT count(*) FROM checkins");
  if (!stmt) return std::unexpected(stmt.error());
  if (auto row = stmt->step(); !row) return std::unexpected(row.error());
  return stmt->integer(0);
}

Status Store::set_ticket_token(std::string_view attendee_id, std::string_view token) {
  return m_state->set_ticket_token.bind(1, attendee_id).bind(2, token).run();
}

Result<std::string> Store::badge_code(std::string_view attendee_id) {
  auto code = m_state->badge_code.bind(1, attendee_id).first_row([](const sql::Statement& s) { return s.text(0); });
  if (!code) return std::unexpected(code.error());
  if (!*code) return fail(fmt::format("no attendee has the id {}", attendee_id));
  return std::move(**code);
}

Result<std::vector<OutboxEntry>> Store::outbox_pending(int limit) {
  auto stmt = m_state->db.prepare(
      "SELECT seq, topic, ref, created_ms FROM outbox WHERE sent_ms IS NULL ORDER BY seq LIMIT ?1");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, limit).rows([](const sql::Statement& s) {
    return OutboxEntry{s.integer(0), s.text(1), s.text(2), s.integer(3)};
  });
}

}  // namespace accueil

namespace accueil {

namespace {

// The statement that created a schema object, from sqlite_master.
Result<std::vector<std::pair<std::string, std::string>>> schema_of(sql::Database& db, std::string_view table) {
  auto stmt = db.prepare("SELECT type, sql FROM sqlite_master WHERE tbl_name = ?1 AND sql IS NOT NULL "
                         "AND type IN ('table', 'index') ORDER BY type = 'index', name");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, table).rows([](const sql::Statement& st) { return std::pair{st.text(0), st.text(1)}; });
}

// `text` with the first `from` replaced by `to`.
std::string replace_first(std::string text, std::string_view from, std::string_view to) {
  if (auto at = text.find(from); at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

constexpr std::string_view k_next = "attendees_next";
// Rows written per short transaction: a few milliseconds of work.
constexpr std::size_t k_batch_rows = 50;

}  // namespace

Status Store::write_attendees_staged(std::span<const Attendee> updates, std::span<const Attendee> inserts) {
  auto written = write_attendees_staged_steps(updates, inserts);
  if (!written) {
    // Best effort: a crash leaves these too, and the next import drops them.
    (void)write([&]() -> Status {
      return m_state->db.exec("DROP TRIGGER IF EXISTS attendees_import_inserted; "
                              "DROP TRIGGER IF EXISTS attendees_import_updated; "
                              "DROP TABLE IF EXISTS attendees_import_touched; DROP TABLE IF EXISTS attendees_next;");
    });
  }
  return written;
}

Status Store::write_attendees_staged_steps(std::span<const Attendee> updates, std::span<const Attendee> inserts) {
  sql::Database& db = m_state->db;
  std::size_t batches = 0;
  // An in-memory store is private to its one connection: nobody waits for
  // the lock, so no pause and no checkpoint (the unit tests and fuzz targets).
  const char* file = sqlite3_db_filename(db.handle(), "main");
  const bool shared_file = file != nullptr && *file != '\0';
  auto in_short_transaction = [&](auto&& body) -> Status {
    auto started = std::chrono::steady_clock::now();
    if (auto s = write(body); !s) return s;
    if (!shared_file) return {};
    // Every few batches, copy what they added to the write-ahead log into the
    // database, outside the write lock, so that a check-in's commit never has
    // an import's backlog to checkpoint.
    if (++batches % 8 == 0) (void)db.exec("PRAGMA wal_checkpoint(PASSIVE)");
    // As long a pause as the lock was held: check-ins waiting get it first.
    std::this_thread::sleep_for(std::max<std::chrono::steady_clock::duration>(
        std::chrono::steady_clock::now() - started, std::chrono::milliseconds(1)));
    return {};
  };
  // The copy is worthless until the swap: no need to flush each batch to disk.
  if (auto s = db.exec("PRAGMA synchronous = NORMAL"); !s) return s;
  struct Restore {
    sql::Database& db;
    ~Restore() { (void)db.exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA legacy_alter_table = OFF"); }
  } restore{db};

  // 1. An empty copy of the table (and of its indexes, under other names), and
  //    triggers that note which attendees other connections touch meanwhile.
  std::string columns;
  {
    auto info = db.prepare("SELECT name FROM pragma_table_info('attendees') ORDER BY cid");
    if (!info) return std::unexpected(info.error());
    auto names = info->rows([](const sql::Statement& st) { return st.text(0); });
    if (!names) return std::unexpected(names.error());
    for (const auto& n : *names) columns += (columns.empty() ? "" : ", ") + n;
  }
  auto schema = schema_of(db, "attendees");
  if (!schema) return std::unexpected(schema.error());
  if (auto s = in_short_transaction([&]() -> Status {
        // What an import that failed or crashed left behind.
        for (const char* leftover : {"DROP TRIGGER IF EXISTS attendees_import_inserted",
                                     "DROP TRIGGER IF EXISTS attendees_import_updated",
                                     "DROP TABLE IF EXISTS attendees_import_touched", "DROP TABLE IF EXISTS attendees_next",
                                     "DROP TABLE IF EXISTS attendees_old"})
          if (auto st = db.exec(leftover); !st) return st;
        for (const auto& [type, text] : *schema) {
          // A renamed table's statements name it in quotes: CREATE TABLE "attendees".
          std::string copy = type == "table" ? replace_first(text, "attendees", k_next)
                             : text.find(" ON \"attendees\" ") != std::string::npos
                                 ? replace_first(text, " ON \"attendees\" ", fmt::format(" ON {} ", k_next))
                                 : replace_first(text, " ON attendees ", fmt::format(" ON {} ", k_next));
          if (type == "index") {
            // Index names are unique in the schema: the copy's alternate between NAME and NAME_b.
            auto name_end = copy.find(" ON ");
            auto name_start = copy.rfind(' ', name_end - 1) + 1;
            std::string name = copy.substr(name_start, name_end - name_start);
            copy.replace(name_start, name.size(), name.ends_with("_b") ? name.substr(0, name.size() - 2) : name + "_b");
          }
          if (auto st = db.exec(copy.c_str()); !st) return st;
        }
        // Every index must be on the copy, or the copy would take rows they refuse.
        auto indexes = db.prepare("SELECT count(*) FILTER (WHERE tbl_name = 'attendees'), "
                                  "count(*) FILTER (WHERE tbl_name = 'attendees_next') FROM sqlite_master WHERE type = 'index'");
        if (!indexes) return std::unexpected(indexes.error());
        auto counts = indexes->first_row([](const sql::Statement& st) { return std::pair{st.integer(0), st.integer(1)}; });
        if (!counts) return std::unexpected(counts.error());
        if (!*counts || (*counts)->first != (*counts)->second)
          return fail("cannot copy the attendee table's indexes for the import");
        return db.exec(
            "CREATE TABLE attendees_import_touched (id TEXT PRIMARY KEY) WITHOUT ROWID;"
            "CREATE TRIGGER attendees_import_inserted AFTER INSERT ON attendees BEGIN "
            "  INSERT OR IGNORE INTO attendees_import_touched VALUES (new.id); END;"
            "CREATE TRIGGER attendees_import_updated AFTER UPDATE ON attendees BEGIN "
            "  INSERT OR IGNORE INTO attendees_import_touched VALUES (new.id); END;");
      });
      !s)
    return s;

  // 2. The current rows, copied in rowid order (the list's order) in batches.
  auto copy = db.prepare(fmt::format("INSERT INTO {0} (rowid, {1}) SELECT rowid, {1} FROM attendees WHERE rowid > ?1 "
                                     "ORDER BY rowid LIMIT {2} RETURNING rowid",
                                     k_next, columns, k_batch_rows * 10));
  if (!copy) return std::unexpected(copy.error());
  for (std::int64_t last = -1;;) {
    std::size_t copied = 0;
    if (auto s = in_short_transaction([&]() -> Status {
          copy->bind(1, last);
          for (;;) {
            auto row = copy->step();
            if (!row) { copy->reset(); return std::unexpected(row.error()); }
            if (!*row) break;
            last = std::max(last, copy->integer(0));
            ++copied;
          }
          copy->reset();
          return {};
        });
        !s)
      return s;
    if (copied == 0) break;
  }

  // 3. The import's changes, into the copy.
  auto update = db.prepare(replace_first(
      "UPDATE attendees SET external_ref = ?2, ticket_code = ?3, civility = ?4, first_name = ?5, "
      "last_name = ?6, first_name_latin = ?7, last_name_latin = ?8, organisation = ?9, function = ?10, "
      "country = ?11, category = ?12, language = ?13, days = ?14, delegation = ?15, vip = ?16, "
      "staff_note = ?17, email = ?18, status = ?19, updated_ms = ?20 WHERE id = ?1", "attendees", k_next));
  if (!update) return std::unexpected(update.error());
  auto insert = db.prepare(fmt::format("INSERT INTO {} ({}, source, updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                                       "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, 'import', ?20)",
                                       k_next, k_attendee_columns));
  if (!insert) return std::unexpected(insert.error());
  const std::int64_t stamp = now_ms();
  auto write_one = [&](sql::Statement& stmt, const Attendee& a) -> Status {
    bind_attendee(stmt, a);
    stmt.bind(20, stamp);
    if (auto s = stmt.run(); !s)
      return fail(fmt::format("cannot write attendee {} {} (reference {}): {}; if someone was added or changed at "
                              "a kiosk or the desk during the import, import the file again",
                              a.first_name, a.last_name, a.external_ref, s.error().message));
    return {};
  };
  for (auto [rows, stmt] : {std::pair{updates, &*update}, std::pair{inserts, &*insert}})
    for (std::size_t i = 0; i < rows.size(); i += k_batch_rows)
      if (auto s = in_short_transaction([&]() -> Status {
            for (std::size_t j = i; j < std::min(rows.size(), i + k_batch_rows); ++j)
              if (auto st = write_one(*stmt, rows[j]); !st) return st;
            return {};
          });
          !s)
        return s;

  // 4. The swap. Renaming a table with foreign keys off and the legacy rename
  //    leaves "REFERENCES attendees" in checkins and print_requests as written,
  //    so that they name the new table.
  if (auto s = db.exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON"); !s)
    return s;
  std::unordered_map<std::string_view, const Attendee*> changed;
  for (const Attendee& a : updates) changed.emplace(a.id, &a);
  auto swapped = write([&]() -> Status {
    // Attendees that other connections added or changed since the copy: their
    // current row, with this import's change made again on top.
    auto touched = db.prepare("SELECT id FROM attendees_import_touched");
    if (!touched) return std::unexpected(touched.error());
    auto ids = touched->rows([](const sql::Statement& st) { return st.text(0); });
    if (!ids) return std::unexpected(ids.error());
    if (!ids->empty()) {
      if (auto st = db.exec(fmt::format("DELETE FROM {} WHERE id IN (SELECT id FROM attendees_import_touched)", k_next)
                                .c_str());
          !st)
        return st;
      if (auto st = db.exec(fmt::format("INSERT INTO {0} (rowid, {1}) SELECT rowid, {1} FROM attendees WHERE id IN "
                                        "(SELECT id FROM attendees_import_touched)",
                                        k_next, columns)
                                .c_str());
          !st)
        return fail(fmt::format("someone was added or changed at a kiosk or the desk during the import ({}): import "
                                "the file again", st.error().message));
      for (const std::string& id : *ids)
        if (auto it = changed.find(id); it != changed.end())
          if (auto st = write_one(*update, *it->second); !st) return st;
    }
    for (const char* step : {"DROP TRIGGER attendees_import_inserted", "DROP TRIGGER attendees_import_updated",
                             "DROP TABLE attendees_import_touched", "ALTER TABLE attendees RENAME TO attendees_old",
                             "ALTER TABLE attendees_next RENAME TO attendees"})
      if (auto st = db.exec(step); !st) return st;
    m_state->attendees_touched = true;  // the commit bumps attendees_version
    return {};
  });
  if (!swapped) return swapped;
  if (auto s = db.exec("PRAGMA foreign_keys = ON; PRAGMA legacy_alter_table = OFF; PRAGMA synchronous = NORMAL"); !s)
    return s;

  // 5. The old table, emptied in batches, then dropped.
  for (;;) {
    std::int64_t deleted = 0;
    if (auto s = in_short_transaction([&]() -> Status {
          auto st = db.exec(fmt::format("DELETE FROM attendees_old WHERE rowid IN (SELECT rowid FROM attendees_old "
                                        "LIMIT {})", k_batch_rows * 5).c_str());
          deleted = db.changes();
          return st;
        });
        !s)
      return s;
    if (deleted == 0) break;
  }
  return in_short_transaction([&]() -> Status { return db.exec("DROP TABLE attendees_old"); });
}

}  // namespace accueil
