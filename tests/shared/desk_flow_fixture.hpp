// The desk flow's test fixture: a fake clock, a store with two attendees and
// two staff members, and the app's part (PIN checks and actions performed as
// its worker does). Shared by test_desk_flow.cpp and test_desk_notices.cpp.
#pragma once

#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "shared/flow/desk_flow.hpp"
#include "shared/flow/desk_notice.hpp"
#include "shared/text/catalog.hpp"

namespace accueil::testing {


struct DeskClock final : Clock {
  std::int64_t now = 1'796'284'620'000;
  std::int64_t now_ms() const override { return now; }
  void advance(std::int64_t ms) { now += ms; }
};

struct DeskFlowFixture {
  DeskClock clock;
  Store store = memory_store();
  Event event = sample_event();
  std::vector<Attendee> people;
  DeskIndex index;
  DeskOptions options;
  DeskFlow flow;

  explicit DeskFlowFixture(bool on_kiosk = false) : flow(make_options(on_kiosk), clock, nullptr) {
    REQUIRE(store.save_event(event));
    Attendee helene = make_attendee("R1", "Hélène", "Moncond'huy", "Ville de Poitiers");
    helene.email = "helene.m@poitiers.fr";
    Attendee aram = make_attendee("R2", "Արամ", "Պետրոսյան", "Mairie d'Erevan");
    aram.first_name_latin = "Aram";
    aram.last_name_latin = "Petrosyan";
    aram.delegation = "Délégation arménienne";
    aram.staff_note = "lettre du ministre à remettre";
    for (auto* a : {&helene, &aram}) {
      REQUIRE(store.insert_attendee(*a, AttendeeSource::import));
      people.push_back(*a);
    }
    REQUIRE(add_staff(store, "Camille", StaffRole::desk, "2468", false, PinCost::minimal()));
    REQUIRE(add_staff(store, "Admin", StaffRole::admin, "13579", false, PinCost::minimal()));
    index = DeskIndex(people);
    flow.set_index(&index);
  }
  DeskOptions make_options(bool on_kiosk) {
    options.terminal = on_kiosk ? "kiosk-1" : "desk-1";
    options.on_kiosk = on_kiosk;
    return options;
  }
  // Performs the PIN checks the flow asked for, as the app's worker does.
  void run_pin_checks() {
    for (auto& check : flow.take_effects().pin_checks) {
      auto result = check_staff_pin(store, options.terminal, check.name, check.pin, clock.now);
      REQUIRE(result);
      flow.on_pin_checked(check.ticket, *result);
    }
  }
  void type_pin(std::string_view name, std::string_view pin) {
    flow.choose_staff(name);
    for (char c : pin) flow.pin_digit(c);
    flow.pin_submit();
    run_pin_checks();
  }
  // Performs the actions the flow asked for; returns them.
  std::vector<DeskActionEffect> run_actions() {
    auto effects = flow.take_effects();
    for (auto& a : effects.actions) {
      CheckinContext ctx{a.action.day, options.terminal, a.operator_name, clock.now};
      flow.on_action_done(a.ticket, perform_desk_action(store, event, a.action, ctx));
    }
    return effects.actions;
  }
};


// A desk notice or a store error put into words by the real catalogs, as
// the desk shows it: said(notice, "fr").
struct Said {
  Catalogs catalogs;
  Said() {
    auto loaded = Catalogs::load(std::filesystem::path(ACCUEIL_SOURCE_DIR) / "assets/i18n", {"fr", "en", "es"});
    REQUIRE(loaded);
    catalogs = std::move(*loaded);
  }
  std::string operator()(const Notice& n, std::string_view language) const {
    return say(n, [&](std::string_view id) { return std::string(catalogs.translate(language, id)); });
  }
  std::string operator()(const Error& e, std::string_view language) const {
    return (*this)(Notice{.said = error_message(e), .tone = NoticeTone::refused}, language);
  }
};

}  // namespace accueil::testing
