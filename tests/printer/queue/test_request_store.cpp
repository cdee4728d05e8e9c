// The print_requests table (schema 4) and the moves between states.
#include <catch2/catch.hpp>

#include "printer/queue/request_store.hpp"
#include "tests/shared/fixtures.hpp"

using namespace accueil;
using namespace accueil::printer;
using namespace accueil::testing;

namespace {

struct Fixture {
  Store store = memory_store();
  RequestStore requests{store};
  Attendee a = make_attendee("R1", "Ana", "Ibáñez");
  Fixture() { REQUIRE(store.insert_attendee(a, AttendeeSource::import)); }
  RequestId add(std::string printer = "desk", std::int64_t at = 100) {
    auto id = requests.insert({a.id, std::move(printer), "", {}, "", ""}, at);
    REQUIRE(id);
    return *id;
  }
  RequestRecord get(RequestId id) { return requests.get(id).value().value(); }
};

}  // namespace

TEST_CASE("a request is queued, then sending, then printed, once", "[requests]") {
  Fixture f;
  const RequestId id = f.add();
  RequestRecord r = f.get(id);
  CHECK(r.state == RequestState::queued);
  CHECK(r.printer == "desk");
  CHECK(r.requested_printer == "desk");
  CHECK(r.created_ms == 100);
  CHECK(*f.requests.next_due("desk", 100) == std::optional<RequestRecord>(r));
  CHECK_FALSE(f.requests.next_due("spare", 100).value());

  CHECK_FALSE(*f.requests.start_sending(id, "spare", 110));  // not its printer
  CHECK(*f.requests.start_sending(id, "desk", 110));
  CHECK_FALSE(*f.requests.start_sending(id, "desk", 111));  // already sending
  CHECK_FALSE(f.requests.next_due("desk", 200).value());
  REQUIRE(f.requests.record_job(id, 12, "Badges", 120));
  CHECK(f.get(id).job_id == 12);
  CHECK(*f.requests.finish(id, RequestState::printed, PrinterProblem::none, "printed", 130));
  CHECK_FALSE(*f.requests.finish(id, RequestState::failed, PrinterProblem::other, "again", 140));
  r = f.get(id);
  CHECK(r.state == RequestState::printed);
  CHECK(r.finished_ms == 130);
}

TEST_CASE("a retry counts an attempt, may move the request, and waits its turn", "[requests]") {
  Fixture f;
  const RequestId id = f.add();
  REQUIRE(*f.requests.start_sending(id, "desk", 110));
  REQUIRE(f.requests.record_job(id, 12, "Badges", 115));
  CHECK(*f.requests.requeue(id, "spare", 5000, PrinterProblem::offline, "gone", 120));
  const RequestRecord r = f.get(id);
  CHECK(r.state == RequestState::queued);
  CHECK(r.printer == "spare");
  CHECK(r.requested_printer == "desk");
  CHECK(r.attempts == 1);
  CHECK(r.problem == PrinterProblem::offline);
  CHECK_FALSE(r.job_id.has_value());
  CHECK_FALSE(f.requests.next_due("spare", 4999).value());
  CHECK(f.requests.next_due_time("spare").value() == 5000);
  CHECK(f.requests.next_due("spare", 5000).value()->id == id);
}

TEST_CASE("cancel: at once when queued, asked when sending, too late when ended", "[requests]") {
  Fixture f;
  const RequestId queued = f.add();
  const RequestId sending = f.add();
  const RequestId done = f.add();
  REQUIRE(*f.requests.start_sending(sending, "desk", 110));
  REQUIRE(*f.requests.finish(done, RequestState::printed, PrinterProblem::none, "", 120));
  CHECK(*f.requests.cancel(queued, 200) == CancelResult::cancelled);
  CHECK(f.get(queued).state == RequestState::cancelled);
  CHECK(*f.requests.cancel(sending, 200) == CancelResult::requested);
  CHECK(f.get(sending).cancel_requested);
  CHECK(f.get(sending).state == RequestState::sending);
  CHECK(*f.requests.cancel(done, 200) == CancelResult::too_late);
  auto missing = f.requests.cancel(999, 200);
  REQUIRE_FALSE(missing);
  CHECK_THAT(missing.error().message, Catch::Contains("999"));
}

TEST_CASE("a request must name an attendee of the store", "[requests]") {
  Fixture f;
  auto id = f.requests.insert({"nobody", "desk", "", {}, "", ""}, 1);
  REQUIRE_FALSE(id);
  CHECK_THAT(id.error().message, Catch::Contains("nobody") && Catch::Contains("desk"));
}

TEST_CASE("requests by state, by attendee, newest first", "[requests]") {
  Fixture f;
  const RequestId one = f.add("desk", 1);
  const RequestId two = f.add("spare", 2);
  REQUIRE(*f.requests.start_sending(two, "spare", 3));
  CHECK(f.requests.in_state(RequestState::queued)->size() == 1);
  CHECK(f.requests.in_state(RequestState::sending, "spare")->size() == 1);
  CHECK(f.requests.in_state(RequestState::sending, "desk")->empty());
  CHECK(f.requests.of_attendee(f.a.id)->size() == 2);
  CHECK(f.requests.recent(1)->front().id == two);
  CHECK(to_string(RequestState::cancelled) == "cancelled");
  CHECK(request_state_from_string("sending") == RequestState::sending);
  CHECK(problem_from_name("media_jam") == PrinterProblem::media_jam);
  for (PrinterProblem p : {PrinterProblem::none, PrinterProblem::media_empty, PrinterProblem::media_jam,
                           PrinterProblem::cover_open, PrinterProblem::ribbon_empty, PrinterProblem::wrong_media,
                           PrinterProblem::offline, PrinterProblem::other})
    CHECK(problem_from_name(name(p)) == p);
  CHECK_FALSE(problem_from_name("media-jam").has_value());
  CHECK_FALSE(problem_from_name("").has_value());
  (void)one;
}

TEST_CASE("the reception list: one place at a time, moved in one step, printed or handed only by a person",
          "[requests][reception]") {
  Fixture f;
  const RequestId queued = f.add("desk", 100);
  const RequestId sending = f.add("desk", 101);
  const RequestId printed = f.add("desk", 102);
  REQUIRE(*f.requests.start_sending(sending, "desk", 110));
  REQUIRE(f.requests.record_job(sending, 7, "Badges", 111));
  REQUIRE(*f.requests.finish(printed, RequestState::printed, PrinterProblem::none, "", 120));

  // Queued: moved at once, and no printer's worker sees it any more.
  CHECK(*f.requests.to_reception(queued, "kiosk e2e: sent to reception", 200) == HandoverResult::moved);
  RequestRecord r = f.get(queued);
  CHECK(r.state == RequestState::reception);
  CHECK(r.detail == "kiosk e2e: sent to reception");
  CHECK_FALSE(is_final(r.state));
  CHECK_FALSE(f.requests.next_due("desk", 10'000).value());
  CHECK(*f.requests.to_reception(queued, "again", 201) == HandoverResult::already);
  CHECK_FALSE(*f.requests.start_sending(queued, "desk", 202));  // a worker that read it before the move cannot send it
  CHECK_FALSE(*f.requests.finish(queued, RequestState::cancelled, PrinterProblem::none, "", 203));
  CHECK(f.get(queued).state == RequestState::reception);

  // Sending: asked; the worker stops it, then settles it there.
  CHECK(*f.requests.to_reception(sending, "told: at reception", 210) == HandoverResult::requested);
  r = f.get(sending);
  CHECK(r.state == RequestState::sending);
  CHECK(r.to_reception);
  CHECK(r.cancel_requested);
  CHECK(*f.requests.settle_at_reception(sending, PrinterProblem::media_empty, "told: at reception (job cancelled)", 220));
  r = f.get(sending);
  CHECK(r.state == RequestState::reception);
  CHECK_FALSE(r.to_reception);
  CHECK_FALSE(r.cancel_requested);
  CHECK_FALSE(r.job_id.has_value());
  CHECK_FALSE(*f.requests.settle_at_reception(sending, PrinterProblem::none, "twice", 221));

  // Printed: too late.
  CHECK(*f.requests.to_reception(printed, "late", 230) == HandoverResult::too_late);
  CHECK(f.get(printed).state == RequestState::printed);

  CHECK(f.requests.in_state(RequestState::reception)->size() == 2);

  // A person prints one again: back in a printer's queue, its age from now.
  CHECK(*f.requests.release(queued, "spare", "printed from the reception list by Ana", 300));
  r = f.get(queued);
  CHECK(r.state == RequestState::queued);
  CHECK(r.printer == "spare");
  CHECK(r.queued_ms == 300);
  CHECK(r.created_ms == 100);
  CHECK(f.requests.next_due("spare", 300).value()->id == queued);
  CHECK_FALSE(*f.requests.release(queued, "spare", "twice", 301));  // not on the list any more

  // And hands the other over: it never prints.
  CHECK(*f.requests.hand_over(sending, "handed at reception by Ana", 310));
  r = f.get(sending);
  CHECK(r.state == RequestState::handed);
  CHECK(is_final(r.state));
  CHECK(is_served(r.state));
  CHECK(r.finished_ms == 310);
  CHECK_FALSE(*f.requests.hand_over(sending, "twice", 311));
  CHECK_FALSE(*f.requests.release(sending, "desk", "after it was handed", 312));
  CHECK(request_state_from_string("reception") == RequestState::reception);
  CHECK(request_state_from_string("handed") == RequestState::handed);
}

TEST_CASE("a failed request can go to the reception list; one there can be cancelled", "[requests][reception]") {
  Fixture f;
  const RequestId id = f.add();
  REQUIRE(*f.requests.finish(id, RequestState::failed, PrinterProblem::other, "gave up", 150));
  CHECK(*f.requests.to_reception(id, "told: at reception", 200) == HandoverResult::moved);
  CHECK(f.get(id).state == RequestState::reception);
  CHECK_FALSE(f.get(id).finished_ms.has_value());
  CHECK(*f.requests.cancel(id, 210) == CancelResult::cancelled);
  CHECK(f.get(id).state == RequestState::cancelled);
}

TEST_CASE("straight to the reception list at insert; served_since finds a later badge", "[requests][reception]") {
  Fixture f;
  NewRequest n{f.a.id, "desk", "", {}, "", ""};
  n.at_reception = true;
  n.detail = "printer desk is down";
  auto at_reception = f.requests.insert(n, 50);
  REQUIRE(at_reception);
  CHECK(f.get(*at_reception).state == RequestState::reception);
  CHECK(f.get(*at_reception).detail == "printer desk is down");
  CHECK_FALSE(f.requests.next_due("desk", 1000).value());

  const RequestId old_one = f.add("desk", 100);
  CHECK(f.get(old_one).queued_ms == 100);
  CHECK_FALSE(f.requests.served_since(f.a.id, 100, old_one).value());
  const RequestId later = f.add("spare", 150);
  REQUIRE(*f.requests.finish(later, RequestState::printed, PrinterProblem::none, "", 160));
  auto served = f.requests.served_since(f.a.id, 100, old_one);
  REQUIRE(served);
  REQUIRE(*served);
  CHECK((*served)->id == later);
  CHECK_FALSE(f.requests.served_since(f.a.id, 160, old_one).value());  // printed before: not "meanwhile"
  CHECK_FALSE(f.requests.served_since(f.a.id, 100, later).value());   // itself does not count
}

TEST_CASE("the queue's queries read an index, not the whole table, however many badges were printed", "[requests]") {
  // Every badge of the event stays in print_requests: a query that scans the
  // table gets slower all day (schema 8 indexes them by state).
  Fixture f;
  for (int i = 0; i < 300; ++i) {
    const RequestId id = f.add(i % 2 ? "desk" : "spare", 100 + i);
    REQUIRE(*f.requests.finish(id, RequestState::printed, PrinterProblem::none, "printed", 200 + i));
  }
  const RequestId waiting = f.add("desk", 1'000);
  const RequestId later = f.add("desk", 1'001);
  REQUIRE(f.requests.to_reception(later, "kiosk restarted", 1'002).value() == HandoverResult::moved);
  const std::int64_t before = f.store.database().kept_full_scan_steps();
  CHECK(f.requests.next_due("desk", 2'000).value()->id == waiting);
  CHECK(f.requests.next_due_time("desk").value() == std::optional<std::int64_t>(0));  // due at once
  CHECK(f.requests.due_now("desk", 2'000).value() == 0);
  CHECK(f.requests.in_state(RequestState::queued, "desk").value().size() == 1);
  CHECK(f.requests.in_state(RequestState::reception).value().size() == 1);
  CHECK(f.store.database().kept_full_scan_steps() - before == 0);
}
