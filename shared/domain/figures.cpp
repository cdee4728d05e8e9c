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

namespace {

// The folded keys of organisations and delegations, made once per distinct
// spelling: folding (ICU) is most of the figures' cost, and a list of 20,000
// names a few thousand organisations.
class Keys {
public:
  const std::string& authority(const std::string& organisation) {
    auto [it, added] = m_authority.try_emplace(organisation);
    if (added) it->second = authority_key(organisation);
    return it->second;
  }
  const std::string& plain(const std::string& text) {
    auto [it, added] = m_plain.try_emplace(text);
    if (added) it->second = fold_key(text);
    return it->second;
  }

private:
  std::unordered_map<std::string, std::string> m_authority, m_plain;
};

// Counts who is in `people`; with `lists`, also names what they represent.
// The rules of what counts as a local authority, a delegation or an embassy
// are here and nowhere else.
Reach reach_of(const std::vector<const Attendee*>& people, const Event& event, Keys& keys,
               RepresentedLists* lists = nullptr) {
  Reach r;
  std::unordered_set<std::string> countries;
  // key -> index in the list (the unnamed list when `lists` is null)
  std::unordered_map<std::string, std::size_t> authorities, delegations, embassies;
  RepresentedLists unnamed;
  RepresentedLists& out = lists ? *lists : unnamed;
  auto count = [&](std::unordered_map<std::string, std::size_t>& seen, std::vector<Represented>& list,
                   const std::string& key, const std::string& name, const Attendee& a) {
    auto [it, added] = seen.try_emplace(key, list.size());
    if (!lists) return;
    if (added) list.push_back({std::string(trim(name)), a.country, 0});
    ++list[it->second].people;
  };
  for (const Attendee* a : people) {
    ++r.people;
    const Category* category = event.category(a->category);
    const CategoryRole role = category ? category->role : CategoryRole::other;
    const bool foreign = !a->country.empty() && a->country != event.country;
    if (!a->country.empty()) countries.insert(a->country);
    if (foreign) ++r.foreign_people;
    if (role == CategoryRole::local_government && !foreign && !a->organisation.empty())
      count(authorities, out.local_authorities, keys.authority(a->organisation), a->organisation, *a);
    if (role == CategoryRole::embassy && !a->organisation.empty())
      count(embassies, out.embassies, keys.plain(a->organisation), a->organisation, *a);
    if (foreign && (!a->delegation.empty() || role == CategoryRole::delegation)) {
      const std::string& name = a->delegation.empty() ? a->organisation : a->delegation;
      count(delegations, out.foreign_delegations, keys.plain(name), name, *a);
    }
  }
  r.local_authorities = static_cast<std::int64_t>(authorities.size());
  r.countries = static_cast<std::int64_t>(countries.size());
  r.foreign_delegations = static_cast<std::int64_t>(delegations.size());
  r.embassies = static_cast<std::int64_t>(embassies.size());
  if (lists) {
    for (auto* list : {&lists->local_authorities, &lists->foreign_delegations, &lists->embassies})
      std::ranges::sort(*list, [&](const Represented& x, const Represented& y) {
        return keys.plain(x.name) < keys.plain(y.name);
      });
  }
  return r;
}

Figures figures_for(int day, const std::vector<Attendee>& attendees, const Presence& present, const Event& event,
                    std::string_view language, Keys& keys) {
  Figures f;
  f.day = day;
  if (day > 0) f.date = event.days[static_cast<std::size_t>(day - 1)].date;
  std::vector<const Attendee*> registered, came;
  std::unordered_map<std::string, CountRow> countries;
  std::vector<CountRow> categories;
  for (const Category& c : event.categories) categories.push_back({c.key, c.label(language), 0, 0});
  auto category_row = [&](const std::string& key) -> CountRow& {
    for (CountRow& row : categories)
      if (row.key == key) return row;
    categories.push_back({key, key, 0, 0});
    return categories.back();
  };
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
  f.by_category = std::move(categories);
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
  Keys keys;
  for (int day = 1; day <= event.day_count(); ++day)
    report.days.push_back(figures_for(day, attendees, present, event, language, keys));
  report.total = figures_for(0, attendees, present, event, language, keys);
  return report;
}

}  // namespace accueil
