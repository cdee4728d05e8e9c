// The dashboard's figures kept up to date as the log grows: each new log
// entry changes the counts it touches (a person's presence on a day, one bin
// of the arrivals chart, a country, a local authority...) instead of the whole
// list being counted again. What comes out is what figures_of, timeline_of and
// protocol_of say for the same list and log (tests/shared/test_live_figures.cpp
// checks it entry by entry); the rules of who counts are theirs
// (contribution_of, delegation_head_key), not repeated here.
//
// Costs: set_attendees is a full count (the list changed); add() and
// add_attendee() are a few hash and tree operations; report(), timeline()
// and protocol() copy out what is shown, proportional to the number of
// categories, countries, organisations represented and VIPs, not people.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "shared/domain/arrivals.hpp"
#include "shared/domain/figures.hpp"
#include "shared/domain/model.hpp"

namespace accueil {

class LiveFigures {
public:
  explicit LiveFigures(Event event);

  // The list, whole (at the start, or when people already in it changed):
  // everything is counted again, with the log folded so far.
  void set_attendees(std::vector<Attendee> attendees);
  // A person new to the list, after those there (a walk-in, a ticket
  // printed for someone the list lacked). False, and nothing changed, when
  // the id is in the list already: call set_attendees then.
  bool add_attendee(Attendee attendee);
  // One more log entry (any order, as ArrivalLog takes them).
  void add(const LogEntry& entry);

  const Event& event() const { return m_event; }
  const std::vector<Attendee>& attendees() const { return m_attendees; }
  const ArrivalLog& log() const { return m_log; }

  EventReport report(std::string_view language) const;
  Timeline timeline(int day, std::int64_t now_ms, std::string_view language) const;
  ProtocolFeed protocol(int day) const;

private:
  // One kind of organisation (local authorities, delegations, embassies)
  // among a set of people: its members by key, and those with members in the
  // lists' order (the folded name of the first member in the list, the key).
  struct Groups {
    std::unordered_map<std::string, std::set<std::size_t>> members;  // key -> list indices
    std::set<std::tuple<std::string, std::string>> order;              // (folded name, key)
  };
  // The counts of one set of people (registered, or present) in one scope.
  struct Side {
    std::int64_t people = 0;
    std::int64_t foreign_people = 0;
    std::unordered_map<std::string, std::int64_t> countries;  // non-empty codes with people
    std::vector<std::int64_t> by_column;                      // by category column
    std::unordered_map<std::string, std::int64_t> by_country;  // "" included
    Groups authorities, delegations, embassies;
  };
  // Scope 0 is the whole event, scope d the event's day d.
  struct Scope {
    Side registered, present;
  };
  // One day's arrivals for the chart.
  struct DayLine {
    std::map<std::int64_t, std::vector<std::int64_t>> bins;  // bin start -> arrivals by column
    std::vector<std::int64_t> times;                         // arrival times, sorted
    std::int64_t unlisted = 0;             // arrivals of people not in the list (column "")
    std::int64_t registered_present = 0;   // registered that day and arrived
  };
  struct Person {
    Contribution contribution;
    std::string authority_plain, delegation_plain, embassy_plain;  // folded names, the lists' order
    std::size_t column = 0;
    std::uint32_t present = 0;  // bit d-1: an arrival that counts on day d
    bool head = false;          // of a foreign delegation
  };

  bool registered_in(const Attendee& a, int scope) const;
  std::size_t column_of(const std::string& category);
  void add_person(std::size_t index);
  void count_side(Side& side, std::size_t index, int sign);
  void count_group(Groups& groups, const std::string& key, std::string Person::*plain, std::size_t index, int sign);
  void count_arrival(const Arrival& arrival, int sign);
  void apply(const ArrivalChange& change);
  void consider_head(std::size_t index);
  Figures figures_of_scope(int scope, std::string_view language) const;
  std::vector<std::size_t> columns_in_order() const;
  std::string column_label(std::size_t column, std::string_view language) const;
  ProtocolEntry protocol_entry_of(std::size_t index) const;

  Event m_event;
  std::vector<Attendee> m_attendees;
  std::vector<Person> m_people;
  std::unordered_map<std::string, std::size_t> m_index;  // id -> list index
  ArrivalLog m_log;
  OrganisationKeys m_keys;
  // Category columns: keys by id, and their order of display (category_columns',
  // then "" when only people missing from the list have it).
  std::vector<std::string> m_columns;
  std::vector<std::size_t> m_rank;  // by column id
  std::size_t m_next_rank = 0;
  std::unordered_map<std::string, std::size_t> m_column_of;
  std::size_t m_blank = 0;  // the "" column
  std::vector<Scope> m_scopes;
  std::unordered_map<int, DayLine> m_days;
  std::unordered_map<std::string, std::size_t> m_heads;  // delegation key -> list index
  std::set<std::size_t> m_protocol;                      // VIPs and heads, list indices
  mutable std::unordered_map<std::size_t, ProtocolEntry> m_protocol_entries;  // made once each (display_name)
};

}  // namespace accueil
