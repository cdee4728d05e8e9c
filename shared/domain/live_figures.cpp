#include "shared/domain/live_figures.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "shared/text/countries.hpp"

namespace accueil {

namespace {

constexpr std::size_t k_unlisted = std::numeric_limits<std::size_t>::max();  // the rank of a column no one listed has

std::int64_t floor_to(std::int64_t ms, std::int64_t step) {
  std::int64_t q = ms / step;
  if (ms % step < 0) --q;
  return q * step;
}

Reach reach_of_side(std::int64_t people, std::int64_t foreign, std::size_t countries, std::size_t authorities,
                    std::size_t delegations, std::size_t embassies) {
  Reach r;
  r.people = people;
  r.foreign_people = foreign;
  r.countries = static_cast<std::int64_t>(countries);
  r.local_authorities = static_cast<std::int64_t>(authorities);
  r.foreign_delegations = static_cast<std::int64_t>(delegations);
  r.embassies = static_cast<std::int64_t>(embassies);
  return r;
}

}  // namespace

LiveFigures::LiveFigures(Event event) : m_event(std::move(event)) { set_attendees({}); }

void LiveFigures::set_attendees(std::vector<Attendee> attendees) {
  m_attendees = std::move(attendees);
  m_people.clear();
  m_people.reserve(m_attendees.size());
  m_index.clear();
  m_index.reserve(m_attendees.size());
  m_columns.clear();
  m_rank.clear();
  m_column_of.clear();
  m_next_rank = 0;
  for (const std::string& key : category_columns(m_event, m_attendees)) column_of(key);
  if (!m_column_of.contains("")) {
    m_blank = column_of("");
    m_rank[m_blank] = k_unlisted;
    --m_next_rank;
  } else {
    m_blank = m_column_of.at("");
  }
  m_scopes.assign(static_cast<std::size_t>(std::max(m_event.day_count(), 1)) + 1, Scope{});
  m_days.clear();
  m_heads.clear();
  m_protocol.clear();
  m_protocol_entries.clear();
  for (std::size_t i = 0; i < m_attendees.size(); ++i) add_person(i);
  for (const Arrival& a : m_log.arrivals()) count_arrival(a, +1);
}

bool LiveFigures::add_attendee(Attendee attendee) {
  if (m_index.contains(attendee.id)) return false;
  // Arrivals of this person met before the list had them counted as unlisted.
  std::vector<Arrival> known;
  for (int day = 1; day <= 32; ++day)
    if (auto a = m_log.arrival(attendee.id, day)) known.push_back(std::move(*a));
  for (const Arrival& a : known) count_arrival(a, -1);
  m_attendees.push_back(std::move(attendee));
  add_person(m_attendees.size() - 1);
  for (const Arrival& a : known) count_arrival(a, +1);
  return true;
}

void LiveFigures::add(const LogEntry& entry) {
  if (auto change = m_log.add(entry)) apply(*change);
}

void LiveFigures::apply(const ArrivalChange& change) {
  if (change.before) count_arrival(*change.before, -1);
  if (change.after) count_arrival(*change.after, +1);
}

bool LiveFigures::registered_in(const Attendee& a, int scope) const {
  return a.status == AttendeeStatus::active && (scope == 0 || a.days.contains(scope));
}

std::size_t LiveFigures::column_of(const std::string& category) {
  if (auto it = m_column_of.find(category); it != m_column_of.end()) {
    if (m_rank[it->second] == k_unlisted) m_rank[it->second] = m_next_rank++;  // "" met in the list at last
    return it->second;
  }
  const std::size_t id = m_columns.size();
  m_columns.push_back(category);
  m_rank.push_back(m_next_rank++);
  m_column_of.emplace(category, id);
  return id;
}

void LiveFigures::add_person(std::size_t index) {
  const Attendee& a = m_attendees[index];
  Person p;
  p.contribution = contribution_of(a, m_event, m_keys);
  p.authority_plain = m_keys.plain(p.contribution.authority_name);
  p.delegation_plain = m_keys.plain(p.contribution.delegation_name);
  p.embassy_plain = m_keys.plain(p.contribution.embassy_name);
  p.column = column_of(a.category);
  m_people.push_back(std::move(p));
  m_index.emplace(a.id, index);
  for (std::size_t s = 0; s < m_scopes.size(); ++s)
    if (registered_in(a, static_cast<int>(s))) count_side(m_scopes[s].registered, index, +1);
  if (a.vip) m_protocol.insert(index);
  consider_head(index);
}

void LiveFigures::consider_head(std::size_t index) {
  const Attendee& a = m_attendees[index];
  const std::string key = delegation_head_key(a, m_event);
  if (key.empty()) return;
  auto [it, added] = m_heads.try_emplace(key, index);
  if (!added) {
    if (!heads_instead(a, m_attendees[it->second])) return;
    const std::size_t old = it->second;
    m_people[old].head = false;
    if (!m_attendees[old].vip) m_protocol.erase(old);
    it->second = index;
  }
  m_people[index].head = true;
  m_protocol.insert(index);
}

void LiveFigures::count_side(Side& side, std::size_t index, int sign) {
  const Attendee& a = m_attendees[index];
  const Person& p = m_people[index];
  side.people += sign;
  if (p.contribution.foreign) side.foreign_people += sign;
  if (!a.country.empty()) {
    auto& n = side.countries[a.country];
    if ((n += sign) == 0) side.countries.erase(a.country);
  }
  if (auto& n = side.by_country[a.country]; (n += sign) == 0) side.by_country.erase(a.country);
  if (side.by_column.size() <= p.column) side.by_column.resize(p.column + 1, 0);
  side.by_column[p.column] += sign;
  count_group(side.authorities, p.contribution.authority_key, &Person::authority_plain, index, sign);
  count_group(side.delegations, p.contribution.delegation_key, &Person::delegation_plain, index, sign);
  count_group(side.embassies, p.contribution.embassy_key, &Person::embassy_plain, index, sign);
}

void LiveFigures::count_group(Groups& groups, const std::string& key, std::string Person::*plain, std::size_t index,
                              int sign) {
  if (key.empty()) return;
  auto it = groups.members.try_emplace(key).first;
  std::set<std::size_t>& members = it->second;
  constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  const std::size_t first_before = members.empty() ? none : *members.begin();
  if (sign > 0) members.insert(index);
  else members.erase(index);
  const std::size_t first_after = members.empty() ? none : *members.begin();
  if (first_before != first_after) {
    // The list shows the group under its first member's spelling.
    if (first_before != none) groups.order.erase({m_people[first_before].*plain, key});
    if (first_after != none) groups.order.insert({m_people[first_after].*plain, key});
  }
  if (members.empty()) groups.members.erase(it);
}

void LiveFigures::count_arrival(const Arrival& arrival, int sign) {
  DayLine& line = m_days[arrival.day];
  const auto found = m_index.find(arrival.attendee_id);
  const bool listed = found != m_index.end();
  const std::size_t column = listed ? m_people[found->second].column : m_blank;
  // The chart: its bin, and the times the rate is taken from.
  auto bin = line.bins.try_emplace(floor_to(arrival.at_ms, k_ten_minutes_ms)).first;
  if (bin->second.size() <= column) bin->second.resize(column + 1, 0);
  bin->second[column] += sign;
  if (std::ranges::all_of(bin->second, [](std::int64_t n) { return n == 0; })) line.bins.erase(bin);
  if (sign > 0) line.times.insert(std::ranges::upper_bound(line.times, arrival.at_ms), arrival.at_ms);
  else line.times.erase(std::ranges::lower_bound(line.times, arrival.at_ms));
  if (!listed) {
    line.unlisted += sign;
    return;
  }
  // The figures: present that day, and on the event.
  const std::size_t index = found->second;
  const Attendee& a = m_attendees[index];
  Person& p = m_people[index];
  if (arrival.day < 1 || arrival.day > 32) return;
  const std::uint32_t before = p.present;
  const std::uint32_t bit = 1u << (arrival.day - 1);
  p.present = sign > 0 ? p.present | bit : p.present & ~bit;
  if (static_cast<std::size_t>(arrival.day) < m_scopes.size()) {
    count_side(m_scopes[static_cast<std::size_t>(arrival.day)].present, index, sign);
    if (registered_in(a, arrival.day)) line.registered_present += sign;
  }
  if ((before != 0) != (p.present != 0)) count_side(m_scopes[0].present, index, sign);
}

std::vector<std::size_t> LiveFigures::columns_in_order() const {
  std::vector<std::size_t> ids(m_columns.size());
  std::iota(ids.begin(), ids.end(), std::size_t{0});
  std::ranges::sort(ids, [&](std::size_t x, std::size_t y) { return m_rank[x] < m_rank[y]; });
  return ids;
}

std::string LiveFigures::column_label(std::size_t column, std::string_view language) const {
  const std::string& key = m_columns[column];
  if (const Category* c = m_event.category(key)) return c->label(language);
  return key;
}

Figures LiveFigures::figures_of_scope(int scope, std::string_view language) const {
  const Scope& s = m_scopes[static_cast<std::size_t>(scope)];
  Figures f;
  f.day = scope;
  if (scope > 0) f.date = m_event.days[static_cast<std::size_t>(scope - 1)].date;
  auto reach = [](const Side& side) {
    return reach_of_side(side.people, side.foreign_people, side.countries.size(), side.authorities.members.size(),
                         side.delegations.members.size(), side.embassies.members.size());
  };
  f.registered = reach(s.registered);
  f.checked_in = reach(s.present);
  auto at = [](const std::vector<std::int64_t>& v, std::size_t i) { return i < v.size() ? v[i] : 0; };
  for (std::size_t id : columns_in_order()) {
    if (m_rank[id] == k_unlisted) continue;
    CountRow row{m_columns[id], column_label(id, language), at(s.registered.by_column, id), at(s.present.by_column, id)};
    if (m_event.category(row.key) || row.registered || row.checked_in) f.by_category.push_back(std::move(row));
  }
  std::unordered_map<std::string, CountRow> countries;
  for (const auto& [code, n] : s.registered.by_country) countries[code].registered = n;
  for (const auto& [code, n] : s.present.by_country) countries[code].checked_in = n;
  for (auto& [code, row] : countries) {
    row.key = code;
    row.label = code.empty() ? std::string("?") : country_name(code, language);
    f.by_country.push_back(std::move(row));
  }
  std::ranges::sort(f.by_country, [](const CountRow& x, const CountRow& y) {
    return std::tie(y.checked_in, y.registered, x.key) < std::tie(x.checked_in, x.registered, y.key);
  });
  auto list = [&](const Groups& groups, std::string Contribution::*name) {
    std::vector<Represented> out;
    out.reserve(groups.order.size());
    for (const auto& [plain, key] : groups.order) {
      const std::set<std::size_t>& members = groups.members.at(key);
      const std::size_t first = *members.begin();
      out.push_back({m_people[first].contribution.*name, m_attendees[first].country,
                     static_cast<std::int64_t>(members.size())});
    }
    return out;
  };
  f.represented.local_authorities = list(s.present.authorities, &Contribution::authority_name);
  f.represented.foreign_delegations = list(s.present.delegations, &Contribution::delegation_name);
  f.represented.embassies = list(s.present.embassies, &Contribution::embassy_name);
  return f;
}

EventReport LiveFigures::report(std::string_view language) const {
  EventReport r;
  r.event_name = m_event.name;
  for (int day = 1; day <= m_event.day_count(); ++day) r.days.push_back(figures_of_scope(day, language));
  r.total = figures_of_scope(0, language);
  return r;
}

Timeline LiveFigures::timeline(int day, std::int64_t now_ms, std::string_view language) const {
  Timeline t;
  t.day = day;
  t.bin_ms = k_ten_minutes_ms;
  static const DayLine k_none;
  const auto found = m_days.find(day);
  const DayLine& line = found == m_days.end() ? k_none : found->second;
  const Side* registered =
      day >= 1 && static_cast<std::size_t>(day) < m_scopes.size() ? &m_scopes[static_cast<std::size_t>(day)].registered
                                                                   : nullptr;
  // The columns in display order; arrivals per column from the day's bins.
  const std::vector<std::size_t> ids = columns_in_order();
  std::vector<std::size_t> position(m_columns.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    position[ids[i]] = i;
    const std::size_t id = ids[i];
    const std::int64_t reg = registered && id < registered->by_column.size() ? registered->by_column[id] : 0;
    t.categories.push_back({m_columns[id], m_columns[id].empty() && !m_event.category("") ? std::string("?")
                                                                                           : column_label(id, language),
                            reg, 0});
  }
  for (const auto& [start, counts] : line.bins)
    for (std::size_t c = 0; c < counts.size(); ++c) t.categories[position[c]].checked_in += counts[c];
  t.registered = registered ? registered->people : 0;
  t.arrived = static_cast<std::int64_t>(line.times.size());
  t.remaining = t.registered - line.registered_present;
  if (!line.times.empty()) {
    const std::int64_t from_first = floor_to(line.times.front(), t.bin_ms);
    const std::int64_t to = floor_to(std::max(line.times.back(), now_ms), t.bin_ms);
    std::int64_t from = from_first;
    if ((to - from) / t.bin_ms + 1 > static_cast<std::int64_t>(Timeline::k_max_bins))
      from = to - static_cast<std::int64_t>(Timeline::k_max_bins - 1) * t.bin_ms;
    const std::size_t count = static_cast<std::size_t>((to - from) / t.bin_ms + 1);
    t.bins.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      t.bins[i].start_ms = from + static_cast<std::int64_t>(i) * t.bin_ms;
      t.bins[i].by_category.assign(t.categories.size(), 0);
    }
    for (auto it = line.bins.lower_bound(from); it != line.bins.end() && it->first <= to; ++it) {
      ArrivalBin& bin = t.bins[static_cast<std::size_t>((it->first - from) / t.bin_ms)];
      for (std::size_t c = 0; c < it->second.size(); ++c) {
        bin.by_category[position[c]] += it->second[c];
        bin.total += it->second[c];
      }
    }
    for (const ArrivalBin& bin : t.bins)
      if (bin.total > t.peak) {
        t.peak = bin.total;
        t.peak_start_ms = bin.start_ms;
      }
    const auto recent = std::ranges::upper_bound(line.times, now_ms) -
                        std::ranges::upper_bound(line.times, now_ms - Timeline::k_rate_window_ms);
    t.rate_per_hour = static_cast<double>(recent) * 3'600'000.0 / static_cast<double>(Timeline::k_rate_window_ms);
  }
  if (t.remaining > 0 && t.rate_per_hour > 0)
    t.clears_at_ms = now_ms + static_cast<std::int64_t>(static_cast<double>(t.remaining) / t.rate_per_hour * 3'600'000.0);
  drop_empty_columns(m_event, t);
  return t;
}

ProtocolFeed LiveFigures::protocol(int day) const {
  // Who arrived, from the presence bits (no log look-up for the others);
  // names and functions as cached when the person joined the feed.
  ProtocolFeed feed;
  std::vector<std::pair<Arrival, std::size_t>> arrived;
  const std::uint32_t bit = day >= 1 && day <= 32 ? 1u << (day - 1) : 0;
  for (std::size_t index : m_protocol) {
    const Attendee& a = m_attendees[index];
    if (m_people[index].present & bit) {
      if (auto arrival = m_log.arrival(a.id, day)) arrived.emplace_back(std::move(*arrival), index);
    } else if (a.status == AttendeeStatus::active && a.days.contains(day)) {
      feed.expected.push_back(protocol_entry_of(index));
    }
  }
  std::ranges::stable_sort(arrived, [](const auto& x, const auto& y) { return x.first.at_ms > y.first.at_ms; });
  feed.arrived.reserve(arrived.size());
  for (auto& [arrival, index] : arrived) {
    ProtocolEntry e = protocol_entry_of(index);
    e.kiosk = std::move(arrival.kiosk);
    e.at_ms = arrival.at_ms;
    feed.arrived.push_back(std::move(e));
  }
  return feed;
}

ProtocolEntry LiveFigures::protocol_entry_of(std::size_t index) const {
  auto it = m_protocol_entries.find(index);
  if (it == m_protocol_entries.end())
    it = m_protocol_entries.emplace(index, protocol_entry(m_attendees[index], false)).first;
  ProtocolEntry e = it->second;
  e.delegation_head = m_people[index].head;
  return e;
}

}  // namespace accueil
