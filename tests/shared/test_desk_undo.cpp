// Undoing a check-in at the desk takes a reason chosen from a short list (or
// another one said in words), and that reason is the one the log, the audit
// and the sync see. And what the store refuses reaches the desk as a message
// of the catalogs with its values, said in French or Spanish, not as the
// store's English.
#include <catch2/catch.hpp>

#include <fmt/core.h>
#include <sqlite3.h>

#include "desk_flow_fixture.hpp"
#include "shared/store/store_error.hpp"
#include "shared/text/catalog.hpp"

using namespace accueil;
using namespace accueil::testing;

namespace {

std::vector<CheckinEvent> undos(Store& store, const std::string& id) {
  std::vector<CheckinEvent> out;
  std::vector<CheckinEvent> log = store.log_of(id).value();
  for (CheckinEvent& e : log)
    if (e.kind == CheckinKind::undo) out.push_back(std::move(e));
  return out;
}

}  // namespace

TEST_CASE("desk undo: the reason chosen goes into exactly one event with the operator", "[desk_flow][desk]") {
  DeskFlowFixture f;
  const Said said;
  f.type_pin("Camille", "2468");
  const std::string helene = f.people[0].id;
  f.flow.request(DeskAction{.kind = DeskActionKind::check_in, .attendee_id = helene, .day = 1});
  f.run_actions();
  f.flow.select(helene);

  // The undo screen asks why first; leaving it (Esc, "Cancel") changes nothing.
  f.flow.go(DeskScreen::undo);
  CHECK(f.flow.state().screen == DeskScreen::undo);
  f.flow.go(DeskScreen::person);
  CHECK(f.store.log_size().value() == 1);

  // No reason: refused, nothing written.
  f.flow.go(DeskScreen::undo);
  f.flow.request(DeskAction{.kind = DeskActionKind::undo, .attendee_id = helene, .day = 1});
  f.run_actions();
  CHECK(f.flow.state().notice.tone == NoticeTone::refused);
  CHECK(said(f.flow.state().notice, "fr") == "Non effectué : choisissez d’abord une raison.");
  CHECK(said(f.flow.state().notice, "es") == "No realizado: elija primero un motivo.");
  CHECK(f.flow.state().screen == DeskScreen::undo);
  // "Other" with no words: refused too.
  f.flow.request(DeskAction{.kind = DeskActionKind::undo, .attendee_id = helene, .day = 1,
                            .undo_reason = UndoReason::other, .other_text = "  "});
  f.run_actions();
  CHECK(said(f.flow.state().notice, "fr") == "Non effectué : dites la raison en quelques mots.");
  CHECK(said(f.flow.state().notice, "es") == "No realizado: diga el motivo en pocas palabras.");
  CHECK(f.store.log_size().value() == 1);

  // The wrong person was checked in: one undo event, by Camille, with that reason.
  f.flow.request(DeskAction{.kind = DeskActionKind::undo, .attendee_id = helene, .day = 1,
                            .undo_reason = UndoReason::wrong_person});
  auto done = f.run_actions();
  REQUIRE(done.size() == 1);
  CHECK(done[0].operator_name == "Camille");
  CHECK(f.store.log_size().value() == 2);
  auto events = undos(f.store, helene);
  REQUIRE(events.size() == 1);
  CHECK(events[0].operator_name == "Camille");
  CHECK(events[0].reason == "wrong-person");
  CHECK(events[0].kiosk == "desk-1");
  CHECK_FALSE(f.store.effective_checkin(helene, 1).value());
  CHECK(f.flow.state().screen == DeskScreen::person);  // back to the person, whose history changed
  CHECK(said(f.flow.state().notice, "fr") == "Enregistrement du jour 1 annulé : mauvaise personne enregistrée.");
  CHECK(said(f.flow.state().notice, "es") == "Acreditación del día 1 anulada: persona equivocada acreditada.");
  CHECK(english(f.flow.state().notice) == "Check-in of day 1 undone: wrong person checked in.");
  // The audit shows it as the log has it, and the event waits in the outbox for the central list.
  AuditFilter staff;
  staff.staff_only = true;
  auto audit = audit_log(f.store, staff).value();
  REQUIRE_FALSE(audit.empty());
  CHECK(audit.back().event.kind == CheckinKind::undo);
  CHECK(audit.back().event.reason == "wrong-person");
  bool queued = false;
  const std::vector<OutboxEntry> outbox = f.store.outbox_pending(100).value();
  for (const OutboxEntry& o : outbox) queued |= o.ref == events[0].uuid;
  CHECK(queued);

  // Another reason, in the words typed.
  f.flow.request(DeskAction{.kind = DeskActionKind::check_in, .attendee_id = helene, .day = 1});
  f.run_actions();
  f.flow.go(DeskScreen::undo);
  f.flow.request(DeskAction{.kind = DeskActionKind::undo, .attendee_id = helene, .day = 1,
                            .undo_reason = UndoReason::other, .other_text = " rappelée à Poitiers "});
  f.run_actions();
  events = undos(f.store, helene);
  REQUIRE(events.size() == 2);
  CHECK(events[1].reason == "other: rappelée à Poitiers");
  CHECK(said(f.flow.state().notice, "es") == "Acreditación del día 1 anulada: rappelée à Poitiers.");
  CHECK(f.store.log_size().value() == 4);

  // Each reason of the list is recorded under its name and read back as it.
  for (UndoReason r : {UndoReason::wrong_person, UndoReason::by_mistake, UndoReason::not_attending})
    CHECK(undo_reason_from_string(undo_reason_text(r).value()) == r);
}

TEST_CASE("desk notices: what the store refuses is said in the desk's language", "[desk_flow][desk_notice]") {
  DeskFlowFixture f;
  const Said said;
  f.type_pin("Camille", "2468");
  const std::string helene = f.people[0].id;
  auto notice = [&] { return f.flow.state().notice; };
  auto act = [&](DeskAction a) {
    f.flow.request(std::move(a));
    f.run_actions();
    CHECK(notice().tone == NoticeTone::refused);
  };

  // Someone a new import removed meanwhile.
  act(DeskAction{.kind = DeskActionKind::check_in, .attendee_id = "removed-by-the-import", .day = 1});
  CHECK(notice().said.id == store_error::no_attendee);
  CHECK(said(notice(), "fr") == "Non effectué : cette personne n’est plus dans la liste (un nouvel import de la liste "
                                "l’a peut-être retirée). Cherchez-la à nouveau.");
  CHECK(said(notice(), "es") == "No realizado: esta persona ya no está en la lista (una nueva importación de la lista "
                                "puede haberla retirado). Búsquela de nuevo.");
  act(DeskAction{.kind = DeskActionKind::check_in, .attendee_id = "removed-by-the-import", .day = 2,
                 .even_if_not_registered = true});  // the person page's buttons
  CHECK(notice().said.id == store_error::no_attendee);
  act(DeskAction{.kind = DeskActionKind::undo, .attendee_id = "removed-by-the-import", .day = 1,
                 .undo_reason = UndoReason::by_mistake});
  CHECK(notice().said.id == store_error::no_attendee);

  // Nothing to undo: not checked in that day.
  f.flow.select(helene);
  act(DeskAction{.kind = DeskActionKind::undo, .attendee_id = helene, .day = 2, .undo_reason = UndoReason::by_mistake});
  CHECK(said(notice(), "fr") ==
        "Non effectué : aucun enregistrement du jour 2 à annuler (il a peut-être déjà été annulé).");
  CHECK(said(notice(), "es") == "No realizado: no hay acreditación del día 2 que anular (quizá ya se anuló).");

  // Corrections that make no valid record, with the value typed.
  auto correct = [&](AttendeeChanges c) {
    act(DeskAction{.kind = DeskActionKind::correct, .attendee_id = helene, .day = 1, .changes = std::move(c)});
  };
  AttendeeChanges c;
  c.first_name = "";
  c.last_name = " ";
  correct(c);
  CHECK(said(notice(), "fr") == "Non effectué : une fiche doit avoir un prénom ou un nom.");
  CHECK(said(notice(), "es") == "No realizado: una ficha necesita un nombre o un apellido.");
  c = {};
  c.country = "ZZ";
  correct(c);
  CHECK(said(notice(), "fr") == "Non effectué : « ZZ » n’est pas un code de pays (comme FR, DE, SN).");
  CHECK(said(notice(), "es") == "No realizado: «ZZ» no es un código de país (como FR, DE, SN).");
  c = {};
  c.category = "ministre";
  correct(c);
  CHECK(said(notice(), "fr") == "Non effectué : « ministre » n’est pas une des catégories de l’événement.");
  CHECK(said(notice(), "es") == "No realizado: «ministre» no es una de las categorías del evento.");
  c = {};
  c.language = "tlh";
  correct(c);
  CHECK(said(notice(), "fr") == "Non effectué : « tlh » n’est pas une des langues de l’événement.");
  CHECK(said(notice(), "es") == "No realizado: «tlh» no es uno de los idiomas del evento.");
  c = {};
  c.email = "helene.poitiers.fr";
  correct(c);
  CHECK(said(notice(), "fr") == "Non effectué : « helene.poitiers.fr » n’est pas une adresse e-mail (il manque @).");
  CHECK(said(notice(), "es") ==
        "No realizado: «helene.poitiers.fr» no es una dirección de correo electrónico (falta @).");
  CHECK(f.store.log_size().value() == 0);  // nothing of it was written

  // An unexpected error keeps its technical words, after a translated explanation.
  act(DeskAction{.kind = DeskActionKind::group_check_in, .day = 1});
  CHECK(said(notice(), "fr") == "Non effectué, à cause d’une erreur inattendue ; prévenez les organisateurs. "
                                "Détails : nobody of the delegation is ticked");
  CHECK(said(notice(), "es") == "No realizado por un error inesperado; avise a los organizadores. "
                                "Detalles: nobody of the delegation is ticked");
}

TEST_CASE("the store's own troubles carry their message ids: busy, full, read-only, a duplicate, the disk",
          "[desk][desk_notice]") {
  const Said said;
  TempDir dir;
  auto store = Store::open(dir.path / "accueil.db");
  REQUIRE(store);
  const Event event = sample_event();
  REQUIRE(store->save_event(event));
  const Attendee helene = make_attendee("R1", "Hélène", "Moncond'huy", "Ville de Poitiers");
  REQUIRE(store->insert_attendee(helene, AttendeeSource::import));
  CheckinContext ctx{1, "desk-1", "Camille", 1'796'284'620'000};

  SECTION("the same record twice") {
    auto again = store->insert_attendee(helene, AttendeeSource::walkin);
    REQUIRE_FALSE(again);
    CHECK(again.error().id == store_error::duplicate);
    CHECK_THAT(again.error().message, Catch::Contains("Moncond'huy"));  // the logs keep the details
    CHECK(said(again.error(), "fr") == "Non effectué : la même fiche est déjà enregistrée (ajoutée au même moment "
                                       "ailleurs, peut-être). Cherchez à nouveau.");
    CHECK(said(again.error(), "es") == "No realizado: la misma ficha ya está registrada (añadida al mismo tiempo en "
                                       "otro lugar, quizá). Busque de nuevo.");
  }
  SECTION("another program holds the write lock") {
    auto other = Store::open(dir.path / "accueil.db");
    REQUIRE(other);
    REQUIRE(other->database().exec("BEGIN IMMEDIATE"));
    sqlite3_busy_handler(store->database().handle(), nullptr, nullptr);  // at once, not after the usual 5 s
    auto busy = desk_check_in(*store, event, helene.id, ctx);
    REQUIRE_FALSE(busy);
    CHECK(busy.error().id == store_error::busy);
    CHECK(said(busy.error(), "fr") == "Non effectué : la liste est occupée (un autre programme y écrit, un import "
                                      "peut-être). Réessayez dans un instant.");
    CHECK(said(busy.error(), "es") == "No realizado: la lista está ocupada (otro programa está escribiendo en ella, "
                                      "quizá una importación). Vuelva a intentarlo en un momento.");
    REQUIRE(other->database().exec("ROLLBACK"));
  }
  SECTION("the disk is full") {
    // SQLite's own limit on the file's pages answers as a full disk does (SQLITE_FULL).
    auto pages = store->database().prepare("PRAGMA page_count");
    REQUIRE(pages);
    REQUIRE(pages->step().value());
    REQUIRE(store->database().exec(fmt::format("PRAGMA max_page_count = {}", pages->integer(0)).c_str()));
    Status full;
    for (int i = 0; i < 200 && full; ++i) {
      Attendee a = make_attendee(fmt::format("W{}", i), std::string(400, 'x'), "Walk-in", "Somewhere");
      full = store->insert_attendee(a, AttendeeSource::walkin);
    }
    REQUIRE_FALSE(full);
    CHECK(full.error().id == store_error::disk_full);
    CHECK(said(full.error(), "fr") ==
          "Non effectué : le disque est plein, rien n’a été enregistré. Prévenez les organisateurs.");
    CHECK(said(full.error(), "es") ==
          "No realizado: el disco está lleno, no se ha registrado nada. Avise a los organizadores.");
  }
  SECTION("the store is read-only") {
    REQUIRE(store->database().exec("PRAGMA query_only = 1"));
    auto refused = desk_check_in(*store, event, helene.id, ctx);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().id == store_error::read_only);
    CHECK(said(refused.error(), "fr") == "Non effectué : la liste ne peut pas être modifiée (lecture seule), rien "
                                         "n’a été enregistré. Prévenez les organisateurs.");
    CHECK(said(refused.error(), "es") == "No realizado: no se puede escribir en la lista (solo lectura), no se ha "
                                         "registrado nada. Avise a los organizadores.");
  }
  SECTION("the disk fails (an I/O error, which a test cannot cause: the mapping alone)") {
    const Error e = sqlite_error(SQLITE_IOERR_WRITE, "database error: disk I/O error");
    CHECK(e.id == store_error::disk_error);
    CHECK(e.message == "database error: disk I/O error");
    CHECK(said(e, "fr") ==
          "Non effectué : impossible d’écrire sur le disque, rien n’a été enregistré. Prévenez les organisateurs.");
    CHECK(said(e, "es") ==
          "No realizado: no se pudo escribir en el disco, no se ha registrado nada. Avise a los organizadores.");
    CHECK(sqlite_error(SQLITE_CONSTRAINT_CHECK, "x").id.empty());  // not one staff can act on
  }
}
