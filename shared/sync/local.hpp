// One sync pass between a kiosk's local store and the central list: push the
// outbox, pull what changed. The worker (sync_worker.hpp) and `accueilctl
// sync` both run these.
//
// Push: the outbox's oldest entries, in batches, attendees before the log
// events that name them; central keeps what it already has (the UUID is the
// key), so a batch sent twice (a crash between the push and the outbox's
// "sent" mark) has no second effect.
//
// Pull: rows of the kiosk's event whose (txid, seq) is past the cursor and
// whose writing transaction id is below the oldest transaction still running
// (pg_snapshot_xmin). seq alone is not commit-safe: a transaction can take a
// low seq and commit after one with a higher seq was read. Every transaction
// whose id is below xmin has ended, so no row can appear later before the
// cursor; rows of transactions still running wait for the next pull.
//
// The local store remains the kiosk's truth for its decisions: pulled
// check-ins go into its log (never into its outbox), and its rule takes the
// earliest check-in of the day, whichever kiosk made it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "shared/base/error.hpp"
#include "shared/store/store.hpp"
#include "shared/sync/pg.hpp"

namespace accueil::sync {

// The settings keys of the pull cursors in the local store.
inline constexpr const char* k_attendee_cursor = "central_cursor_attendees";
inline constexpr const char* k_checkin_cursor = "central_cursor_checkins";

struct PassReport {
  std::int64_t pushed_attendees = 0;  // new at central (already there: not counted)
  std::int64_t pushed_checkins = 0;
  std::int64_t sent = 0;              // outbox entries marked sent (or set aside)
  std::int64_t refused = 0;           // set aside: central refused them alone (outbox_refused says why)
  std::int64_t pulled_attendees = 0;
  std::int64_t pulled_checkins = 0;   // other kiosks' events added to the local log
  bool held_back = false;             // rows of still-running transactions were left for the next pull
};

// An attendee from a central row whose columns 0..18 are id, external_ref,
// ticket_code, civility, first and last name, their Latin forms,
// organisation, function, country, category, language, days (bits),
// delegation, vip, staff_note, email, status: the kiosk's pull and the
// central import read the same shape.
Attendee attendee_of_row(const pg::Rows& rows, int r);

// Inserts or updates the attendee of a pulled row (columns as above, 19 the
// ticket token) in the local store, under the store's own id when it knew the
// person first (an alias: checked in from a signed ticket before the list
// came). `fresh`: the store had no attendees when the pull began (the first
// pull: plain inserts). Call inside a write transaction.
Status apply_attendee_row(Store& store, const pg::Rows& rows, int r, bool fresh = false);

// Chooses the event for a login that is an organiser (a kiosk login's event is
// fixed at central), and reads its definition: a store without an event (first
// start) takes it. Call once per connection.
Status prepare_connection(pg::Connection& conn, Store& store);

// Pushes up to `batch` outbox entries; repeats while full batches remain.
Status push(pg::Connection& conn, Store& store, int batch, PassReport& report);

// Pulls until nothing is left (or only rows of running transactions).
// `progress(done)` is called after each batch of attendees (first start).
// A store with no attendee yet takes them `first_pull_batch` at a time when
// that is more than `batch`, inserting without per-row look-ups.
Status pull(pg::Connection& conn, Store& store, int batch, PassReport& report,
            const std::function<void(std::int64_t attendees_so_far)>& progress = {}, int first_pull_batch = 0);

// How many outbox entries wait.
Result<std::int64_t> outbox_length(Store& store);

}  // namespace accueil::sync
