// The print_requests table (schema 3) and the moves between states.
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
