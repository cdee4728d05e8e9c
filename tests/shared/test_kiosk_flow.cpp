#include <catch2/catch.hpp>

#include <chrono>

#include "fixtures.hpp"
#include "shared/flow/kiosk_flow.hpp"

using namespace accueil;
using namespace accueil::testing;

namespace {

struct FakeClock final : Clock {
  FakeClock() = default;
  explicit FakeClock(std::int64_t start) : now(start) {}
  std::int64_t now = 1'000'000;
  std::int64_t now_ms() const override { return now; }
  void advance(std::int64_t ms) { now += ms; }
};

struct Fixture {
  FakeClock clock;
  std::vector<Attendee> people = make_people();
  SearchIndex index;
  FlowOptions options;
  KioskFlow flow;

  static std::vector<Attendee> make_people() {
    Attendee helene = make_attendee("R1", "Hélène", "Moncond'huy", "Ville de Poitiers");
    helene.email = "helene@example.org";
    Attendee aram = make_attendee("R2", "Արամ", "Պետրոսյան", "Mairie d'Erevan");
    aram.first_name_latin = "Aram";
    aram.last_name_latin = "Petrosyan";
    aram.language = "en";
    Attendee ana = make_attendee("R3", "Ana", "García", "Ayuntamiento de Barcelona");
    ana.language = "es";
    return {helene, aram, ana};
  }

  Fixture() : index(people), flow(options, clock, &index) {}
  // A kiosk on `o`'s terms, started at Unix time `start_ms`.
  Fixture(FlowOptions o, std::int64_t start_ms)
      : clock(start_ms), index(people, o.name_search), options(std::move(o)), flow(options, clock, &index) {}

  const KioskState& s() const { return flow.state(); }

  Decision decision(Outcome outcome, std::size_t who = 0) const {
    Decision d;
    d.outcome = outcome;
    d.attendee = people[who];
    return d;
  }
  // Scans `code`, answers the check-in with `outcome`; returns the print ticket (0 if none).
  std::uint64_t scan_and_answer(std::string code, Outcome outcome, std::size_t who = 0) {
    flow.scan(code);
    Effects e = flow.take_effects();
    REQUIRE(e.check_in_scans.size() == 1);
    CHECK(e.check_in_scans[0].code == code);
    flow.on_decision(e.check_in_scans[0].ticket, decision(outcome, who));
    Effects after = flow.take_effects();
    return after.prints.empty() ? 0 : after.prints[0].ticket;
  }
};

}  // namespace

TEST_CASE("scan, check in, print, done, back to welcome", "[flow]") {
  Fixture f;
  CHECK(f.s().screen == Screen::welcome);
  CHECK(f.s().language == "fr");
  CHECK_FALSE(f.flow.next_deadline_ms().has_value());  // nothing to wake up for

  f.flow.scan("  AC1:TOKEN\n");
  CHECK(f.s().screen == Screen::checking);
  Effects e = f.flow.take_effects();
  REQUIRE(e.check_in_scans.size() == 1);
  CHECK(e.check_in_scans[0].code == "AC1:TOKEN");
  CHECK(f.flow.take_effects().empty());  // taken once

  f.flow.on_decision(e.check_in_scans[0].ticket, f.decision(Outcome::ok));
  CHECK(f.s().screen == Screen::printing);
  Effects print = f.flow.take_effects();
  REQUIRE(print.prints.size() == 1);
  CHECK(print.prints[0].attendee_id == f.people[0].id);

  f.flow.on_print(print.prints[0].ticket, PrintStage::queued);
  CHECK(f.s().print_stage == PrintStage::queued);
  f.flow.on_print(print.prints[0].ticket, PrintStage::printing);
  CHECK(f.s().screen == Screen::printing);
  f.flow.on_print(print.prints[0].ticket, PrintStage::printed);
  CHECK(f.s().screen == Screen::done);
  CHECK(f.flow.next_deadline_ms() == f.clock.now + f.options.done_ms);

  f.clock.advance(f.options.done_ms - 1);
  f.flow.tick();
  CHECK(f.s().screen == Screen::done);
  f.clock.advance(1);
  f.flow.tick();
  CHECK(f.s().screen == Screen::welcome);
  CHECK_FALSE(f.s().decision.has_value());
}

TEST_CASE("every refusal has its screen, then welcome", "[flow]") {
  for (Outcome outcome : {Outcome::already_checked_in, Outcome::not_registered_today, Outcome::cancelled,
                          Outcome::unknown, Outcome::invalid_signature, Outcome::other_event,
                          Outcome::superseded}) {
    Fixture f;
    INFO(to_string(outcome));
    CHECK(f.scan_and_answer("CODE", outcome) == 0);  // nothing printed
    CHECK(f.s().screen == Screen::refused);
    REQUIRE(f.s().decision.has_value());
    CHECK(f.s().decision->outcome == outcome);
    f.clock.advance(f.options.refused_ms);
    f.flow.tick();
    CHECK(f.s().screen == Screen::welcome);
  }
}

TEST_CASE("checked in, but the desk wants to see them: no badge, the reception screen", "[flow]") {
  Fixture f;
  f.flow.scan("CODE");
  Effects e = f.flow.take_effects();
  REQUIRE(e.check_in_scans.size() == 1);
  Decision d = f.decision(Outcome::ok);
  d.see_reception = "unpaid";
  f.flow.on_decision(e.check_in_scans[0].ticket, d);
  CHECK(f.flow.take_effects().prints.empty());
  CHECK(f.s().screen == Screen::refused);
  CHECK(f.s().decision->outcome == Outcome::ok);
  f.clock.advance(f.options.refused_ms);
  f.flow.tick();
  CHECK(f.s().screen == Screen::welcome);
}

TEST_CASE("the greeting is in the attendee's language, and the next person gets the default", "[flow]") {
  Fixture f;
  std::uint64_t ticket = f.scan_and_answer("R3", Outcome::ok, 2);  // Ana speaks Spanish
  CHECK(f.s().language == "es");
  f.flow.on_print(ticket, PrintStage::printed);
  f.clock.advance(f.options.done_ms);
  f.flow.tick();
  CHECK(f.s().screen == Screen::welcome);
  CHECK(f.s().language == "fr");

  f.flow.choose_language("en");
  CHECK(f.s().language == "en");
  f.flow.choose_language("de");  // not offered
  CHECK(f.s().language == "en");
  f.clock.advance(f.options.idle_timeout_ms);
  f.flow.tick();
  CHECK(f.s().language == "fr");  // whoever chose English walked away
}

TEST_CASE("find my name: results show name and organisation, then is this you", "[flow]") {
  Fixture f;
  f.flow.find_my_name();
  CHECK(f.s().screen == Screen::find_name);
  f.flow.type("h");
  CHECK(f.s().results.empty());  // one letter shows nobody
  f.flow.type("el");
  REQUIRE(f.s().results.size() == 1);
  CHECK(f.s().results[0].name == "Hélène Moncond'huy");
  CHECK(f.s().results[0].organisation == "Ville de Poitiers");

  f.flow.clear_query();
  f.flow.type("petrosyan");
  REQUIRE(f.s().results.size() == 1);
  CHECK(f.s().results[0].name == "Արամ Պետրոսյան (Aram Petrosyan)");

  f.flow.pick(5);  // no such result
  CHECK(f.s().screen == Screen::find_name);
  f.flow.pick(0);
  CHECK(f.s().screen == Screen::confirm);
  f.flow.confirm(false);
  CHECK(f.s().screen == Screen::find_name);
  CHECK(f.s().query == "petrosyan");  // kept, to pick another
  f.flow.pick(0);
  f.flow.confirm(true);
  CHECK(f.s().screen == Screen::checking);
  Effects e = f.flow.take_effects();
  REQUIRE(e.check_in_attendees.size() == 1);
  CHECK(e.check_in_attendees[0].attendee_id == f.people[1].id);
  f.flow.on_decision(e.check_in_attendees[0].ticket, f.decision(Outcome::ok, 1));
  CHECK(f.s().screen == Screen::printing);
  CHECK(f.s().language == "en");
}

TEST_CASE("typing edits whole letters; back forgets everything", "[flow]") {
  Fixture f;
  f.flow.find_my_name();
  f.flow.type("hé");
  f.flow.backspace();
  CHECK(f.s().query == "h");
  f.flow.backspace();
  f.flow.backspace();
  CHECK(f.s().query.empty());
  f.flow.type("moncond");
  f.flow.back();
  CHECK(f.s().screen == Screen::welcome);
  CHECK(f.s().query.empty());
  CHECK(f.s().results.empty());
}

TEST_CASE("an idle search goes back to welcome and forgets what was typed", "[flow]") {
  Fixture f;
  f.flow.find_my_name();
  f.flow.type("moncond");
  f.clock.advance(f.options.idle_timeout_ms - 1000);
  f.flow.type("h");  // still typing: the timer starts again
  f.clock.advance(f.options.idle_timeout_ms - 1000);
  f.flow.tick();
  CHECK(f.s().screen == Screen::find_name);
  CHECK(f.flow.next_deadline_ms() == f.s().last_input_ms + f.options.idle_timeout_ms);
  f.clock.advance(1000);
  f.flow.tick();
  CHECK(f.s().screen == Screen::welcome);
  CHECK(f.s().query.empty());

  f.flow.find_my_name();
  f.flow.type("hel");
  f.flow.pick(0);
  f.clock.advance(f.options.idle_timeout_ms);
  f.flow.tick();
  CHECK(f.s().screen == Screen::welcome);
  CHECK_FALSE(f.s().chosen.has_value());
}

TEST_CASE("a scan on the search screen wins", "[flow]") {
  Fixture f;
  f.flow.find_my_name();
  f.flow.type("moncond");
  f.flow.scan("AC1:SOMEONE");
  CHECK(f.s().screen == Screen::checking);
  CHECK(f.s().query.empty());
  CHECK(f.flow.take_effects().check_in_scans.size() == 1);
}

TEST_CASE("a second scan while printing waits for the badge; the same code twice is ignored", "[flow]") {
  Fixture f;
  std::uint64_t first = f.scan_and_answer("CODE-1", Outcome::ok);
  f.flow.scan("CODE-1");  // the scanner read the phone twice
  CHECK_FALSE(f.s().next_scan_waiting());
  f.flow.scan("CODE-2");  // the next person in the queue
  CHECK(f.s().screen == Screen::printing);
  CHECK(f.s().next_scan_waiting());
  CHECK(f.flow.take_effects().empty());  // nobody is checked in before the first badge is out

  f.flow.on_print(first, PrintStage::printed);
  CHECK(f.s().screen == Screen::checking);
  Effects e = f.flow.take_effects();
  REQUIRE(e.check_in_scans.size() == 1);
  CHECK(e.check_in_scans[0].code == "CODE-2");
  CHECK_FALSE(f.s().next_scan_waiting());
}

TEST_CASE("a printer failing mid-print: the check-in stays, the badge is at reception, the kiosk is out of order",
          "[flow]") {
  Fixture f;
  std::uint64_t print = f.scan_and_answer("CODE-1", Outcome::ok);
  f.flow.on_print(print, PrintStage::printing);
  f.flow.on_printer_available(false);
  CHECK(f.s().screen == Screen::printing);  // the attendee is not interrupted by the status alone
  f.flow.on_print(print, PrintStage::failed);
  CHECK(f.s().screen == Screen::printer_trouble);
  Effects handed = f.flow.take_effects();  // told "at reception": the request goes there
  REQUIRE(handed.hand_overs.size() == 1);
  CHECK(handed.hand_overs[0].ticket == print);
  REQUIRE(f.s().decision.has_value());
  CHECK(f.s().decision->outcome == Outcome::ok);  // checked in all the same

  f.clock.advance(f.options.trouble_ms);
  f.flow.tick();
  CHECK(f.s().screen == Screen::out_of_order);
  f.flow.scan("CODE-2");
  f.flow.find_my_name();
  CHECK(f.s().screen == Screen::out_of_order);
  CHECK(f.flow.take_effects().empty());  // nobody checked in without a badge

  f.flow.on_printer_available(true);  // someone loaded a new roll
  CHECK(f.s().screen == Screen::welcome);
}

TEST_CASE("a badge the queue holds for printer trouble sends the attendee to reception at once", "[flow]") {
  // The queue knows within seconds that the printer cannot print (no labels,
  // offline): the attendee does not wait print_timeout_ms in front of it.
  Fixture f;
  const std::uint64_t print = f.scan_and_answer("CODE-1", Outcome::ok);
  f.flow.on_print(print, PrintStage::queued);
  f.clock.advance(1'000);
  f.flow.tick();
  CHECK(f.s().screen == Screen::printing);
  f.flow.on_print(print, PrintStage::held);
  CHECK(f.s().screen == Screen::printer_trouble);
  Effects handed = f.flow.take_effects();
  REQUIRE(handed.hand_overs.size() == 1);  // the request goes to the reception list: it never prints here later
  CHECK(handed.hand_overs[0].ticket == print);
  REQUIRE(f.s().decision.has_value());
  CHECK(f.s().decision->outcome == Outcome::ok);  // checked in all the same
  f.flow.on_printer_available(false);
  f.clock.advance(f.options.trouble_ms);
  f.flow.tick();
  CHECK(f.s().screen == Screen::out_of_order);
}

TEST_CASE("a scan on the out-of-order screen is answered, and records nothing", "[flow]") {
  Fixture f;
  f.flow.on_printer_available(false);
  REQUIRE(f.s().screen == Screen::out_of_order);
  CHECK_FALSE(f.s().bounced_until_ms.has_value());
  CHECK_FALSE(f.flow.next_deadline_ms().has_value());
  f.flow.scan("CODE-1");
  CHECK(f.s().screen == Screen::out_of_order);
  REQUIRE(f.s().bounced_until_ms.has_value());  // "your code was read; next kiosk or reception"
  CHECK(f.flow.next_deadline_ms() == f.clock.now + f.options.bounce_ms);
  CHECK(f.flow.take_effects().empty());  // not checked in: the next kiosk checks them in and prints
  f.clock.advance(f.options.bounce_ms);
  f.flow.tick();
  CHECK_FALSE(f.s().bounced_until_ms.has_value());
  f.flow.scan("CODE-1");
  f.flow.on_printer_available(true);
  CHECK(f.s().screen == Screen::welcome);
  CHECK_FALSE(f.s().bounced_until_ms.has_value());  // the answer was for the out-of-order screen
}

TEST_CASE("the printer going away empties the welcome and search screens", "[flow]") {
  Fixture f;
  f.flow.find_my_name();
  f.flow.type("hel");
  f.flow.on_printer_available(false);
  CHECK(f.s().screen == Screen::out_of_order);
  CHECK(f.s().query.empty());
  f.flow.on_printer_available(true);
  CHECK(f.s().screen == Screen::welcome);
}

TEST_CASE("a printer lost between the decision and the print shows the reception screen at once", "[flow]") {
  Fixture f;
  f.flow.scan("CODE");
  auto e = f.flow.take_effects();
  f.flow.on_printer_available(false);
  CHECK(f.s().screen == Screen::checking);
  f.flow.on_decision(e.check_in_scans[0].ticket, f.decision(Outcome::ok));
  CHECK(f.s().screen == Screen::printer_trouble);
  // Not queued on a printer known to be down: straight to the reception list.
  Effects after = f.flow.take_effects();
  REQUIRE(after.prints.size() == 1);
  CHECK(after.prints[0].to_reception);
  CHECK(after.prints[0].attendee_id == f.people[0].id);
}

TEST_CASE("a badge printed while the printer is fine goes to the printer, and is not handed over", "[flow]") {
  Fixture f;
  f.flow.scan("CODE");
  auto e = f.flow.take_effects();
  f.flow.on_decision(e.check_in_scans[0].ticket, f.decision(Outcome::ok));
  Effects after = f.flow.take_effects();
  REQUIRE(after.prints.size() == 1);
  CHECK_FALSE(after.prints[0].to_reception);
  f.flow.on_print(after.prints[0].ticket, PrintStage::printed);
  CHECK(f.flow.take_effects().hand_overs.empty());
}

TEST_CASE("a badge that never comes is printer trouble", "[flow]") {
  Fixture f;
  const std::uint64_t print = f.scan_and_answer("CODE", Outcome::ok);
  f.clock.advance(f.options.print_timeout_ms);
  f.flow.tick();
  CHECK(f.s().screen == Screen::printer_trouble);
  // "Your badge will be handed to you at reception": the request is moved there, not retried here.
  Effects e = f.flow.take_effects();
  REQUIRE(e.hand_overs.size() == 1);
  CHECK(e.hand_overs[0].ticket == print);
  f.flow.on_print(print, PrintStage::failed);  // the queue's answer to the move changes nothing more
  CHECK(f.flow.take_effects().hand_overs.empty());
}

TEST_CASE("a check-in that cannot be recorded sends the person to reception; late answers are ignored", "[flow]") {
  Fixture f;
  f.flow.scan("CODE");
  auto e = f.flow.take_effects();
  f.flow.on_check_in_failed(e.check_in_scans[0].ticket);
  CHECK(f.s().screen == Screen::refused);
  CHECK_FALSE(f.s().decision.has_value());

  Fixture g;
  g.flow.scan("CODE");
  auto late = g.flow.take_effects();
  g.clock.advance(g.options.checking_timeout_ms);
  g.flow.tick();
  CHECK(g.s().screen == Screen::refused);
  g.flow.on_decision(late.check_in_scans[0].ticket, g.decision(Outcome::ok));
  CHECK(g.s().screen == Screen::refused);   // too late: not shown
  CHECK(g.flow.take_effects().prints.empty());
}

TEST_CASE("back during printing is ignored; a refusal's screen ends early on a new scan", "[flow]") {
  Fixture f;
  f.scan_and_answer("CODE", Outcome::ok);
  f.flow.back();
  CHECK(f.s().screen == Screen::printing);

  Fixture g;
  g.scan_and_answer("CODE", Outcome::unknown);
  g.flow.scan("CODE-2");
  CHECK(g.s().screen == Screen::checking);
}

TEST_CASE("print updates out of order: a late 'queued' does not undo 'printed'", "[flow]") {
  // The print queue's worker may report "printed" before submit() has said
  // "queued" (they run on different threads).
  Fixture f;
  std::uint64_t print = f.scan_and_answer("CODE", Outcome::ok);
  f.flow.on_print(print, PrintStage::printing);
  f.flow.on_print(print, PrintStage::printed);
  f.flow.on_print(print, PrintStage::queued);
  CHECK(f.s().screen == Screen::done);
  f.clock.advance(f.options.done_ms);
  f.flow.tick();
  CHECK(f.s().screen == Screen::welcome);
}

TEST_CASE("a new attendee list: the search finds the newcomer, and nobody loses their place", "[flow]") {
  Fixture f;
  f.flow.find_my_name();
  f.flow.type("zab");
  CHECK(f.s().results.empty());

  // Reception registers a walk-in; the kiosk's list is rebuilt and swapped in.
  std::vector<Attendee> more = f.people;
  more.push_back(make_attendee("R4", "Ambroise", "Zabulon", "Ville de Brest"));
  SearchIndex updated(more);
  f.flow.set_index(&updated);
  CHECK(f.s().screen == Screen::find_name);
  CHECK(f.s().query == "zab");
  REQUIRE(f.s().results.size() == 1);
  CHECK(f.s().results[0].name == "Ambroise Zabulon");

  // Someone on "is this you?" when the list changes again keeps their choice
  // (it does not point into the list that is going away).
  f.flow.pick(0);
  REQUIRE(f.s().screen == Screen::confirm);
  {
    SearchIndex third(more);
    f.flow.set_index(&third);
    f.flow.set_index(&updated);
  }
  CHECK(f.s().screen == Screen::confirm);
  REQUIRE(f.s().chosen.has_value());
  CHECK(f.s().chosen->name == "Ambroise Zabulon");
  f.flow.confirm(true);
  Effects e = f.flow.take_effects();
  REQUIRE(e.check_in_attendees.size() == 1);
  CHECK(e.check_in_attendees[0].attendee_id == more[3].id);
}

TEST_CASE("the screen says 'keep typing' until the flow has searched, whatever the query holds", "[flow]") {
  Fixture f;
  f.flow.find_my_name();
  CHECK_FALSE(f.s().searched);
  f.flow.type("O'");  // two characters, one letter: nothing looked up
  CHECK_FALSE(f.s().searched);
  CHECK(f.s().results.empty());
  f.flow.type("zz");  // three letters: looked up, nobody found
  CHECK(f.s().searched);
  CHECK(f.s().results.empty());
  f.flow.back();      // the next person starts afresh
  f.flow.find_my_name();
  CHECK_FALSE(f.s().searched);
}

namespace {

// Unix milliseconds of a UTC date and time.
std::int64_t utc_ms(int y, unsigned m, unsigned d, int hh, int mm = 0, int ss = 0) {
  using namespace std::chrono;
  const sys_days day = year_month_day{year{y}, month{m}, std::chrono::day{d}};
  return duration_cast<milliseconds>(day.time_since_epoch() + hours{hh} + minutes{mm} + seconds{ss}).count();
}

// The sample event's two days, in Paris (UTC+1 in December: midnight is 23:00 UTC).
FlowOptions two_days() {
  FlowOptions o;
  o.day_dates = {"2026-12-03", "2026-12-04"};
  o.timezone = "Europe/Paris";
  return o;
}

// Serves a scan that checks in and prints; returns the day the check-in was asked for.
int serve_scan(Fixture& f, const std::string& code) {
  f.flow.scan(code);
  Effects e = f.flow.take_effects();
  REQUIRE(e.check_in_scans.size() == 1);
  const int day = e.check_in_scans[0].day;
  f.flow.on_decision(e.check_in_scans[0].ticket, f.decision(Outcome::ok));
  Effects print = f.flow.take_effects();
  REQUIRE(print.prints.size() == 1);
  f.flow.on_print(print.prints[0].ticket, PrintStage::printed);
  f.flow.back();
  return day;
}

}  // namespace

TEST_CASE("the day follows the clock: after local midnight, check-ins are for the new day", "[flow][day]") {
  Fixture f(two_days(), utc_ms(2026, 12, 3, 22, 58));  // 23:58 in Paris, day 1
  CHECK(f.s().screen == Screen::welcome);
  CHECK(f.s().day == 1);
  CHECK_FALSE(f.s().rehearsal);
  CHECK(serve_scan(f, "AC1:ONE") == 1);
  // The app is woken at midnight even with nothing on screen.
  REQUIRE(f.flow.next_deadline_ms().has_value());
  CHECK(*f.flow.next_deadline_ms() == utc_ms(2026, 12, 3, 23));
  f.clock.now = utc_ms(2026, 12, 3, 23);
  f.flow.tick();
  CHECK(f.s().day == 2);
  CHECK(f.s().screen == Screen::welcome);
  // The same person again: asked for day 2, so the store judges them for day 2.
  CHECK(serve_scan(f, "AC1:ONE") == 2);
  // Find my name too.
  f.flow.find_my_name();
  f.flow.type("moncond");
  REQUIRE_FALSE(f.s().results.empty());
  f.flow.pick(0);
  f.flow.confirm(true);
  Effects e = f.flow.take_effects();
  REQUIRE(e.check_in_attendees.size() == 1);
  CHECK(e.check_in_attendees[0].day == 2);
}

TEST_CASE("a person served across midnight finishes on the day they scanned; the next is on the new day",
          "[flow][day]") {
  Fixture f(two_days(), utc_ms(2026, 12, 3, 22, 59, 59));
  f.flow.scan("AC1:LATE");
  Effects e = f.flow.take_effects();
  REQUIRE(e.check_in_scans.size() == 1);
  CHECK(e.check_in_scans[0].day == 1);  // scanned at 23:59:59
  f.clock.now = utc_ms(2026, 12, 3, 23, 0, 1);
  f.flow.tick();
  CHECK(f.s().screen == Screen::checking);  // still theirs
  f.flow.on_decision(e.check_in_scans[0].ticket, f.decision(Outcome::ok));
  CHECK(f.s().screen == Screen::printing);
  f.flow.scan("AC1:NEXT");  // waits for the badge
  Effects print = f.flow.take_effects();
  REQUIRE(print.prints.size() == 1);
  f.flow.on_print(print.prints[0].ticket, PrintStage::printed);
  Effects next = f.flow.take_effects();
  REQUIRE(next.check_in_scans.size() == 1);
  CHECK(next.check_in_scans[0].code == "AC1:NEXT");
  CHECK(next.check_in_scans[0].day == 2);
}

TEST_CASE("on the eve the kiosk starts closed, says when it opens, and opens at midnight", "[flow][day]") {
  Fixture f(two_days(), utc_ms(2026, 12, 2, 19));  // 20:00 in Paris, the evening before
  CHECK(f.s().screen == Screen::closed);
  CHECK_FALSE(f.s().day.has_value());
  CHECK(f.s().next_day == 1);
  // No check-in can be recorded for a day that is not: nothing is asked of the store.
  f.flow.scan("AC1:EARLY");
  f.flow.find_my_name();
  f.flow.back();
  CHECK(f.flow.take_effects().empty());
  CHECK(f.s().screen == Screen::closed);
  REQUIRE(f.flow.next_deadline_ms().has_value());
  CHECK(*f.flow.next_deadline_ms() == utc_ms(2026, 12, 2, 23));
  f.clock.now = utc_ms(2026, 12, 2, 23);
  f.flow.tick();
  CHECK(f.s().screen == Screen::welcome);
  CHECK(f.s().day == 1);
  CHECK(serve_scan(f, "AC1:FIRST") == 1);
}

TEST_CASE("after the last day the kiosk closes between people; nothing is to come", "[flow][day]") {
  Fixture f(two_days(), utc_ms(2026, 12, 4, 22, 59));
  f.flow.find_my_name();
  f.flow.type("moncond");
  f.clock.now = utc_ms(2026, 12, 4, 23);
  f.flow.tick();
  CHECK(f.s().screen == Screen::closed);
  CHECK(f.s().query.empty());  // what was typed is forgotten
  CHECK_FALSE(f.s().day.has_value());
  CHECK_FALSE(f.s().next_day.has_value());
}

TEST_CASE("a rehearsal day is fixed whatever the date, and says so", "[flow][day]") {
  FlowOptions o = two_days();
  o.rehearsal_day = 2;
  Fixture f(o, utc_ms(2026, 11, 20, 10));  // two weeks before
  CHECK(f.s().screen == Screen::welcome);
  CHECK(f.s().day == 2);
  CHECK(f.s().rehearsal);
  CHECK_FALSE(f.flow.next_deadline_ms().has_value());  // no midnight to wait for
  CHECK(serve_scan(f, "AC1:REHEARSE") == 2);
  f.clock.now = utc_ms(2026, 11, 21, 10);
  f.flow.tick();
  CHECK(f.s().day == 2);
}

TEST_CASE("a name-search refusal shows nothing of the person; a scan's refusal keeps its details", "[flow][privacy]") {
  for (Outcome outcome : {Outcome::already_checked_in, Outcome::not_registered_today, Outcome::cancelled}) {
    INFO(to_string(outcome));
    Fixture f;
    f.flow.find_my_name();
    f.flow.type("petrosyan");
    REQUIRE(f.s().results.size() == 1);
    f.flow.pick(0);
    f.flow.confirm(true);
    Effects e = f.flow.take_effects();
    REQUIRE(e.check_in_attendees.size() == 1);
    Decision d = f.decision(outcome, 1);  // Aram, who speaks English
    d.previous = CheckinEvent{};
    d.previous->at_ms = 1'000;
    d.previous->kiosk = "entree-2";
    f.flow.on_decision(e.check_in_attendees[0].ticket, d);
    CHECK(f.s().screen == Screen::refused);
    CHECK(f.s().by_name);
    REQUIRE(f.s().decision.has_value());
    CHECK_FALSE(f.s().decision->attendee.has_value());
    CHECK_FALSE(f.s().decision->previous.has_value());
    CHECK(f.s().language == "fr");  // not switched to theirs: that too says something about them
  }
  // With their ticket, the holder may see when and where they checked in.
  Fixture f;
  f.flow.scan("AC1:ARAM");
  Effects e = f.flow.take_effects();
  Decision d = f.decision(Outcome::already_checked_in, 1);
  d.previous = CheckinEvent{};
  d.previous->kiosk = "entree-2";
  f.flow.on_decision(e.check_in_scans[0].ticket, d);
  CHECK_FALSE(f.s().by_name);
  REQUIRE(f.s().decision.has_value());
  CHECK(f.s().decision->previous.has_value());
  CHECK(f.s().decision->attendee.has_value());
}

TEST_CASE("the e-mail check: the right first letters check in, wrong ones end at reception", "[flow][privacy]") {
  FlowOptions o;
  o.name_search.check = NameSearchRules::Check::email;
  o.check_attempts = 2;
  Fixture f(o, 1'000'000);  // Hélène's e-mail is helene@example.org
  auto choose_helene = [&] {
    f.flow.find_my_name();
    f.flow.type("moncond");
    REQUIRE(f.s().results.size() == 1);
    CHECK(f.s().results[0].organisation == "Ville de Poitiers");  // the e-mail is the check: shown
    f.flow.pick(0);
    f.flow.confirm(true);
    CHECK(f.s().screen == Screen::verify);
    CHECK(f.flow.take_effects().empty());  // nothing until they prove it
  };
  choose_helene();
  f.flow.type("HE");
  f.flow.submit_answer();  // too short
  CHECK(f.s().screen == Screen::verify);
  CHECK(f.s().wrong_answer);
  CHECK(f.s().answer.empty());
  f.flow.type("Hél");  // case and accents do not matter
  f.flow.submit_answer();
  CHECK(f.s().screen == Screen::checking);
  Effects e = f.flow.take_effects();
  REQUIRE(e.check_in_attendees.size() == 1);
  CHECK(e.check_in_attendees[0].attendee_id == f.people[0].id);

  Fixture g(o, 1'000'000);
  g.flow.find_my_name();
  g.flow.type("moncond");
  g.flow.pick(0);
  g.flow.confirm(true);
  for (const char* guess : {"abc", "xyz"}) {
    g.flow.type(guess);
    g.flow.submit_answer();
  }
  CHECK(g.s().screen == Screen::refused);  // "please see reception"
  CHECK(g.s().by_name);
  CHECK_FALSE(g.s().decision.has_value());
  CHECK(g.flow.take_effects().empty());  // nobody checked in
}

TEST_CASE("the organisation check hides the organisation; no e-mail on record means reception", "[flow][privacy]") {
  FlowOptions o;
  o.name_search.check = NameSearchRules::Check::organisation;
  Fixture f(o, 1'000'000);
  f.flow.find_my_name();
  f.flow.type("petrosyan");
  REQUIRE(f.s().results.size() == 1);
  CHECK(f.s().results[0].organisation.empty());  // what they must prove is not shown
  f.flow.pick(0);
  f.flow.confirm(true);
  f.flow.type("mai");  // Mairie d'Erevan
  f.flow.submit_answer();
  CHECK(f.flow.take_effects().check_in_attendees.size() == 1);

  FlowOptions by_email;
  by_email.name_search.check = NameSearchRules::Check::email;
  Fixture g(by_email, 1'000'000);
  g.flow.find_my_name();
  g.flow.type("petrosyan");  // Aram has no e-mail on record
  g.flow.pick(0);
  g.flow.confirm(true);
  CHECK(g.s().screen == Screen::refused);
  CHECK(g.s().by_name);
  CHECK(g.flow.take_effects().empty());
}
