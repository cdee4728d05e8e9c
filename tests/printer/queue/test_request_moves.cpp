// The desk's moves of a print request (another printer, again now), and test labels.
#include <catch2/catch.hpp>

#include "printer/queue/request_moves.hpp"
#include "printer/queue/test_label.hpp"
#include "queue_fixtures.hpp"
#include "tests/shared/fixtures.hpp"

using namespace accueil;
using namespace accueil::printer;
using namespace accueil::testing;

namespace {

std::vector<PrinterConfig> two_printers() {
  PrinterConfig desk, spare;
  desk.name = "desk";
  spare.name = "spare";
  return {desk, spare};
}

struct Fixture {
  Store store = memory_store();
  RequestStore requests{store};
  Attendee a = make_attendee("R1", "Ana", "Ibáñez");
  std::vector<PrinterConfig> printers = two_printers();
  Fixture() { REQUIRE(store.insert_attendee(a, AttendeeSource::import)); }
  RequestId add(std::string printer = "desk", std::int64_t at = 100) {
    auto id = requests.insert({a.id, std::move(printer), "", {}, "", ""}, at);
    REQUIRE(id);
    return *id;
  }
  RequestRecord get(RequestId id) { return requests.get(id).value().value(); }
};

}  // namespace

TEST_CASE("a queued request moves to another printer, due now", "[moves]") {
  Fixture f;
  const RequestId id = f.add();
  REQUIRE(f.requests.requeue(id, "desk", 90'000, PrinterProblem::media_empty, "no labels", 200));
  CHECK(move_request(f.store, f.printers, id, "spare", "moved at the desk by Camille", 1000).value() ==
        MoveResult::moved);
  const RequestRecord r = f.get(id);
  CHECK(r.state == RequestState::queued);
  CHECK(r.printer == "spare");
  CHECK(r.requested_printer == "desk");
  CHECK(r.next_attempt_ms == 1000);
  CHECK(r.queued_ms == 1000);
  CHECK(r.problem == PrinterProblem::none);
  CHECK(r.detail == "moved at the desk by Camille");
  CHECK(f.requests.next_due("spare", 1000).value()->id == id);
}

TEST_CASE("a request on the reception list or failed moves to a printer", "[moves]") {
  Fixture f;
  const RequestId held = f.add();
  REQUIRE(f.requests.to_reception(held, "kiosk printer empty", 200).value() == HandoverResult::moved);
  CHECK(move_request(f.store, f.printers, held, "spare", "moved", 300).value() == MoveResult::moved);
  CHECK(f.get(held).state == RequestState::queued);
  const RequestId failed = f.add();
  REQUIRE(f.requests.finish(failed, RequestState::failed, PrinterProblem::other, "refused", 300).value());
  CHECK(move_request(f.store, f.printers, failed, "spare", "moved", 400).value() == MoveResult::moved);
  CHECK(f.get(failed).state == RequestState::queued);
  CHECK_FALSE(f.get(failed).finished_ms);
}

TEST_CASE("a request being sent is stopped first; the move waits with it in the store", "[moves]") {
  Fixture f;
  const RequestId id = f.add();
  REQUIRE(f.requests.start_sending(id, "desk", 110).value());
  REQUIRE(f.requests.record_job(id, 7, "Badges", 120));
  CHECK(move_request(f.store, f.printers, id, "spare", "moved to spare at the desk by Camille", 500).value() ==
        MoveResult::stopping);
  RequestRecord r = f.get(id);
  CHECK(r.state == RequestState::sending);  // its job may still print: never two badges
  CHECK(r.cancel_requested);
  CHECK(r.move_to == "spare");
  CHECK(r.detail == "moved to spare at the desk by Camille");
  // Trouble noted while it stops keeps the move's reason.
  REQUIRE(f.requests.note_problem(id, PrinterProblem::media_empty, "media-empty", 550));
  CHECK(f.get(id).detail == "moved to spare at the desk by Camille");
  // The queue stopped the job (PrintQueue does this): it goes to spare, due now.
  REQUIRE(f.requests.settle_move(id, "moved to spare at the desk by Camille (cancelled)", 700).value());
  r = f.get(id);
  CHECK(r.state == RequestState::queued);
  CHECK(r.printer == "spare");
  CHECK(r.move_to.empty());
  CHECK(r.next_attempt_ms == 700);
  CHECK(r.queued_ms == 700);
  CHECK(r.problem == PrinterProblem::none);
  CHECK_FALSE(r.job_id);
  CHECK_FALSE(r.cancel_requested);
  CHECK_FALSE(r.to_reception);
  CHECK(r.detail == "moved to spare at the desk by Camille (cancelled)");
  CHECK_FALSE(f.requests.settle_move(id, "again", 800).value());  // once
}

TEST_CASE("a cancel after a move forgets the move; a request without one is not settled as moved", "[moves]") {
  Fixture f;
  const RequestId id = f.add();
  REQUIRE(f.requests.start_sending(id, "desk", 110).value());
  REQUIRE(move_request(f.store, f.printers, id, "spare", "moved", 500).value() == MoveResult::stopping);
  REQUIRE(f.requests.cancel(id, 600).value() == CancelResult::requested);
  CHECK(f.get(id).move_to.empty());
  CHECK_FALSE(f.requests.settle_move(id, "moved", 700).value());
  CHECK(f.get(id).printer == "desk");
}

TEST_CASE("moving to a printer nobody configured changes nothing and names it", "[moves]") {
  Fixture f;
  const RequestId id = f.add();
  auto moved = move_request(f.store, f.printers, id, "nowhere", "moved", 500);
  REQUIRE_FALSE(moved);
  CHECK(moved.error().message.find("\"nowhere\"") != std::string::npos);
  CHECK(moved.error().message.find("desk, spare") != std::string::npos);
  CHECK(f.get(id).printer == "desk");
  CHECK_FALSE(move_request(f.store, f.printers, 999, "spare", "moved", 500));
}

TEST_CASE("an ended request is not moved nor retried", "[moves]") {
  Fixture f;
  const RequestId id = f.add();
  REQUIRE(f.requests.finish(id, RequestState::printed, PrinterProblem::none, "printed", 300).value());
  CHECK(move_request(f.store, f.printers, id, "spare", "moved", 500).value() == MoveResult::too_late);
  CHECK(retry_request(f.store, id, "again", 500).value() == RetryResult::too_late);
  CHECK(f.get(id).state == RequestState::printed);
}

TEST_CASE("retry: a back-off ends now, a failed one is queued again, a job at the printer waits", "[moves]") {
  Fixture f;
  const RequestId waiting = f.add();
  REQUIRE(f.requests.requeue(waiting, "desk", 90'000, PrinterProblem::offline, "gone", 200));
  CHECK(retry_request(f.store, waiting, "again", 1000).value() == RetryResult::due_now);
  CHECK(f.get(waiting).next_attempt_ms == 1000);

  const RequestId failed = f.add();
  REQUIRE(f.requests.finish(failed, RequestState::failed, PrinterProblem::other, "refused", 300).value());
  CHECK(retry_request(f.store, failed, "printed again at the desk", 1000).value() == RetryResult::requeued);
  CHECK(f.get(failed).state == RequestState::queued);
  CHECK(f.get(failed).printer == "desk");

  const RequestId sending = f.add();
  REQUIRE(f.requests.start_sending(sending, "desk", 110).value());
  CHECK(retry_request(f.store, sending, "again", 1000).value() == RetryResult::at_printer);
  CHECK(f.get(sending).state == RequestState::sending);
  CHECK_FALSE(retry_request(f.store, 999, "again", 1000));
}

// --- Test labels ---------------------------------------------------------------------------------

TEST_CASE("a test label is a made-up badge sent straight to the printer", "[test_label]") {
  Event event;
  event.name = "Rencontres";
  PrinterConfig desk;
  desk.name = "desk";
  desk.template_id = "label-62x100";
  auto printer = std::make_shared<FakePrinter>();
  FakeDriver driver(printer);
  TestRenderer renderer;
  const Delivery d = print_test_label(event, desk, driver, renderer, std::chrono::milliseconds(2000));
  CHECK(d.outcome == DeliveryOutcome::printed);
  CHECK(printer->delivered_now() == std::vector<std::string>{"Test label for desk"});
}

TEST_CASE("a test label gives up on a printer in trouble, and says why", "[test_label]") {
  Event event;
  PrinterConfig desk;
  desk.name = "desk";
  desk.template_id = "label-62x100";
  auto printer = std::make_shared<FakePrinter>();
  printer->hold = true;
  printer->waiting_state.add(PrinterProblem::media_empty, "media-empty");
  FakeDriver driver(printer);
  TestRenderer renderer;
  const Delivery d = print_test_label(event, desk, driver, renderer, std::chrono::milliseconds(100));
  CHECK(d.outcome == DeliveryOutcome::cancelled);
  CHECK(d.detail == "not printed within 0 s: media-empty");
  desk.template_id.clear();
  CHECK(print_test_label(event, desk, driver, renderer, std::chrono::milliseconds(100)).outcome ==
        DeliveryOutcome::failed);
}
