// Where the organisers' dashboard gets its figures: one interface, so that
// the central list (the `viewer` role of shared/sync) can feed it as the local
// store does. A feed reads what changed since its last call and builds the
// figures with the pure functions of shared/domain (figures.hpp,
// arrivals.hpp); the SQL is shared/store/report.hpp's.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/base/error.hpp"
#include "shared/domain/arrivals.hpp"
#include "shared/domain/figures.hpp"
#include "shared/domain/model.hpp"
#include "shared/store/report.hpp"

namespace accueil::kiosk {

// A person checked in twice for one day by kiosks cut off from each other
// (central keeps both; the earliest counts): no name, as central's viewer
// reads it (dashboard_duplicates).
struct DuplicateCheckin {
  int day = 0;
  std::string first_kiosk;
  std::int64_t first_at_ms = 0;
  std::string later_kiosk;
  std::int64_t later_at_ms = 0;
  friend bool operator==(const DuplicateCheckin&, const DuplicateCheckin&) = default;
};

struct DashboardData {
  std::string source;  // "local store /srv/accueil/accueil.db"
  Event event;
  int day = 1;             // the event day shown as "today"
  std::int64_t now_ms = 0;
  std::string language;    // of the labels
  EventReport report;      // per day and for the whole event
  Timeline timeline;       // today's arrivals
  ProtocolFeed protocol;   // today's VIPs and delegation heads
  std::vector<KioskActivity> kiosks;  // from the log
  StationsState stations;  // print queue, reception, outbox
  std::vector<DuplicateCheckin> duplicates;  // newest first
  std::int64_t log_entries = 0;
  // What this refresh cost: reading the source, and computing the figures
  // (0 when only the stations changed).
  double read_ms = 0;
  double compute_ms = 0;
};

class DashboardFeed {
public:
  virtual ~DashboardFeed() = default;
  // Reads what changed since the last call. New figures when anything did,
  // when the language changed, or when `recompute` (time moves the rate and
  // the projection); nothing when all is as before.
  virtual Result<std::optional<DashboardData>> refresh(std::int64_t now_ms, std::string_view language,
                                                        bool recompute) = 0;
  // The event shown: known once the feed is open for the local store, once
  // central first answered for the central list (an empty Event before).
  virtual const Event& event() const = 0;
  // What the last refresh read and spent, whether it changed anything.
  virtual double last_read_ms() const = 0;
  // Since when (Unix ms) the source cannot be reached, while it cannot.
  virtual std::optional<std::int64_t> unreachable_since_ms() const { return std::nullopt; }
};

// The local store at `path`, read-only in spirit: the feed only reads. `day`:
// the event day to show (a rehearsal); otherwise today's by the event's clock.
Result<std::unique_ptr<DashboardFeed>> open_local_feed(const std::filesystem::path& path, std::optional<int> day);

// The central list at `url` (postgresql://...), read as a viewer: the
// figures' views (report_attendees, report_checkins: no names), the kiosks'
// heartbeats (with their badges at reception), the VIPs' and delegation
// heads' names (dashboard_protocol), the cross-kiosk duplicates
// (dashboard_duplicates). Connects to nothing here: refreshes connect, with a
// back-off while central is down, and say since when it is unreachable.
Result<std::unique_ptr<DashboardFeed>> open_central_feed(const std::string& url, std::optional<int> day);

// The cross-kiosk duplicates in a store's log (those it pulled from central
// included), newest first: the local feed's, by central's rule.
Result<std::vector<DuplicateCheckin>> read_local_duplicates(Store& store);
// Whether the log's entries after `after_seq` may change them: an undo, or a
// check-in of a person already checked in that day.
Result<bool> duplicates_may_change(Store& store, std::int64_t after_seq);

// The figures of `attendees` and `log` on `day` (no source, no stations).
DashboardData dashboard_data(const Event& event, const std::vector<Attendee>& attendees, const ArrivalLog& log, int day,
                             std::int64_t now_ms, const std::string& language);

// The event day "today" is at `now_ms`: the day whose date it is, else the
// next day to come, else the last.
int dashboard_day(const Event& event, std::int64_t now_ms);

}  // namespace accueil::kiosk
