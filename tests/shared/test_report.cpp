#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "shared/store/checkin.hpp"
#include "shared/store/report.hpp"

using namespace accueil;
using namespace accueil::testing;

namespace {

Attendee person(std::string ref, std::string category, std::string country, std::string organisation,
                DaySet days = DaySet::all(2), std::string delegation = "") {
  Attendee a = make_attendee(ref, "P", ref, organisation, days);
  a.category = std::move(category);
  a.country = std::move(country);
  a.delegation = std::move(delegation);
  return a;
}

}  // namespace

TEST_CASE("authority keys merge the usual spellings of one commune", "[report]") {
  CHECK(authority_key("Ville de Dijon") == authority_key("Mairie de Dijon"));
  CHECK(authority_key("Ville du Havre") == authority_key("Le Havre"));
  CHECK(authority_key("Mairie d'Orléans") == "orleans");
  CHECK(authority_key("Dijon Métropole") != authority_key("Ville de Dijon"));
}

TEST_CASE("the report counts who came, per day and in total", "[report]") {
  Event event = sample_event();
  Store store = memory_store();
  REQUIRE(store.save_event(event));
  const DaySet day1 = DaySet::from_bits(0b01), day2 = DaySet::from_bits(0b10);
  std::vector<Attendee> people = {
      person("e1", "elu", "FR", "Ville de Dijon"),
      person("e2", "agent", "FR", "Mairie de Dijon"),  // the same authority
      person("e3", "elu", "FR", "Région Bretagne", day2),
      person("e4", "elu", "FR", "Ville de Poitiers"),  // never comes
      person("a1", "ambassade", "JP", "Ambassade du Japon", day1),
      person("a2", "ambassade", "JP", "Ambassade du Japon"),
      person("d1", "delegation", "MA", "Commune de Fès", DaySet::all(2), "Délégation de Fès"),
      person("d2", "delegation", "MA", "Commune de Fès", DaySet::all(2), "Délégation de Fès"),
      person("d3", "delegation", "AM", "Mairie d'Erevan", DaySet::all(2)),  // delegation from its organisation
      person("p1", "presse", "FR", "Le Monde"),
  };
  Attendee gone = person("x1", "elu", "FR", "Ville de Nantes");
  gone.status = AttendeeStatus::cancelled;
  people.push_back(gone);
  for (const Attendee& a : people) REQUIRE(store.insert_attendee(a, AttendeeSource::import));

  auto come = [&](const std::string& ref, int day) {
    auto id = store.attendee_by_ref(ref).value()->id;
    REQUIRE(check_in_attendee(store, event, id, {day, "k", "", 0})->outcome == Outcome::ok);
  };
  for (auto ref : {"e1", "e2", "a1", "a2", "d1", "d3", "p1"}) come(ref, 1);
  for (auto ref : {"e1", "e3", "a2", "d1", "d2"}) come(ref, 2);
  // An undone check-in does not count.
  come("e4", 1);
  auto e4 = store.attendee_by_ref("e4").value()->id;
  REQUIRE(undo_checkin(store, e4, {1, "desk", "", 0}, "wrong person"));

  auto report = build_report(store, event, "fr");
  REQUIRE(report);
  REQUIRE(report->days.size() == 2);

  const Figures& d1 = report->days[0];
  CHECK(d1.date == "2026-12-03");
  CHECK(d1.registered.people == 9);  // e3 is day 2 only; x1 is cancelled
  CHECK(d1.checked_in.people == 7);
  CHECK(d1.checked_in.local_authorities == 1);  // Dijon, twice spelled
  CHECK(d1.checked_in.embassies == 1);
  CHECK(d1.checked_in.foreign_delegations == 2);  // Fès, Erevan
  CHECK(d1.checked_in.countries == 4);  // FR, JP, MA, AM
  CHECK(d1.checked_in.foreign_people == 4);

  const Figures& d2 = report->days[1];
  CHECK(d2.registered.people == 9);  // a1 is day 1 only
  CHECK(d2.checked_in.people == 5);
  CHECK(d2.checked_in.local_authorities == 2);  // Dijon, Bretagne
  CHECK(d2.checked_in.foreign_delegations == 1);

  const Figures& all = report->total;
  CHECK(all.registered.people == 10);
  CHECK(all.checked_in.people == 9);  // everyone but e4
  CHECK(all.checked_in.countries == 4);
  CHECK(all.checked_in.foreign_people == 5);
  CHECK(all.checked_in.foreign_share() == Approx(5.0 / 9.0));
  CHECK(all.registered.local_authorities == 3);  // Dijon, Bretagne, Poitiers

  auto elu = std::ranges::find(all.by_category, std::string("elu"), &CountRow::key);
  REQUIRE(elu != all.by_category.end());
  CHECK(elu->label == "Élu·e");
  CHECK(elu->registered == 3);
  CHECK(elu->checked_in == 2);
  REQUIRE_FALSE(all.by_country.empty());
  CHECK(all.by_country.front().key == "FR");
  CHECK(all.by_country.front().label == "France");
  auto japan = std::ranges::find(all.by_country, std::string("JP"), &CountRow::key);
  REQUIRE(japan != all.by_country.end());
  CHECK(japan->label == "Japon");
  CHECK(japan->checked_in == 2);

  // The names behind the counts: one entry per authority, delegation or
  // embassy counted, under its first spelling, with the people who came.
  const RepresentedLists& named = all.represented;
  REQUIRE(named.local_authorities.size() == static_cast<std::size_t>(all.checked_in.local_authorities));
  CHECK(named.local_authorities[0].name == "Région Bretagne");  // sorted by folded name: bretagne, dijon
  CHECK(named.local_authorities[1].name == "Ville de Dijon");
  CHECK(named.local_authorities[1].people == 2);
  REQUIRE(named.foreign_delegations.size() == static_cast<std::size_t>(all.checked_in.foreign_delegations));
  CHECK(named.foreign_delegations[0].name == "Délégation de Fès");
  CHECK(named.foreign_delegations[0].country == "MA");
  CHECK(named.foreign_delegations[1].name == "Mairie d'Erevan");
  REQUIRE(named.embassies.size() == 1);
  CHECK(named.embassies[0].name == "Ambassade du Japon");
  CHECK(named.embassies[0].people == 2);
  // Day 1: e4's undone check-in names nothing (Poitiers is not listed).
  for (const Represented& r : report->days[0].represented.local_authorities) CHECK(r.name != "Ville de Poitiers");
  CHECK(report->days[0].represented.local_authorities.size() == 1);
}

TEST_CASE("the figures come from plain data, with no store", "[report]") {
  Event event = sample_event();
  std::vector<Attendee> people = {
      person("e1", "elu", "FR", "Ville de Dijon"),
      person("a1", "ambassade", "JP", "Ambassade du Japon", DaySet::from_bits(0b01)),
  };
  people[0].id = "id-e1";
  people[1].id = "id-a1";
  Presence present;
  present.days_by_attendee["id-e1"] = 0b10;  // day 2 only
  present.days_by_attendee["id-a1"] = 0b01;  // day 1 only

  EventReport report = figures_of(event, people, present, "fr");
  REQUIRE(report.days.size() == 2);
  CHECK(report.days[0].registered.people == 2);
  CHECK(report.days[0].checked_in.people == 1);
  CHECK(report.days[0].checked_in.embassies == 1);
  CHECK(report.days[1].registered.people == 1);  // a1 is day 1 only
  CHECK(report.days[1].checked_in.people == 1);
  CHECK(report.days[1].checked_in.local_authorities == 1);
  CHECK(report.total.checked_in.people == 2);
  CHECK(report.total.checked_in.foreign_people == 1);
}
