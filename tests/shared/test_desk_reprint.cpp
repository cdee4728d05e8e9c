// A reprint replaces a badge that was handed over. Someone not checked in on
// any day has had no badge: the desk refuses the reprint (nothing written,
// the badge number stays 1, the dashboard's count stays right) and says to
// check them in, which prints the badge. Someone checked in on day 1 only may
// have the badge reprinted on day 2: one badge serves every day.
#include <catch2/catch.hpp>

#include "desk_flow_fixture.hpp"
#include "shared/store/store_error.hpp"
#include "shared/text/catalog.hpp"

using namespace accueil;
using namespace accueil::testing;

namespace {

std::string said(const Notice& n, std::string_view language) {
  static const Said catalogs;
  return catalogs(n, language);
}

}  // namespace

TEST_CASE("desk reprint: refused for someone never checked in, allowed once checked in on any day",
          "[desk_flow][desk]") {
  DeskFlowFixture f;
  f.type_pin("Camille", "2468");
  const std::string helene = f.people[0].id;
  f.flow.select(helene);
  auto act = [&](DeskAction a) {
    f.flow.request(std::move(a));
    f.run_actions();
    return f.flow.state().notice;
  };
  auto refused_as_never_checked_in = [&](const Notice& n) {
    CHECK(n.tone == NoticeTone::refused);
    CHECK(n.said.id == store_error::never_checked_in);
    CHECK(f.store.log_size().value() == 0);
    CHECK(badge_number(f.store, helene).value() == 1);
    CHECK(f.store.outbox_pending(100).value().empty());
  };

  // Never checked in: neither a reprint nor a correction that prints one writes anything.
  const Notice lost = act(DeskAction{.kind = DeskActionKind::reprint, .attendee_id = helene, .day = 1,
                                     .reprint_reason = ReprintReason::lost});
  refused_as_never_checked_in(lost);
  CHECK(said(lost, "en") ==
        "Not done: this person has not been checked in, so there is no badge to reprint. Check them in: the badge prints.");
  CHECK(said(lost, "fr") == "Non effectué : cette personne n’a pas été enregistrée, il n’y a donc pas de badge à "
                            "réimprimer. Enregistrez-la : le badge s’imprime.");
  CHECK(said(lost, "es") == "No realizado: esta persona no ha sido registrada, así que no hay credencial que "
                            "reimprimir. Regístrela: la credencial se imprime.");
  DeskAction correct{.kind = DeskActionKind::correct, .attendee_id = helene, .day = 1, .print = true};
  correct.changes.first_name = "Hélèna";
  refused_as_never_checked_in(act(correct));
  CHECK(f.store.attendee_by_id(helene).value()->first_name == f.people[0].first_name);

  // Checked in, then undone: still no badge handed over.
  act(DeskAction{.kind = DeskActionKind::check_in, .attendee_id = helene, .day = 1});
  act(DeskAction{.kind = DeskActionKind::undo, .attendee_id = helene, .day = 1, .undo_reason = UndoReason::wrong_person});
  const auto after_undo = f.store.log_size().value();
  const Notice again = act(DeskAction{.kind = DeskActionKind::reprint, .attendee_id = helene, .day = 1,
                                      .reprint_reason = ReprintReason::damaged});
  CHECK(again.said.id == store_error::never_checked_in);
  CHECK(f.store.log_size().value() == after_undo);
  CHECK(badge_number(f.store, helene).value() == 1);

  // Checked in on day 1 only: a reprint on day 2 is a reprint (the badge serves both days).
  act(DeskAction{.kind = DeskActionKind::check_in, .attendee_id = helene, .day = 1});
  const Notice day2 = act(DeskAction{.kind = DeskActionKind::reprint, .attendee_id = helene, .day = 2,
                                     .reprint_reason = ReprintReason::lost});
  CHECK(day2.tone == NoticeTone::done);
  CHECK(english(day2) == "Badge reprinted (lost).");
  CHECK(badge_number(f.store, helene).value() == 2);
  CHECK(act(correct).tone == NoticeTone::done);  // the corrected badge prints now
  CHECK(badge_number(f.store, helene).value() == 3);

  // A record that is gone still says so, not "check them in".
  CHECK(act(DeskAction{.kind = DeskActionKind::reprint, .attendee_id = "removed-by-the-import", .day = 1})
            .said.id == store_error::no_attendee);
}
