// The cross-kiosk duplicates as a kiosk's own store knows them (feed.hpp):
// the store's log holds the other kiosks' check-ins it pulled, so the pairs
// central lists (central schema 10, dashboard_duplicates) show here too once
// both events reached this store. Same rule: among the check-ins and
// walk-ins of one person on one day that no undo cancels, the earliest
// (at_ms, uuid) is paired with each later one.
#include "kiosk/app/modes/dashboard/feed.hpp"
#include "shared/store/store.hpp"

namespace accueil::kiosk {

Result<std::vector<DuplicateCheckin>> read_local_duplicates(Store& store) {
  // Only the people and days with two check-ins or more are ranked: one pass
  // over the log's (attendee_id, day) index, then the few groups.
  auto stmt = store.database().prepare(R"sql(
WITH effective AS (
  SELECT c.attendee_id, c.day, c.kiosk, c.at_ms, c.uuid FROM checkins c
  WHERE c.kind IN ('checkin', 'walkin')
    AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.kind = 'undo' AND u.undoes = c.uuid)),
twice AS (SELECT attendee_id, day FROM effective GROUP BY attendee_id, day HAVING count(*) > 1),
ranked AS (
  SELECT e.*, row_number() OVER (PARTITION BY e.attendee_id, e.day ORDER BY e.at_ms, e.uuid) AS rank
  FROM effective e JOIN twice t ON t.attendee_id = e.attendee_id AND t.day = e.day)
SELECT f.day, f.kiosk, f.at_ms, l.kiosk, l.at_ms FROM ranked f
JOIN ranked l ON l.attendee_id = f.attendee_id AND l.day = f.day AND l.rank > 1
WHERE f.rank = 1 ORDER BY l.at_ms DESC, f.at_ms DESC
)sql");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->rows([](const sql::Statement& row) {
    return DuplicateCheckin{static_cast<int>(row.integer(0)), row.text(1), row.integer(2), row.text(3), row.integer(4)};
  });
}

Result<bool> duplicates_may_change(Store& store, std::int64_t after_seq) {
  // The log's new entries (a range of its key), each checked against its
  // person's and day's others (the (attendee_id, day) index): what is new
  // costs what is new, where reading the pairs again scans the whole log.
  auto stmt = store.database().prepare(
      "SELECT EXISTS (SELECT 1 FROM checkins c WHERE c.seq > ?1 AND (c.kind = 'undo' OR "
      "(c.kind IN ('checkin', 'walkin') AND EXISTS (SELECT 1 FROM checkins o WHERE o.attendee_id = c.attendee_id "
      "AND o.day = c.day AND o.seq <> c.seq AND o.kind IN ('checkin', 'walkin')))))");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, after_seq);
  auto found = stmt->first_row([](const sql::Statement& row) { return row.integer(0) != 0; });
  if (!found) return std::unexpected(found.error());
  return found->value_or(false);
}

}  // namespace accueil::kiosk
