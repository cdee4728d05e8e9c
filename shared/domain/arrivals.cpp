#include "shared/domain/arrivals.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "shared/text/text.hpp"

namespace accueil {

std::string ArrivalLog::slot_key(const std::string& attendee_id, int day) {
  return attendee_id + '\x1f' + std::to_string(day);
}

std::optional<Arrival> ArrivalLog::first_of(const Slot& slot) {
  if (slot.empty()) return std::nullopt;
  const LogEntry& e = *slot.front();
  return Arrival{e.attendee_id, e.day, e.at_ms, e.kiosk};
}

std::optional<Arrival> ArrivalLog::arrival(const std::string& attendee_id, int day) const {
  auto it = m_slots.find(slot_key(attendee_id, day));
  return it == m_slots.end() ? std::nullopt : first_of(it->second);
}

std::optional<ArrivalChange> ArrivalLog::add(const LogEntry& entry) {
  ++m_entries;
  m_last_seq = std::max(m_last_seq, entry.seq);
  auto& last = m_kiosk_last[entry.kiosk];
  last = std::max(last, entry.at_ms);
  auto earlier = [](const LogEntry* x, const LogEntry* y) {
    return std::tie(x->at_ms, x->seq, x->uuid) < std::tie(y->at_ms, y->seq, y->uuid);
  };
  auto changed = [](const LogEntry& e, std::optional<Arrival> before,
                    std::optional<Arrival> after) -> std::optional<ArrivalChange> {
    auto same = [](const std::optional<Arrival>& x, const std::optional<Arrival>& y) {
      return x.has_value() == y.has_value() && (!x || (x->at_ms == y->at_ms && x->kiosk == y->kiosk));
    };
    if (same(before, after)) return std::nullopt;
    return ArrivalChange{e.attendee_id, e.day, std::move(before), std::move(after)};
  };
  switch (entry.kind) {
    case CheckinKind::checkin:
    case CheckinKind::walkin: {
      auto [it, added] = m_checkins.emplace(entry.uuid, entry);
      if (!added || m_undone.contains(entry.uuid)) return std::nullopt;
      const LogEntry& e = it->second;
      ++m_kiosk_arrivals[e.kiosk];
      Slot& slot = m_slots[slot_key(e.attendee_id, e.day)];
      auto before = first_of(slot);
      slot.insert(std::ranges::upper_bound(slot, &e, earlier), &e);
      return changed(e, std::move(before), first_of(slot));
    }
    case CheckinKind::undo: {
      if (!m_undone.insert(entry.undoes).second) return std::nullopt;
      auto it = m_checkins.find(entry.undoes);
      if (it == m_checkins.end()) return std::nullopt;  // its check-in comes later, or never
      const LogEntry& e = it->second;
      --m_kiosk_arrivals[e.kiosk];
      Slot& slot = m_slots[slot_key(e.attendee_id, e.day)];
      auto before = first_of(slot);
      std::erase(slot, &e);
      return changed(e, std::move(before), first_of(slot));
    }
    case CheckinKind::reprint:
    case CheckinKind::correction:
    case CheckinKind::superseded: break;  // no arrival: a badge, a record changed, a badge refused
  }
  return std::nullopt;
}

std::vector<Arrival> ArrivalLog::arrivals() const {
  // Per person and day, the earliest that counts.
  std::unordered_map<std::string, const LogEntry*> first;  // attendee id + day
  first.reserve(m_checkins.size());
  for (const auto& [uuid, e] : m_checkins) {
    if (m_undone.contains(uuid)) continue;
    const LogEntry*& slot = first[e.attendee_id + '\x1f' + std::to_string(e.day)];
    if (!slot || std::tie(e.at_ms, e.seq) < std::tie(slot->at_ms, slot->seq)) slot = &e;
  }
  std::vector<Arrival> out;
  out.reserve(first.size());
  for (const auto& [key, e] : first) out.push_back({e->attendee_id, e->day, e->at_ms, e->kiosk});
  std::ranges::sort(out, [](const Arrival& x, const Arrival& y) {
    return std::tie(x.at_ms, x.attendee_id, x.day) < std::tie(y.at_ms, y.attendee_id, y.day);
  });
  return out;
}

Presence ArrivalLog::presence() const {
  Presence present;
  for (const auto& [uuid, e] : m_checkins)
    if (!m_undone.contains(uuid) && e.day >= 1 && e.day <= 32) present.days_by_attendee[e.attendee_id] |= 1u << (e.day - 1);
  return present;
}

std::vector<KioskActivity> ArrivalLog::kiosks() const {
  std::map<std::string, KioskActivity> by_name;
  for (const auto& [name, last] : m_kiosk_last) by_name[name] = {name, last, 0};
  for (const auto& [name, arrivals] : m_kiosk_arrivals) by_name[name].arrivals = arrivals;
  std::vector<KioskActivity> out;
  for (auto& [name, k] : by_name) out.push_back(std::move(k));
  return out;
}

namespace {

std::int64_t floor_to(std::int64_t ms, std::int64_t step) {
  std::int64_t q = ms / step;
  if (ms % step < 0) --q;
  return q * step;
}

}  // namespace

Timeline timeline_of(const Event& event, const std::vector<Attendee>& attendees, const std::vector<Arrival>& arrivals,
                     int day, std::int64_t now_ms, std::string_view language, std::int64_t bin_ms) {
  Timeline t;
  t.day = day;
  t.bin_ms = bin_ms;
  // The columns: category_columns' (figures.hpp), then "" for arrivals of
  // people the list does not have (yet); those of the list's other
  // categories with nobody that day are dropped at the end.
  std::vector<std::string> keys = category_columns(event, attendees);
  if (std::ranges::find(keys, std::string()) == keys.end()) keys.emplace_back();
  for (const std::string& key : keys) {
    const Category* c = event.category(key);
    t.categories.push_back({key, c ? c->label(language) : key.empty() ? std::string("?") : key, 0, 0});
  }
  std::unordered_map<std::string, std::size_t> column_of;
  for (std::size_t i = 0; i < t.categories.size(); ++i) column_of.emplace(t.categories[i].key, i);
  std::unordered_map<std::string, const Attendee*> by_id;
  by_id.reserve(attendees.size());
  for (const Attendee& a : attendees) by_id[a.id] = &a;
  auto column = [&](const std::string& category) { return column_of.at(category); };

  std::unordered_set<std::string> came;
  std::vector<std::pair<std::int64_t, std::size_t>> times;  // arrival time, column
  for (const Arrival& a : arrivals) {
    if (a.day != day) continue;
    auto it = by_id.find(a.attendee_id);
    const std::size_t col = column(it == by_id.end() ? std::string() : it->second->category);
    ++t.categories[col].checked_in;
    came.insert(a.attendee_id);
    times.emplace_back(a.at_ms, col);
  }
  for (const Attendee& a : attendees) {
    if (a.status != AttendeeStatus::active || !a.days.contains(day)) continue;
    ++t.registered;
    ++t.categories[column(a.category)].registered;
    if (!came.contains(a.id)) ++t.remaining;
  }
  t.arrived = static_cast<std::int64_t>(came.size());

  if (!times.empty()) {
    std::int64_t first = times.front().first, last = times.front().first;
    for (auto [at, col] : times) {
      first = std::min(first, at);
      last = std::max(last, at);
    }
    std::int64_t from = floor_to(first, bin_ms);
    const std::int64_t to = floor_to(std::max(last, now_ms), bin_ms);
    if ((to - from) / bin_ms + 1 > static_cast<std::int64_t>(Timeline::k_max_bins))
      from = to - static_cast<std::int64_t>(Timeline::k_max_bins - 1) * bin_ms;
    const std::size_t count = static_cast<std::size_t>((to - from) / bin_ms + 1);
    t.bins.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      t.bins[i].start_ms = from + static_cast<std::int64_t>(i) * bin_ms;
      t.bins[i].by_category.assign(t.categories.size(), 0);
    }
    for (auto [at, col] : times) {
      if (at < from) continue;
      ArrivalBin& bin = t.bins[static_cast<std::size_t>((floor_to(at, bin_ms) - from) / bin_ms)];
      ++bin.by_category[col];
      ++bin.total;
    }
    for (const ArrivalBin& bin : t.bins)
      if (bin.total > t.peak) {
        t.peak = bin.total;
        t.peak_start_ms = bin.start_ms;
      }
    std::int64_t recent = 0;
    for (auto [at, col] : times)
      if (at > now_ms - Timeline::k_rate_window_ms && at <= now_ms) ++recent;
    t.rate_per_hour = static_cast<double>(recent) * 3'600'000.0 / static_cast<double>(Timeline::k_rate_window_ms);
  }
  if (t.remaining > 0 && t.rate_per_hour > 0)
    t.clears_at_ms = now_ms + static_cast<std::int64_t>(static_cast<double>(t.remaining) / t.rate_per_hour * 3'600'000.0);
  drop_empty_columns(event, t);
  return t;
}

void drop_empty_columns(const Event& event, Timeline& t) {
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < t.categories.size(); ++i)
    if (event.category(t.categories[i].key) || t.categories[i].registered || t.categories[i].checked_in) kept.push_back(i);
  if (kept.size() == t.categories.size()) return;
  std::vector<CountRow> categories;
  for (std::size_t i : kept) categories.push_back(std::move(t.categories[i]));
  t.categories = std::move(categories);
  for (ArrivalBin& bin : t.bins) {
    std::vector<std::int64_t> by_category;
    for (std::size_t i : kept) by_category.push_back(bin.by_category[i]);
    bin.by_category = std::move(by_category);
  }
}

ProtocolEntry protocol_entry(const Attendee& a, bool delegation_head) {
  return ProtocolEntry{a.id, display_name(a), a.function, a.organisation, a.country, "", 0, a.vip, delegation_head};
}

std::string delegation_head_key(const Attendee& a, const Event& event) {
  if (a.status != AttendeeStatus::active || a.delegation.empty() || a.country.empty() || a.country == event.country)
    return {};
  return fold_key(a.delegation);
}

ProtocolFeed protocol_of(const Event& event, const std::vector<Attendee>& attendees,
                         const std::vector<Arrival>& arrivals, int day) {
  // Each foreign delegation's head: its VIP member, else its first member.
  std::unordered_map<std::string, const Attendee*> heads;
  for (const Attendee& a : attendees) {
    const std::string key = delegation_head_key(a, event);
    if (key.empty()) continue;
    const Attendee*& head = heads[key];
    if (!head || heads_instead(a, *head)) head = &a;
  }
  std::unordered_set<const Attendee*> head_set;
  for (const auto& [key, a] : heads) head_set.insert(a);
  auto entry = [&](const Attendee& a) { return protocol_entry(a, head_set.contains(&a)); };
  std::unordered_map<std::string, const Arrival*> arrived;
  for (const Arrival& r : arrivals)
    if (r.day == day) arrived[r.attendee_id] = &r;

  ProtocolFeed feed;
  for (const Attendee& a : attendees) {
    if (!a.vip && !head_set.contains(&a)) continue;
    if (auto it = arrived.find(a.id); it != arrived.end()) {
      ProtocolEntry e = entry(a);
      e.kiosk = it->second->kiosk;
      e.at_ms = it->second->at_ms;
      feed.arrived.push_back(std::move(e));
    } else if (a.status == AttendeeStatus::active && a.days.contains(day)) {
      feed.expected.push_back(entry(a));
    }
  }
  std::ranges::stable_sort(feed.arrived, [](const ProtocolEntry& x, const ProtocolEntry& y) { return x.at_ms > y.at_ms; });
  return feed;
}

}  // namespace accueil
