// The event as it runs, for the organisers' dashboard: who arrived when (per
// 10 minutes, by category), the peak, when the queue clears at the current
// rate, the VIPs and delegation heads as they arrive and those still expected.
// Plain data in, plain data out, like figures.hpp (whose rules of who counts
// apply here too); shared/store/report.hpp reads the log, a central list can
// feed the same ArrivalLog.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "shared/domain/figures.hpp"
#include "shared/domain/model.hpp"

namespace accueil {

// One entry of the check-in log as the figures need it (reprints left out).
struct LogEntry {
  std::int64_t seq = 0;  // order in the store it was read from
  std::string uuid;
  std::string attendee_id;
  int day = 0;
  std::string kiosk;
  std::int64_t at_ms = 0;
  CheckinKind kind = CheckinKind::checkin;
  std::string undoes;
};

// A check-in that counts: the earliest check-in or walk-in of a person on a
// day that no undo cancels. Two kiosks checking one person in (a duplicate
// met at the central list) make one arrival.
struct Arrival {
  std::string attendee_id;
  int day = 0;
  std::int64_t at_ms = 0;
  std::string kiosk;
  friend bool operator==(const Arrival&, const Arrival&) = default;
};

// What a kiosk (or desk) recorded, from the log.
struct KioskActivity {
  std::string kiosk;
  std::int64_t last_ms = 0;   // its last entry in the log
  std::int64_t arrivals = 0;  // check-ins and walk-ins that count, all days
  friend bool operator==(const KioskActivity&, const KioskActivity&) = default;
};

// What one log entry changed in the arrivals that count: a person's arrival
// on a day appeared, went (undone), or moved (an earlier check-in, or the
// earliest undone while a later one stands).
struct ArrivalChange {
  std::string attendee_id;
  int day = 0;
  std::optional<Arrival> before, after;
};

// The log folded into arrivals, fed in pieces as it grows (it is append-only:
// a dashboard reads only what is new). Entries may come in any order: an undo
// read before the check-in it cancels still cancels it.
class ArrivalLog {
public:
  // Folds one entry in; says how the arrivals that count changed, if they did.
  std::optional<ArrivalChange> add(const LogEntry& entry);
  std::int64_t last_seq() const { return m_last_seq; }
  std::int64_t entries() const { return m_entries; }

  // The arrivals that count, one per person and day, oldest first: worked
  // out from every check-in and undo (the reference the incremental
  // arrival() below is tested against).
  std::vector<Arrival> arrivals() const;
  Presence presence() const;
  std::vector<KioskActivity> kiosks() const;  // by name
  // A person's arrival that counts on `day`, kept up to date by add().
  std::optional<Arrival> arrival(const std::string& attendee_id, int day) const;

private:
  // The check-ins of one person on one day that no undo cancels, earliest first.
  using Slot = std::vector<const LogEntry*>;
  static std::string slot_key(const std::string& attendee_id, int day);
  static std::optional<Arrival> first_of(const Slot& slot);

  std::unordered_map<std::string, LogEntry> m_checkins;  // by uuid
  std::unordered_set<std::string> m_undone;
  std::unordered_map<std::string, Slot> m_slots;  // by slot_key
  std::unordered_map<std::string, std::int64_t> m_kiosk_last;
  std::unordered_map<std::string, std::int64_t> m_kiosk_arrivals;  // check-ins not undone
  std::int64_t m_last_seq = 0;
  std::int64_t m_entries = 0;
};

inline constexpr std::int64_t k_ten_minutes_ms = 10 * 60 * 1000;

struct ArrivalBin {
  std::int64_t start_ms = 0;
  std::vector<std::int64_t> by_category;  // in Timeline::categories' order
  std::int64_t total = 0;
  friend bool operator==(const ArrivalBin&, const ArrivalBin&) = default;
};

struct Timeline {
  int day = 0;
  std::int64_t bin_ms = k_ten_minutes_ms;
  std::vector<CountRow> categories;  // keys and labels of the bins' columns (counts: that day)
  std::vector<ArrivalBin> bins;      // from the first arrival's bin to now's, at most k_max_bins
  std::int64_t registered = 0;       // registered for the day (active)
  std::int64_t arrived = 0;          // people present that day (walk-ins included)
  std::int64_t remaining = 0;        // registered for the day and not arrived
  std::int64_t peak = 0;             // the most arrivals in one bin
  std::int64_t peak_start_ms = 0;
  double rate_per_hour = 0;          // over the last k_rate_window_ms before now
  // When the remaining have all arrived at the current rate; nothing when none
  // is arriving (or nobody remains: then cleared).
  std::optional<std::int64_t> clears_at_ms;
  bool cleared() const { return remaining == 0; }

  static constexpr std::size_t k_max_bins = 24 * 6;
  static constexpr std::int64_t k_rate_window_ms = 30 * 60 * 1000;
  friend bool operator==(const Timeline&, const Timeline&) = default;
};

Timeline timeline_of(const Event& event, const std::vector<Attendee>& attendees, const std::vector<Arrival>& arrivals,
                     int day, std::int64_t now_ms, std::string_view language = "fr",
                     std::int64_t bin_ms = k_ten_minutes_ms);

// Leaves out the columns of categories the event does not have where nobody
// is that day (timeline_of's last step, also the incremental figures').
void drop_empty_columns(const Event& event, Timeline& t);

// The protocol feed: the people the organisers greet. A VIP (flagged at
// registration) or the head of a foreign delegation: its VIP member when it
// has one, else its first member in the list (registration platforms list
// the head first).
struct ProtocolEntry {
  std::string attendee_id;
  std::string name;  // display_name
  std::string function;
  std::string organisation;
  std::string country;  // ISO code
  std::string kiosk;    // where they checked in; empty when expected
  std::int64_t at_ms = 0;
  bool vip = false;
  bool delegation_head = false;
  friend bool operator==(const ProtocolEntry&, const ProtocolEntry&) = default;
};

// `a` in the feed, not arrived (yet).
ProtocolEntry protocol_entry(const Attendee& a, bool delegation_head);

// The key of the foreign delegation `a` may head, "" when none (cancelled,
// not foreign, in no delegation); and whether `candidate`, met after `head`
// in the list, heads it instead. protocol_of and LiveFigures both use these.
std::string delegation_head_key(const Attendee& a, const Event& event);
inline bool heads_instead(const Attendee& candidate, const Attendee& head) { return candidate.vip && !head.vip; }

struct ProtocolFeed {
  std::vector<ProtocolEntry> arrived;   // that day, newest first
  std::vector<ProtocolEntry> expected;  // registered that day, not arrived, in the list's order
  friend bool operator==(const ProtocolFeed&, const ProtocolFeed&) = default;
};

ProtocolFeed protocol_of(const Event& event, const std::vector<Attendee>& attendees,
                         const std::vector<Arrival>& arrivals, int day);

}  // namespace accueil
