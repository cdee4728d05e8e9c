// The desk flow with a fake clock: locked until a right PIN, idle lock, the
// kiosk gesture, the PIN never in the state, and every action leaving with the
// operator's name; then performed on a real store, one event each.
#include <catch2/catch.hpp>

#include "desk_flow_fixture.hpp"

using namespace accueil;
using namespace accueil::testing;

using Fixture = DeskFlowFixture;

TEST_CASE("desk: locked until a right PIN; no action leaves while locked", "[desk_flow]") {
  Fixture f;
  CHECK(f.flow.state().screen == DeskScreen::pin);
  CHECK_FALSE(f.flow.unlocked());
  f.flow.set_query("hélène");
  f.flow.request(DeskAction{.kind = DeskActionKind::check_in, .attendee_id = f.people[0].id});
  f.flow.go(DeskScreen::find);
  CHECK(f.flow.state().screen == DeskScreen::pin);
  CHECK(f.flow.take_effects().empty());

  f.flow.choose_staff("Camille");
  for (char c : std::string("2469")) f.flow.pin_digit(c);
  CHECK(f.flow.state().pin_digits == 4);
  f.flow.pin_submit();
  auto effects = f.flow.take_effects();
  REQUIRE(effects.pin_checks.size() == 1);
  CHECK(effects.pin_checks[0].pin == "2469");
  CHECK(f.flow.state().pin_checking);
  CHECK(f.flow.state().pin_digits == 0);
  f.flow.on_pin_checked(effects.pin_checks[0].ticket,
                        check_staff_pin(f.store, "desk-1", "Camille", effects.pin_checks[0].pin, f.clock.now).value());
  CHECK(f.flow.state().pin_notice == PinNotice::wrong);
  CHECK(f.flow.state().pin_wait_until_ms == f.clock.now + 1000);
  CHECK_FALSE(f.flow.unlocked());

  f.clock.advance(1000);
  f.type_pin("Camille", "2468");
  REQUIRE(f.flow.unlocked());
  CHECK(f.flow.state().staff->name == "Camille");
  CHECK(f.flow.state().screen == DeskScreen::find);
}

TEST_CASE("desk: five wrong PINs lock the terminal for a minute, shown on the PIN screen", "[desk_flow]") {
  Fixture f;
  for (int i = 0; i < 5; ++i) {
    f.type_pin("Camille", "0000");
    f.clock.now = std::max(f.clock.now, f.flow.state().pin_wait_until_ms);
    if (i < 4) f.flow.tick();
  }
  CHECK(f.flow.state().pin_notice == PinNotice::locked);
  CHECK(f.flow.next_deadline_ms() == f.flow.state().pin_wait_until_ms);
  f.clock.advance(-30'000);  // half-way through the minute (the loop stepped to its end)
  f.type_pin("Camille", "2468");
  CHECK_FALSE(f.flow.unlocked());
  CHECK(f.flow.state().pin_notice == PinNotice::locked);
  f.clock.advance(30'000);
  f.flow.tick();
  CHECK(f.flow.state().pin_notice == PinNotice::none);
  f.type_pin("Camille", "2468");
  CHECK(f.flow.unlocked());
}

TEST_CASE("desk: idle staff mode locks itself; 'lock' locks at once", "[desk_flow]") {
  Fixture f;
  f.type_pin("Camille", "2468");
  REQUIRE(f.flow.unlocked());
  f.flow.set_query("helene");
  f.clock.advance(f.options.idle_lock_ms - 1);
  f.flow.tick();
  CHECK(f.flow.unlocked());
  f.flow.touch();
  f.clock.advance(f.options.idle_lock_ms - 1);
  f.flow.tick();
  CHECK(f.flow.unlocked());
  CHECK(f.flow.next_deadline_ms() == f.clock.now + 1);
  f.clock.advance(1);
  f.flow.tick();
  CHECK_FALSE(f.flow.unlocked());
  CHECK(f.flow.state().locked_by_idle);
  CHECK(f.flow.state().screen == DeskScreen::pin);
  CHECK(f.flow.state().query.empty());  // what was on screen is gone
  CHECK(f.flow.state().results.empty());
  f.type_pin("Camille", "2468");
  REQUIRE(f.flow.unlocked());
  f.flow.lock();
  CHECK_FALSE(f.flow.unlocked());
  CHECK_FALSE(f.flow.state().locked_by_idle);
}

TEST_CASE("desk on a kiosk: a long press in the corner and a PIN; a short press does nothing", "[desk_flow]") {
  Fixture f(true);
  CHECK(f.flow.state().screen == DeskScreen::self_service);
  f.flow.corner_press();
  f.clock.advance(2'900);
  f.flow.corner_release();
  f.clock.advance(1'000);
  f.flow.tick();
  CHECK(f.flow.state().screen == DeskScreen::self_service);
  f.flow.corner_press();
  CHECK(f.flow.next_deadline_ms() == f.clock.now + f.options.gesture_hold_ms);
  f.clock.advance(f.options.gesture_hold_ms);
  f.flow.tick();
  CHECK(f.flow.state().screen == DeskScreen::pin);
  // Nobody types a PIN: back to self-service.
  f.clock.advance(f.options.pin_screen_ms);
  f.flow.tick();
  CHECK(f.flow.state().screen == DeskScreen::self_service);
  f.flow.corner_press();
  f.clock.advance(f.options.gesture_hold_ms);
  f.flow.tick();
  f.type_pin("Camille", "2468");
  CHECK(f.flow.unlocked());
  f.flow.lock();
  CHECK(f.flow.state().screen == DeskScreen::self_service);
}

TEST_CASE("desk: only an admin may quit", "[desk_flow]") {
  Fixture f;
  f.flow.request_quit();
  CHECK(f.flow.state().pin_notice == PinNotice::needs_admin);
  CHECK_FALSE(f.flow.take_effects().quit);
  f.type_pin("Camille", "2468");
  f.flow.request_quit();
  CHECK_FALSE(f.flow.take_effects().quit);
  CHECK(english(f.flow.state().notice) == "Only an admin may quit the app.");
  f.flow.lock();
  f.type_pin("Admin", "13579");
  f.flow.request_quit();
  CHECK(f.flow.take_effects().quit);
}

TEST_CASE("desk: search by name, e-mail, delegation and staff note; Enter opens the person", "[desk_flow]") {
  Fixture f;
  f.type_pin("Camille", "2468");
  f.flow.set_query("petrosyan");
  REQUIRE(f.flow.state().results.size() == 1);
  CHECK(f.flow.state().results[0].matched.empty());
  f.flow.set_query("poitiers.fr");
  REQUIRE(f.flow.state().results.size() == 1);
  CHECK(f.flow.state().results[0].attendee_id == f.people[0].id);
  CHECK(f.flow.state().results[0].matched == "e-mail");
  f.flow.set_query("armenienne");
  REQUIRE(f.flow.state().results.size() == 1);
  CHECK(f.flow.state().results[0].matched == "delegation");
  f.flow.set_query("lettre ministre");
  REQUIRE(f.flow.state().results.size() == 1);
  CHECK(f.flow.state().results[0].matched == "note");
  f.flow.set_query("T-R2");
  REQUIRE_FALSE(f.flow.state().results.empty());
  f.flow.select_highlighted();
  CHECK(f.flow.state().screen == DeskScreen::person);
  CHECK(f.flow.state().selected_id == f.people[1].id);
}

TEST_CASE("desk: each action leaves once with the operator and makes one event", "[desk_flow]") {
  Fixture f;
  f.type_pin("Camille", "2468");
  f.flow.select(f.people[0].id);
  f.flow.request(DeskAction{.kind = DeskActionKind::check_in, .attendee_id = f.people[0].id, .day = 2});
  f.flow.request(DeskAction{.kind = DeskActionKind::check_in, .attendee_id = f.people[1].id});  // busy: dropped
  auto done = f.run_actions();
  REQUIRE(done.size() == 1);
  CHECK(done[0].operator_name == "Camille");
  CHECK_FALSE(f.flow.state().busy);
  CHECK(english(f.flow.state().notice) == "Checked in Hélène Moncond'huy for day 2 at desk-1.");
  auto log = f.store.log_of(f.people[0].id).value();
  REQUIRE(log.size() == 1);
  CHECK(log[0].operator_name == "Camille");
  CHECK(log[0].day == 2);

  f.flow.go(DeskScreen::reprint);
  f.flow.request(DeskAction{.kind = DeskActionKind::reprint, .attendee_id = f.people[0].id,
                            .reprint_reason = ReprintReason::other});
  f.run_actions();
  CHECK(f.flow.state().notice.tone == NoticeTone::refused);
  CHECK(english(f.flow.state().notice) == "Not done: say the reason in a few words.");
  CHECK(f.flow.state().screen == DeskScreen::reprint);
  CHECK(f.store.log_size().value() == 1);
  // Leaving a screen takes its notice away: it spoke of what was done there.
  f.flow.go(DeskScreen::find);
  CHECK(f.flow.state().notice.empty());
  f.flow.go(DeskScreen::reprint);
  f.flow.request(DeskAction{.kind = DeskActionKind::reprint, .attendee_id = f.people[0].id,
                            .reprint_reason = ReprintReason::lost});
  f.run_actions();
  CHECK(f.flow.state().screen == DeskScreen::person);
  CHECK(f.store.log_size().value() == 2);

  // A late answer for an action of someone who has since locked the desk is ignored.
  f.flow.request(DeskAction{.kind = DeskActionKind::undo, .attendee_id = f.people[0].id, .day = 2,
                            .undo_reason = UndoReason::by_mistake});
  auto pending = f.flow.take_effects().actions;
  REQUIRE(pending.size() == 1);
  f.flow.lock();
  CheckinContext ctx{2, "desk-1", pending[0].operator_name, f.clock.now};
  f.flow.on_action_done(pending[0].ticket, perform_desk_action(f.store, f.event, pending[0].action, ctx));
  CHECK(f.flow.state().notice.empty());
  CHECK(f.store.log_size().value() == 3);  // it was performed, by Camille, before the lock
  CHECK(f.store.log_of(f.people[0].id).value().back().operator_name == "Camille");
}
