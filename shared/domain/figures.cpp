#include "shared/domain/figures.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_set>

#include "shared/text/countries.hpp"
#include "shared/text/text.hpp"

namespace accueil {

std::string authority_key(std::string_view organisation) {
  std::string key = fold(trim(organisation));
  // Common ways of naming a commune by its town hall or its town.
  for (std::string_view prefix : {"ville de ", "ville d'", "ville du ", "mairie de ", "mairie d'", "mairie du ",
                                  "commune de ", "commune d'", "commune du "}) {
    if (key.starts_with(prefix)) {
      key.erase(0, prefix.size());
      if (prefix.ends_with("du ")) key.insert(0, "le ");
      break;
    }
  }
  return fold_key(key);
}

const std::string& OrganisationKeys::authority(const std::string& organisation) {
  auto [it, added] = m_authority.try_emplace(organisation);
  if (added) it->second = authority_key(organisation);
  return it->second;
}

const std::string& OrganisationKeys::plain(const std::string& text) {
  auto [it, added] = m_plain.try_emplace(text);
  if (added) it->second = fold_key(text);
  return it->second;
}

Contribution contribution_of(const Attendee& a, const Event& event, OrganisationKeys& keys) {
  Contribution c;
  const Category* category = event.category(a.category);
  const CategoryRole role = category ? category->role : CategoryRole::other;
  c.foreign = !a.country.empty() && a.country != event.country;
  if (role == CategoryRole::local_government && !c.foreign && !a.organisation.empty()) {
    c.authority_key = keys.authority(a.organisation);
    c.authority_name = std::string(trim(a.organisation));
  }
  if (role == CategoryRole::embassy && !a.organisation.empty()) {
    c.embassy_key = keys.plain(a.organisation);
    c.embassy_name = std::string(trim(a.organisation));
  }
  if (c.foreign && (!a.delegation.empty() || role == CategoryRole::delegation)) {
    const std::string& name = a.delegation.empty() ? a.organisation : a.delegation;
    c.delegation_key = keys.plain(name);
    c.delegation_name = std::string(trim(name));
  }
  return c;
}

bool represented_before(const std::string& plain_x, const std::string& key_x, const std::string& plain_y,
                        const std::string& key_y) {
  return std::tie(plain_x, key_x) < std::tie(plain_y, key_y);
}

std::vector<std::string> category_columns(const Event& event, const std::vector<Attendee>& attendees) {
  std::vector<std::string> keys;
  std::unordered_set<std::string> seen;
  for (const Category& c : event.categories)
    if (seen.insert(c.key).second) keys.push_back(c.key);
  for (const Attendee& a : attendees)
    if (seen.insert(a.category).second) keys.push_back(a.category);
  return keys;
}

namespace {

// Counts who is in `people`; with `lists`, also names what they represent.
Reach reach_of(const std::vector<const Attendee*>& people, const Event& event, OrganisationKeys& keys,
               RepresentedLists* lists = nullptr) {
  Reach r;
  std::unordered_set<std::string> countries;
  // key -> index in the list (the unnamed list when `lists` is null)
  std::unordered_map<std::string, std::size_t> authorities, delegations, embassies;
  RepresentedLists unnamed;
  RepresentedLists& out = lists ? *lists : unnamed;
  auto count = [&](std::unordered_map<std::string, std::size_t>& seen, std::vector<Represented>& list,
                   const std::string& key, const std::string& name, const Attendee& a) {
    if (key.empty()) return;
    auto [it, added] = seen.try_emplace(key, list.size());
    if (!lists) return;
    if (added) list.push_back({name, a.country, 0});
    ++list[it->second].people;
  };
  for (const Attendee* a : people) {
    ++r.people;
    const Contribution c = contribution_of(*a, event, keys);
    if (!a->country.empty()) countries.insert(a->country);
    if (c.foreign) ++r.foreign_people;
    count(authorities, out.local_authorities, c.authority_key, c.authority_name, *a);
    count(embassies, out.embassies, c.embassy_key, c.embassy_name, *a);
    count(delegations, out.foreign_delegations, c.delegation_key, c.delegation_name, *a);
  }
  r.local_authorities = static_cast<std::int64_t>(authorities.size());
  r.countries = static_cast<std::int64_t>(countries.size());
  r.foreign_delegations = static_cast<std::int64_t>(delegations.size());
  r.embassies = static_cast<std::int64_t>(embassies.size());
  if (lists) {
    auto sort = [&](std::vector<Represented>& list, const std::unordered_map<std::string, std::size_t>& seen) {
      std::vector<std::string> key(list.size());
      for (const auto& [k, i] : seen) key[i] = k;
      std::vector<std::size_t> order(list.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::ranges::sort(order, [&](std::size_t x, std::size_t y) {
        return represented_before(keys.plain(list[x].name), key[x], keys.plain(list[y].name), key[y]);
      });
      std::vector<Represented> sorted;
      sorted.reserve(list.size());
      for (std::size_t i : order) sorted.push_back(std::move(list[i]));
      list = std::move(sorted);
    };
    sort(lists->local_authorities, authorities);
    sort(lists->foreign_delegations, delegations);
    sort(lists->embassies, embassies);
  }
  return r;
}

Figures figures_for(int day, const std::vector<Attendee>& attendees, const Presence& present, const Event& event,
                    std::string_view language, OrganisationKeys& keys, const std::vector<std::string>& columns) {
  Figures f;
  f.day = day;
  if (day > 0) f.date = event.days[static_cast<std::size_t>(day - 1)].date;
  std::vector<const Attendee*> registered, came;
  std::unordered_map<std::string, CountRow> countries;
  std::vector<CountRow> categories;
  std::unordered_map<std::string, std::size_t> row_of;
  for (const std::string& key : columns) {
    const Category* c = event.category(key);
    row_of.emplace(key, categories.size());
    categories.push_back({key, c ? c->label(language) : key, 0, 0});
  }
  auto category_row = [&](const std::string& key) -> CountRow& { return categories[row_of.at(key)]; };
  for (const Attendee& a : attendees) {
    const bool is_registered = a.status == AttendeeStatus::active && (day == 0 || a.days.contains(day));
    std::uint32_t days_present = 0;
    if (auto it = present.days_by_attendee.find(a.id); it != present.days_by_attendee.end()) days_present = it->second;
    const bool is_present = day == 0 ? days_present != 0 : ((days_present >> (day - 1)) & 1u) != 0;
    if (!is_registered && !is_present) continue;
    CountRow& cat = category_row(a.category);
    CountRow& country = countries[a.country];
    if (is_registered) {
      registered.push_back(&a);
      ++cat.registered;
      ++country.registered;
    }
    if (is_present) {
      came.push_back(&a);
      ++cat.checked_in;
      ++country.checked_in;
    }
  }
  f.registered = reach_of(registered, event, keys);
  f.checked_in = reach_of(came, event, keys, &f.represented);
  for (CountRow& row : categories)  // the list's other categories only where someone is
    if (event.category(row.key) || row.registered || row.checked_in) f.by_category.push_back(std::move(row));
  for (auto& [code, row] : countries) {
    row.key = code;
    row.label = code.empty() ? std::string("?") : country_name(code, language);
    f.by_country.push_back(std::move(row));
  }
  std::ranges::sort(f.by_country, [](const CountRow& x, const CountRow& y) {
    return std::tie(y.checked_in, y.registered, x.key) < std::tie(x.checked_in, x.registered, y.key);
  });
  return f;
}

}  // namespace

EventReport figures_of(const Event& event, const std::vector<Attendee>& attendees, const Presence& present,
                       std::string_view language) {
  EventReport report;
  report.event_name = event.name;
  OrganisationKeys keys;
  const std::vector<std::string> columns = category_columns(event, attendees);
  for (int day = 1; day <= event.day_count(); ++day)
    report.days.push_back(figures_for(day, attendees, present, event, language, keys, columns));
  report.total = figures_for(0, attendees, present, event, language, keys, columns);
  return report;
}

}  // namespace accueil
