// The figures an organiser publishes after the event ("800 participants, 120
// French local authorities, 20+ countries, 8 foreign delegations, 15
// embassies, almost 30 % foreign participants"), per day and in total,
// derived from the attendee list and who was present, as plain data. No store
// here: shared/store/report.hpp reads the list and the check-in log and calls
// figures_of.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "shared/domain/model.hpp"

namespace accueil {

struct CountRow {
  std::string key;    // category key or country code
  std::string label;  // in the report's language
  std::int64_t registered = 0;
  std::int64_t checked_in = 0;
  friend bool operator==(const CountRow&, const CountRow&) = default;
};

// Counts over one set of people: those registered, or those who came.
struct Reach {
  std::int64_t people = 0;
  std::int64_t local_authorities = 0;  // distinct local authorities of the host country
  std::int64_t countries = 0;          // distinct countries, host included
  std::int64_t foreign_delegations = 0;
  std::int64_t embassies = 0;
  std::int64_t foreign_people = 0;     // from another country than the host's
  double foreign_share() const { return people ? static_cast<double>(foreign_people) / static_cast<double>(people) : 0.0; }
  friend bool operator==(const Reach&, const Reach&) = default;
};

// An organisation represented among the people counted: a local authority, a
// foreign delegation or an embassy, under the spelling met first in the list.
struct Represented {
  std::string name;
  std::string country;  // ISO code of its first member
  std::int64_t people = 0;
  friend bool operator==(const Represented&, const Represented&) = default;
};

// The names behind Reach's counts of local authorities, delegations and
// embassies, sorted by name (the report's lists).
struct RepresentedLists {
  std::vector<Represented> local_authorities;
  std::vector<Represented> foreign_delegations;
  std::vector<Represented> embassies;
  friend bool operator==(const RepresentedLists&, const RepresentedLists&) = default;
};

struct Figures {
  int day = 0;       // 1-based; 0 for the whole event
  std::string date;  // empty for the whole event
  Reach registered;  // active registrations (for that day)
  Reach checked_in;  // people checked in (that day, or on any day)
  std::vector<CountRow> by_category;  // in the event's order
  std::vector<CountRow> by_country;   // most checked in first
  RepresentedLists represented;       // among those checked in
  friend bool operator==(const Figures&, const Figures&) = default;
};

struct EventReport {
  std::string event_name;
  std::vector<Figures> days;
  Figures total;
  friend bool operator==(const EventReport&, const EventReport&) = default;
};

// Who was present: attendee id -> bit set of days (bit 0 is day 1) with a check-in
// that counts (not undone).
struct Presence {
  std::unordered_map<std::string, std::uint32_t> days_by_attendee;
};

EventReport figures_of(const Event& event, const std::vector<Attendee>& attendees, const Presence& present,
                       std::string_view language = "fr");

// The key under which two spellings of one local authority count once:
// "Ville de Dijon" and "Mairie de Dijon" are both "dijon".
std::string authority_key(std::string_view organisation);

// The folded keys of organisations and delegations, made once per distinct
// spelling: folding (ICU) is most of the figures' cost, and a list of 20,000
// names a few thousand organisations.
class OrganisationKeys {
public:
  const std::string& authority(const std::string& organisation);
  const std::string& plain(const std::string& text);

private:
  std::unordered_map<std::string, std::string> m_authority, m_plain;
};

// What one person brings to a Reach: the rules of who is foreign and of what
// counts as a local authority, a foreign delegation or an embassy, here and
// nowhere else (figures_of and the dashboard's LiveFigures both use it).
struct Contribution {
  bool foreign = false;  // from another country than the host's
  // For each kind, the key under which it counts once (empty: the person
  // represents none) and the name as this person spells it (trimmed).
  std::string authority_key, authority_name;
  std::string delegation_key, delegation_name;
  std::string embassy_key, embassy_name;
};
Contribution contribution_of(const Attendee& attendee, const Event& event, OrganisationKeys& keys);

// The order of the represented lists: by the folded name, then by key.
bool represented_before(const std::string& plain_x, const std::string& key_x, const std::string& plain_y,
                        const std::string& key_y);

// The rows of by_category: the event's categories in its order, then the
// categories the list names that the event does not, in the order the list
// first names them (those with nobody in a day are left out of that day).
std::vector<std::string> category_columns(const Event& event, const std::vector<Attendee>& attendees);

}  // namespace accueil
