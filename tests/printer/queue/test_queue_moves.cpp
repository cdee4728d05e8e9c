// A move asked at the desk while the badge's job waits at a printer in
// trouble (request_moves.hpp): the print queue finishes it, in the same run
// or after a restart, and the badge comes out at one printer only.
#include <catch2/catch.hpp>

#include <thread>

#include "printer/queue/request_moves.hpp"
#include "queue_fixtures.hpp"

using namespace accueil;
using namespace accueil::printer;
using namespace accueil::testing;
using namespace std::chrono_literals;

namespace {

struct Moves {
  QueueStore store;
  FakeClock clock;
  Recorder recorder;
  std::map<std::string, std::shared_ptr<FakePrinter>> printers{{"desk", std::make_shared<FakePrinter>()},
                                                               {"spare", std::make_shared<FakePrinter>()}};
  std::vector<PrinterConfig> configs{printer_config("desk"), printer_config("spare")};

  std::unique_ptr<PrintQueue> start() {
    PrintQueueOptions o;
    o.store_path = store.path;
    o.printers = configs;
    o.clock = &clock;
    o.renderer = test_renderer(nullptr);
    o.drivers = fake_drivers(printers);
    o.listener = recorder.listener();
    o.check_troubled_ms = 20;
    o.check_idle_ms = 0;
    auto q = PrintQueue::start(std::move(o));
    REQUIRE(q);
    return std::move(*q);
  }
  FakePrinter& desk() { return *printers["desk"]; }
  FakePrinter& spare() { return *printers["spare"]; }
  RequestRecord row(RequestId id) {
    Store s = store.open();
    auto r = RequestStore(s).get(id);
    REQUIRE(r);
    REQUIRE(*r);
    return **r;
  }
  // What the desk does, on a connection of its own (as the desk's store worker).
  MoveResult move(RequestId id, std::string to) {
    Store s = store.open();
    auto done = move_request(s, configs, id, to, "moved to " + to + " at the desk by Camille", clock.now_ms());
    REQUIRE(done);
    return *done;
  }
  // A request left 'sending' with CUPS job 41 recorded and a move to spare
  // asked, as a queue killed after the move leaves it.
  RequestId killed_after_move() {
    Store s = store.open();
    RequestStore requests(s);
    auto id = requests.insert({store.attendees[0].id, "desk", "", {}, "", ""}, clock.now_ms());
    REQUIRE(id);
    REQUIRE(requests.start_sending(*id, "desk", clock.now_ms()).value());
    REQUIRE(requests.record_job(*id, 41, "FakeQueue", clock.now_ms()));
    REQUIRE(move_request(s, configs, *id, "spare", "moved to spare at the desk by Camille", clock.now_ms()).value() ==
            MoveResult::stopping);
    return *id;
  }
};

PrinterState media_empty() {
  PrinterState s;
  s.add(PrinterProblem::media_empty, "media-empty");
  return s;
}

}  // namespace

TEST_CASE("a badge held at a printer in trouble, moved at the desk, prints once on the other", "[queue][moves]") {
  Moves m;
  m.desk().hold = true;
  m.desk().waiting_state = media_empty();
  auto queue = m.start();
  auto id = queue->submit({.attendee_id = m.store.attendees[0].id, .printer = "desk"});
  REQUIRE(id);
  REQUIRE(m.recorder.wait_request(
      [&](const RequestUpdate& u) { return u.id == *id && u.problem == PrinterProblem::media_empty; }));
  CHECK(m.move(*id, "spare") == MoveResult::stopping);
  REQUIRE(m.recorder.wait_state(*id, RequestState::printed));
  const RequestRecord r = m.row(*id);
  CHECK(r.printer == "spare");
  CHECK(r.move_to.empty());
  CHECK(m.spare().delivered_now().size() == 1);
  m.desk().release();  // labels loaded: the stopped job does not come back
  queue->wake();
  std::this_thread::sleep_for(100ms);
  CHECK(m.desk().delivered_now().size() == 1);  // the one job, stopped
  CHECK(m.spare().delivered_now().size() == 1);
  CHECK(m.row(*id).state == RequestState::printed);
}

TEST_CASE("after a restart, a move asked before the crash is finished by the queue", "[queue][moves][recovery]") {
  Moves m;
  const RequestId id = m.killed_after_move();
  // The job at the printer: the restarted queue follows it, stops it (the
  // cancel asked is in the store), and takes the request to spare.
  m.desk().on_resume = [](int) { return Delivery{DeliveryOutcome::cancelled, PrinterProblem::none, "canceled"}; };
  auto queue = m.start();
  REQUIRE(m.recorder.wait_state(id, RequestState::printed));
  CHECK(m.desk().resumed == std::vector<int>{41});
  CHECK(m.desk().delivered_now().empty());
  CHECK(m.spare().delivered_now().size() == 1);
  const RequestRecord r = m.row(id);
  CHECK(r.printer == "spare");
  CHECK(r.state == RequestState::printed);
}

TEST_CASE("a job that printed before it could be stopped stays printed; the move is not done", "[queue][moves][recovery]") {
  Moves m;
  const RequestId id = m.killed_after_move();
  m.desk().on_resume = [](int) { return Delivery{DeliveryOutcome::printed, PrinterProblem::none, "CUPS job 41 completed"}; };
  auto queue = m.start();
  REQUIRE(m.recorder.wait_state(id, RequestState::printed));
  std::this_thread::sleep_for(100ms);
  CHECK(m.row(id).printer == "desk");
  CHECK(m.spare().delivered_now().empty());
}

TEST_CASE("a job that may have printed goes to the reception list, not to the other printer", "[queue][moves][recovery]") {
  Moves m;
  const RequestId id = m.killed_after_move();
  m.desk().on_resume = [](int) {
    return Delivery{DeliveryOutcome::failed, PrinterProblem::other, "aborted: check whether the badge printed"};
  };
  auto queue = m.start();
  REQUIRE(m.recorder.wait_state(id, RequestState::reception));
  std::this_thread::sleep_for(100ms);
  const RequestRecord r = m.row(id);
  CHECK(r.state == RequestState::reception);
  CHECK_THAT(r.detail, Catch::Contains("not moved to spare"));
  CHECK(r.move_to.empty());
  CHECK(m.spare().delivered_now().empty());
}
