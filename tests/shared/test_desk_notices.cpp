// The desk's notices are messages of the catalogs and their values, put into
// words in the desk's language when shown: a French desk reads French, a
// Spanish one Spanish, whatever the action. And a badge whose printer holds
// it is said to wait, not to be done.
#include <catch2/catch.hpp>

#include "desk_flow_fixture.hpp"
#include "shared/text/catalog.hpp"

using namespace accueil;
using namespace accueil::testing;

TEST_CASE("desk notices: every action's notice reads in French and in Spanish", "[desk_flow][desk_notice]") {
  DeskFlowFixture f;
  const Said said;
  f.type_pin("Camille", "2468");
  const std::string helene = f.people[0].id, aram = f.people[1].id;

  f.flow.request(DeskAction{.kind = DeskActionKind::check_in, .attendee_id = helene, .day = 2});
  f.run_actions();
  const Notice& n = f.flow.state().notice;
  CHECK(english(n) == "Checked in Hélène Moncond'huy for day 2 at desk-1.");
  CHECK(said(n, "fr") == "Hélène Moncond'huy enregistré·e pour le jour 2 à desk-1.");
  CHECK(said(n, "es") == "Hélène Moncond'huy acreditado/a para el día 2 en desk-1.");

  f.flow.request(DeskAction{.kind = DeskActionKind::check_in, .attendee_id = helene, .day = 2});
  f.run_actions();
  CHECK(f.flow.state().notice.tone == NoticeTone::refused);
  CHECK(said(f.flow.state().notice, "fr") == "Hélène Moncond'huy était déjà enregistré·e pour le jour 2.");

  f.flow.select(helene);
  f.flow.request(DeskAction{.kind = DeskActionKind::reprint, .attendee_id = helene, .day = 2,
                            .reprint_reason = ReprintReason::lost});
  f.run_actions();
  CHECK(said(f.flow.state().notice, "fr") == "Badge réimprimé (perdu).");
  CHECK(said(f.flow.state().notice, "es") == "Acreditación reimpresa (" +
                                                 std::string(said.catalogs.translate("es", "lost")) + ").");
  // Another reason's own words are shown as typed.
  f.flow.request(DeskAction{.kind = DeskActionKind::reprint, .attendee_id = helene, .day = 2,
                            .reprint_reason = ReprintReason::other, .other_text = "café renversé"});
  f.run_actions();
  CHECK(said(f.flow.state().notice, "fr") == "Badge réimprimé (café renversé).");

  AttendeeChanges moved;
  moved.organisation = "Mairie de Poitiers";
  f.flow.request(DeskAction{.kind = DeskActionKind::correct, .attendee_id = helene, .day = 2, .changes = moved,
                            .print = true});
  f.run_actions();
  CHECK(said(f.flow.state().notice, "fr") == "Fiche corrigée ; le badge corrigé s’imprime.");
  CHECK(said(f.flow.state().notice, "es") == "Ficha corregida; la acreditación corregida se imprime.");

  // An undo's reason from the list is said in the desk's words; another one as typed.
  f.flow.request(DeskAction{.kind = DeskActionKind::undo, .attendee_id = helene, .day = 2,
                            .undo_reason = UndoReason::by_mistake});
  f.run_actions();
  CHECK(said(f.flow.state().notice, "fr") ==
        "Enregistrement du jour 2 annulé : enregistré·e par erreur ou pour le mauvais jour.");
  CHECK(said(f.flow.state().notice, "es") == "Acreditación del día 2 anulada: acreditado/a por error o para el día equivocado.");
  f.flow.request(DeskAction{.kind = DeskActionKind::check_in, .attendee_id = helene, .day = 2});
  f.run_actions();
  f.flow.request(DeskAction{.kind = DeskActionKind::undo, .attendee_id = helene, .day = 2,
                            .undo_reason = UndoReason::other, .other_text = "wrong day"});
  f.run_actions();
  CHECK(said(f.flow.state().notice, "fr") == "Enregistrement du jour 2 annulé : wrong day.");

  // A walk-in who is already on the list: warned, in the desk's language.
  f.flow.go(DeskScreen::walkin);
  WalkIn again;
  again.first_name = "Helene";
  again.last_name = "Moncond'huy";
  again.category = "elu";
  f.flow.request(DeskAction{.kind = DeskActionKind::walk_in, .day = 2, .walkin = again});
  f.run_actions();
  CHECK(f.flow.state().notice.tone == NoticeTone::refused);
  CHECK(english(f.flow.state().notice) == "Hélène Moncond'huy, Mairie de Poitiers, is already registered.");
  CHECK(said(f.flow.state().notice, "fr") == "Hélène Moncond'huy, Mairie de Poitiers, est déjà inscrit·e.");
  CHECK(said(f.flow.state().notice, "es") == "Hélène Moncond'huy, Mairie de Poitiers, ya está inscrito/a.");

  // A delegation's batch: "2 of 2 checked in…".
  f.flow.go(DeskScreen::delegation);
  f.flow.request(DeskAction{.kind = DeskActionKind::group_check_in, .day = 1, .group = {helene, aram}, .head_id = aram});
  f.run_actions();
  CHECK(english(f.flow.state().notice) == "2 of 2 checked in; their badges print as one batch.");
  CHECK(said(f.flow.state().notice, "fr") == "2 sur 2 enregistré·e·s ; leurs badges s’impriment ensemble.");
  CHECK(said(f.flow.state().notice, "es") == "2 de 2 acreditados; sus acreditaciones se imprimen juntas.");

  // A refusal names what went wrong, in a sentence that says so in the desk's language.
  f.flow.request(DeskAction{.kind = DeskActionKind::group_check_in, .day = 1});
  f.run_actions();
  CHECK(said(f.flow.state().notice, "fr") == "Non effectué, à cause d’une erreur inattendue ; prévenez les "
                                              "organisateurs. Détails : nobody of the delegation is ticked");
  // The flow's own.
  f.flow.request_quit();
  CHECK(said(f.flow.state().notice, "fr") == "Seul un administrateur peut quitter l’application.");
}

TEST_CASE("desk notices: a reprint its printer holds waits, in the printers' words; printed, it is done",
          "[desk_flow][desk_notice]") {
  DeskFlowFixture f;
  const Said said;
  f.type_pin("Camille", "2468");
  const std::string helene = f.people[0].id;
  f.flow.request(DeskAction{.kind = DeskActionKind::check_in, .attendee_id = helene, .day = 1});  // a badge to reprint
  f.run_actions();
  f.flow.select(helene);
  f.flow.request(DeskAction{.kind = DeskActionKind::reprint, .attendee_id = helene, .reprint_reason = ReprintReason::lost});
  // As the app does: the outcome carries the print requests it queued.
  auto effects = f.flow.take_effects();
  REQUIRE(effects.actions.size() == 1);
  CheckinContext ctx{1, "desk-1", "Camille", f.clock.now};
  auto outcome = perform_desk_action(f.store, f.event, effects.actions[0].action, ctx);
  REQUIRE(outcome);
  outcome->print_requests = {41};
  f.flow.on_action_done(effects.actions[0].ticket, outcome);
  CHECK(f.flow.state().print_requests == std::vector<std::int64_t>{41});
  CHECK(f.flow.state().notice.tone == NoticeTone::done);

  // Still queued, no trouble: unchanged.
  f.flow.on_print_progress({41}, PrintProgress{.printer = "desk", .waiting = 1});
  CHECK(english(f.flow.state().notice) == "Badge reprinted (lost).");
  // The printer ran out of labels: the badge is held, not done.
  f.flow.on_print_progress({41}, PrintProgress{.printer = "desk", .waiting = 1, .problem = "media_empty"});
  const Notice& held = f.flow.state().notice;
  CHECK(held.tone == NoticeTone::waiting);
  CHECK(english(held) == "Reprint recorded (lost). The badge is held at desk. media empty");
  CHECK(say(held, [&](std::string_view id) { return std::string(said.catalogs.translate("fr", id)); },
            [](std::string_view problem) { return problem == "media_empty" ? std::string("Plus d'étiquettes.") : "?"; }) ==
        "Réimpression enregistrée (perdu). Le badge est en attente sur desk. Plus d'étiquettes.");
  // An answer about other requests (an earlier action's) is ignored.
  f.flow.on_print_progress({7}, PrintProgress{.printer = "desk", .printed = 1});
  CHECK(f.flow.state().notice.tone == NoticeTone::waiting);
  // Labels back: it prints; the badges are no longer followed.
  f.flow.on_print_progress({41}, PrintProgress{.printer = "desk", .printed = 1});
  CHECK(f.flow.state().notice.tone == NoticeTone::done);
  CHECK(english(f.flow.state().notice) == "Badge reprinted (lost). The badge printed on desk.");
  CHECK(said(f.flow.state().notice, "es") ==
        "Acreditación reimpresa (" + std::string(said.catalogs.translate("es", "lost")) +
            "). La acreditación se imprimió en desk.");
  CHECK(f.flow.state().print_requests.empty());
}

TEST_CASE("desk: back from the delegation screen, the search is cleared", "[desk_flow]") {
  DeskFlowFixture f;
  f.type_pin("Camille", "2468");
  f.flow.set_query("hélène");
  REQUIRE(f.flow.state().results.size() == 1);
  // From a person, back to the same results.
  f.flow.select_highlighted();
  f.flow.go(DeskScreen::find);
  CHECK(f.flow.state().query == "hélène");
  CHECK(f.flow.state().results.size() == 1);
  // From the delegation screen (Esc or Back), a new search.
  f.flow.go(DeskScreen::delegation);
  f.flow.go(DeskScreen::find);
  CHECK(f.flow.state().query.empty());
  CHECK(f.flow.state().results.empty());
}
