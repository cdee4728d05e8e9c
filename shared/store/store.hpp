// The local store: SQLite in WAL mode with synchronous=FULL, versioned
// migrations, the attendee list, and the append-only check-in log with its
// outbox (what a kiosk will ship to the central store).
//
// One Store is one connection and belongs to one thread at a time. Writes go
// through write(), which holds SQLite's write lock (BEGIN IMMEDIATE) for the
// whole read-decide-append, so two processes never check the same person in
// twice. Readers in other connections never wait: WAL gives them a snapshot.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shared/domain/clock.hpp"
#include "shared/base/error.hpp"
#include "shared/domain/model.hpp"
#include "shared/store/sqlite.hpp"

namespace accueil {

// Where an attendee record came from.
enum class AttendeeSource { import, token, walkin };

struct OutboxEntry {
  std::int64_t seq = 0;
  std::string topic;  // "checkin" (ref = event UUID) or "attendee" (ref = attendee id)
  std::string ref;
  std::int64_t created_ms = 0;
};

// A log event from a row whose first nine columns are uuid, attendee_id, day,
// kiosk, at_ms, kind, operator, undoes, reason (the log's own order).
CheckinEvent read_checkin(const sql::Statement& row);

class Store {
public:
  // Opens or creates the store at `path` and migrates it to the current schema.
  static Result<Store> open(const std::filesystem::path& path);
  // Opens an existing store to read it (the dashboard, the report): never
  // creates, migrates or writes it; a store of an older (or newer) schema is
  // refused with a message saying so. Writes through it fail.
  static Result<Store> open_read_only(const std::filesystem::path& path);
  // A private in-memory store, for tests.
  static Result<Store> open_in_memory();

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  static int current_schema_version();
  Result<int> schema_version();

  // --- The event and settings -------------------------------------------------
  Status save_event(const Event& event);
  // The event saved by `accueilctl init`, its key completed as below.
  Result<std::optional<Event>> event();
  // The one place an event gets the key that verifies signed tickets when it
  // names none (an event file without public_key): the key of the store's
  // saved event, else the one `accueilctl keygen` recorded. A store with no
  // saved event leaves it empty.
  Status complete_public_key(Event& event);
  Status set_setting(std::string_view key, std::string_view value);
  Result<std::optional<std::string>> setting(std::string_view key);

  // --- Attendees ----------------------------------------------------------------
  Result<std::vector<Attendee>> attendees();
  Result<std::int64_t> attendee_count();
  // Whether the list holds anyone: one row read, whatever the list's size.
  Result<bool> has_attendees();
  Result<std::optional<Attendee>> attendee_by_id(std::string_view id);
  Result<std::optional<Attendee>> attendee_by_ticket(std::string_view ticket_code);
  Result<std::optional<Attendee>> attendee_by_ref(std::string_view external_ref);
  // By id, ticket code or external reference, in that order.
  Result<std::optional<Attendee>> find_attendee(std::string_view id_code_or_ref);
  // Inserts a new attendee (its id must be set). Records created on this kiosk
  // (token, walk-in) are queued in the outbox.
  Status insert_attendee(const Attendee& attendee, AttendeeSource source);
  Status update_attendee(const Attendee& attendee);
  // A number that changes whenever an attendee is added or changed, by any
  // process using this store: a kiosk rebuilds its "find my name" list when
  // it moves. One read of one row; bumped once per write transaction.
  Result<std::int64_t> attendees_version();
  // Writes an import's changes, updates (in order) then inserts, without
  // holding the write lock for more than a few milliseconds at a time, so that
  // check-ins never wait behind an import: the changes go into a copy of the
  // attendee table in short transactions, and one short transaction swaps the
  // copy in. Other connections see all the changes or none; an error or a
  // crash before the swap leaves the attendee table as it was. Attendees that
  // other connections add or change meanwhile are carried over.
  Status write_attendees_staged(std::span<const Attendee> updates, std::span<const Attendee> inserts);

  // The signed ticket issued to an attendee (accueilctl tickets, or the one
  // scanned at a kiosk). Imports leave it alone.
  Status set_ticket_token(std::string_view attendee_id, std::string_view token);
  // What the badge's QR code holds: the signed ticket when one was issued,
  // else the plain ticket code; after a reprint, '#' and the badge's number.
  Result<std::string> badge_code(std::string_view attendee_id);

  // --- The check-in log -----------------------------------------------------------
  // Appends an event and queues it in the outbox. The log is append-only:
  // the schema refuses updates and deletes.
  Status append(const CheckinEvent& event);
  // The check-in that makes the attendee present on `day`: the earliest
  // check-in or walk-in of that day that no undo cancels.
  Result<std::optional<CheckinEvent>> effective_checkin(std::string_view attendee_id, int day);
  // Every event of one attendee, oldest first.
  Result<std::vector<CheckinEvent>> log_of(std::string_view attendee_id);
  Result<std::int64_t> log_size();
  Result<std::vector<OutboxEntry>> outbox_pending(int limit);

  // --- Transactions ---------------------------------------------------------------
  // Runs `body` (returning Result<T> or Status) inside one write transaction.
  // An error from the body, or from the commit, rolls everything back.
  template <class F>
  auto write(F&& body) -> decltype(body()) {
    if (auto begun = begin_write(); !begun) return std::unexpected(begun.error());
    auto result = body();
    if (!result) {
      rollback();
      return result;
    }
    if (auto committed = commit(); !committed) {
      rollback();
      return std::unexpected(committed.error());
    }
    return result;
  }

  // How many rows the statements of the scan-to-badge path read by scanning a
  // whole table instead of an index, since the store was opened. Should stay 0.
  std::int64_t hot_path_full_scan_steps() const;

  // SQLite's page cache for this connection (default_cache_mb unless set).
  // Bulk writes (imports) are much faster when a big list and its indexes fit in it.
  static constexpr int default_cache_mb = 8;
  Status set_cache_mb(int megabytes);

  // For queries of their own (reports, benchmarks).
  sql::Database& database();

private:
  struct State;
  explicit Store(std::unique_ptr<State> state);
  static Result<Store> open_as(const std::filesystem::path& path, bool read_only);
  Status begin_write();
  Status commit();
  void rollback();
  Status attendees_changed();
  Status write_attendees_staged_steps(std::span<const Attendee> updates, std::span<const Attendee> inserts);

  std::unique_ptr<State> m_state;
};

}  // namespace accueil
