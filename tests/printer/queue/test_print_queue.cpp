// The durable print queue with doubles at its edges: a scripted printer
// driver, a cheap renderer, a fake clock for back-off.
#include <catch2/catch.hpp>

#include <thread>

#include "printer/queue/render_adapter.hpp"
#include "printer/transport/file_transport.hpp"
#include "queue_fixtures.hpp"
#include "shared/base/files.hpp"

using namespace accueil;
using namespace accueil::printer;
using namespace accueil::testing;
using namespace std::chrono_literals;

namespace {

struct Harness {
  QueueStore store;
  FakeClock clock;
  Recorder recorder;
  std::map<std::string, std::shared_ptr<FakePrinter>> printers{{"desk", std::make_shared<FakePrinter>()},
                                                               {"spare", std::make_shared<FakePrinter>()}};
  std::vector<PrinterConfig> configs{printer_config("desk", "spare"), printer_config("spare")};
  std::atomic<int> renders{0};

  PrintQueueOptions options() {
    PrintQueueOptions o;
    o.store_path = store.path;
    o.printers = configs;
    o.clock = &clock;
    o.renderer = test_renderer(&renders);
    o.drivers = fake_drivers(printers);
    o.listener = recorder.listener();
    o.check_troubled_ms = 20;
    o.check_idle_ms = 0;
    return o;
  }
  std::unique_ptr<PrintQueue> start() { return start(options()); }
  std::unique_ptr<PrintQueue> start(PrintQueueOptions o) {
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
};

PrinterState trouble(PrinterProblem p, std::string detail) {
  PrinterState s;
  s.add(p, std::move(detail));
  return s;
}

}  // namespace

TEST_CASE("a submitted badge is queued durably, sent and printed; the listener hears each step", "[queue]") {
  Harness h;
  auto queue = h.start();
  auto id = queue->submit({.attendee_id = h.store.attendees[0].id, .printer = "desk"});
  REQUIRE(id);
  REQUIRE(h.recorder.wait_state(*id, RequestState::printed));
  CHECK(h.recorder.states_of(*id) ==
        std::vector<RequestState>{RequestState::queued, RequestState::sending, RequestState::printed});
  const RequestRecord r = h.row(*id);
  CHECK(r.state == RequestState::printed);
  CHECK(r.printer == "desk");
  CHECK(r.finished_ms.has_value());
  REQUIRE(h.desk().delivered_now().size() == 1);
  CHECK_THAT(h.desk().delivered_now()[0], Catch::Contains("Moncond'huy-1"));
  CHECK(h.spare().delivered_now().empty());
}

TEST_CASE("submit refuses an unknown printer or attendee, saying which", "[queue]") {
  Harness h;
  auto queue = h.start();
  auto no_printer = queue->submit({.attendee_id = h.store.attendees[0].id, .printer = "lobby"});
  REQUIRE_FALSE(no_printer);
  CHECK_THAT(no_printer.error().message, Catch::Contains("lobby") && Catch::Contains("desk, spare"));
  auto nobody = queue->submit({.attendee_id = "not-an-attendee", .printer = "desk"});
  REQUIRE_FALSE(nobody);
  CHECK_THAT(nobody.error().message, Catch::Contains("not-an-attendee"));
}

TEST_CASE("one print queue per store", "[queue]") {
  Harness h;
  CHECK_FALSE(PrintQueue::runs_elsewhere(h.options().store_path));  // nobody yet
  {
    auto first = h.start();
    CHECK(PrintQueue::runs_elsewhere(h.options().store_path));
    auto second = PrintQueue::start(h.options());
    REQUIRE_FALSE(second);
    CHECK_THAT(second.error().message, Catch::Contains("another program runs the print queue"));
  }
  CHECK_FALSE(PrintQueue::runs_elsewhere(h.options().store_path));  // stopped: the lock is free
}

TEST_CASE("a printer without labels: the request waits with back-off, in the vocabulary, then prints", "[queue]") {
  Harness h;
  h.configs = {printer_config("desk")};  // no failover
  h.desk().refuse_before_sending = true;
  h.desk().script.push_back({DeliveryOutcome::retry, PrinterProblem::media_empty, "Brother error information 1, bit 0: no media"});
  auto queue = h.start();
  auto id = queue->submit({.attendee_id = h.store.attendees[0].id, .printer = "desk"});
  REQUIRE(id);
  REQUIRE(h.recorder.wait_request(
      [&](const RequestUpdate& u) { return u.id == *id && u.problem == PrinterProblem::media_empty; }));
  RequestRecord r = h.row(*id);
  CHECK(r.state == RequestState::queued);
  CHECK(r.attempts == 1);
  CHECK(r.problem == PrinterProblem::media_empty);
  CHECK(r.next_attempt_ms == h.clock.now_ms() + 1000);
  CHECK(queue->printer_state("desk")->main_problem() == PrinterProblem::media_empty);

  // Not before its time: the fake clock has not moved.
  std::this_thread::sleep_for(100ms);
  CHECK(h.row(*id).state == RequestState::queued);
  CHECK(h.desk().delivered_now().empty());

  h.clock.advance(1000);
  queue->wake();
  REQUIRE(h.recorder.wait_state(*id, RequestState::printed));
  CHECK(h.desk().delivered_now().size() == 1);
}

TEST_CASE("a printer plugged in again is checked at once and takes the badge waiting in back-off", "[queue]") {
  Harness h;
  h.configs = {printer_config("desk")};  // no failover
  h.desk().set_state(trouble(PrinterProblem::offline, "USB printer Brother QL is not connected"));
  h.desk().refuse_before_sending = true;
  h.desk().script.push_back({DeliveryOutcome::retry, PrinterProblem::offline, "USB printer Brother QL is not connected"});
  auto queue = h.start();
  REQUIRE(h.recorder.wait_printer(
      [](const PrinterUpdate& u) { return u.printer == "desk" && u.state.main_problem() == PrinterProblem::offline; }));
  auto id = queue->submit({.attendee_id = h.store.attendees[0].id, .printer = "desk"});
  REQUIRE(id);
  REQUIRE(h.recorder.wait_request([&](const RequestUpdate& u) { return u.id == *id && u.attempts == 1; }));
  const std::int64_t due = h.row(*id).next_attempt_ms;
  CHECK(due == h.clock.now_ms() + 1000);
  int checks_before = 0;
  {
    std::lock_guard lock(h.desk().mutex);
    checks_before = h.desk().checks;
  }

  // Without a hotplug nothing moves: the fake clock stands still.
  std::this_thread::sleep_for(50ms);
  CHECK(h.row(*id).state == RequestState::queued);
  CHECK(h.desk().delivered_now().empty());

  // Plugged in: the transport calls back; the clock still stands still.
  h.desk().set_state({});
  REQUIRE(h.desk().fire_changed());
  REQUIRE(h.recorder.wait_printer([](const PrinterUpdate& u) { return u.printer == "desk" && u.state.ready(); }));
  REQUIRE(h.recorder.wait_state(*id, RequestState::printed));
  CHECK(h.clock.now_ms() < due);
  CHECK(queue->printer_state("desk")->ready());
  CHECK(h.desk().delivered_now().size() == 1);
  std::lock_guard lock(h.desk().mutex);
  CHECK(h.desk().checks > checks_before);
}

TEST_CASE("a hotplug while the printer is still in trouble does not end the back-off", "[queue]") {
  Harness h;
  h.configs = {printer_config("desk")};
  h.desk().set_state(trouble(PrinterProblem::offline, "not connected"));
  h.desk().refuse_before_sending = true;
  h.desk().script.push_back({DeliveryOutcome::retry, PrinterProblem::offline, "not connected"});
  auto queue = h.start();
  auto id = queue->submit({.attendee_id = h.store.attendees[0].id, .printer = "desk"});
  REQUIRE(id);
  REQUIRE(h.recorder.wait_request([&](const RequestUpdate& u) { return u.id == *id && u.attempts == 1; }));
  int checks_before = 0;
  {
    std::lock_guard lock(h.desk().mutex);
    checks_before = h.desk().checks;
  }
  REQUIRE(h.desk().fire_changed());  // another device on the bus: the printer is still away
  for (int i = 0; i < 200; ++i) {
    {
      std::lock_guard lock(h.desk().mutex);
      if (h.desk().checks > checks_before) break;
    }
    std::this_thread::sleep_for(5ms);
  }
  std::this_thread::sleep_for(50ms);
  {
    std::lock_guard lock(h.desk().mutex);
    CHECK(h.desk().checks > checks_before);
  }
  const RequestRecord r = h.row(*id);
  CHECK(r.state == RequestState::queued);
  CHECK(r.attempts == 1);
  CHECK(r.next_attempt_ms == h.clock.now_ms() + 1000);
  CHECK(h.desk().delivered_now().empty());
}

TEST_CASE("a due badge goes to the driver without a timed state check first", "[queue]") {
  Harness h;
  auto o = h.options();
  // Long enough, on both clocks, that the worker sleeps until woken: it must
  // not look between the request and the clock's step (a race, not the case).
  o.check_idle_ms = 60'000;
  o.store_poll_ms = 60'000;
  auto queue = h.start(std::move(o));
  REQUIRE(h.recorder.wait_printer([](const PrinterUpdate& u) { return u.printer == "desk" && u.state.ready(); }));
  {
    std::lock_guard lock(h.desk().mutex);
    REQUIRE(h.desk().checks == 1);
  }
  // Queued unseen (as accueilctl does), then the timed check falls due with it.
  Store other = h.store.open();
  auto id = queue_request(other, h.configs, {.attendee_id = h.store.attendees[0].id, .printer = "desk"},
                          h.clock.now_ms());
  REQUIRE(id);
  h.clock.advance(120'000);
  queue->wake();
  REQUIRE(h.recorder.wait_state(*id, RequestState::printed));
  std::this_thread::sleep_for(20ms);
  std::lock_guard lock(h.desk().mutex);
  CHECK(h.desk().checks == 1);  // the driver's deliver() asks the printer itself
}

TEST_CASE("back-off grows by its factor up to its maximum", "[queue]") {
  BackoffOptions b{.first_ms = 500, .max_ms = 5000, .factor = 2.0, .max_attempts = 0};
  CHECK(backoff_ms(b, 1) == 500);
  CHECK(backoff_ms(b, 2) == 1000);
  CHECK(backoff_ms(b, 4) == 4000);
  CHECK(backoff_ms(b, 5) == 5000);
  CHECK(backoff_ms(b, 50) == 5000);
}

TEST_CASE("after max_attempts the request fails with the last reason", "[queue]") {
  Harness h;
  h.configs = {printer_config("desk")};
  h.desk().refuse_before_sending = true;
  for (int i = 0; i < 3; ++i) h.desk().script.push_back({DeliveryOutcome::retry, PrinterProblem::offline, "not connected"});
  auto o = h.options();
  o.backoff = BackoffOptions{.first_ms = 0, .max_ms = 0, .factor = 1, .max_attempts = 2};
  auto queue = h.start(std::move(o));
  auto id = queue->submit({.attendee_id = h.store.attendees[0].id, .printer = "desk"});
  REQUIRE(id);
  REQUIRE(h.recorder.wait_state(*id, RequestState::failed));
  const RequestRecord r = h.row(*id);
  CHECK(r.problem == PrinterProblem::offline);
  CHECK_THAT(r.detail, Catch::Contains("not connected") && Catch::Contains("gave up after 2 attempts"));
}

TEST_CASE("a printer that cannot print hands the badge to its failover printer", "[queue]") {
  Harness h;
  h.desk().refuse_before_sending = true;
  h.desk().script.push_back({DeliveryOutcome::retry, PrinterProblem::offline, "USB printer Brother QL is not connected"});
  auto queue = h.start();
  auto id = queue->submit({.attendee_id = h.store.attendees[1].id, .printer = "desk"});
  REQUIRE(id);
  REQUIRE(h.recorder.wait_state(*id, RequestState::printed));
  const RequestRecord r = h.row(*id);
  CHECK(r.printer == "spare");
  CHECK(r.requested_printer == "desk");
  CHECK(h.spare().delivered_now().size() == 1);
  CHECK(h.desk().delivered_now().empty());
  CHECK(h.recorder.wait_request([&](const RequestUpdate& u) {
    return u.id == *id && u.printer == "spare" && u.state == RequestState::queued &&
           u.problem == PrinterProblem::offline && u.detail.find("sent to spare") != std::string::npos;
  }));
}

TEST_CASE("a badge for a printer known to be in trouble goes straight to its failover", "[queue]") {
  Harness h;
  h.desk().set_state(trouble(PrinterProblem::cover_open, "cover open"));
  auto queue = h.start();
  REQUIRE(h.recorder.wait_printer(
      [](const PrinterUpdate& u) { return u.printer == "desk" && u.state.main_problem() == PrinterProblem::cover_open; }));
  auto id = queue->submit({.attendee_id = h.store.attendees[0].id, .printer = "desk"});
  REQUIRE(id);
  REQUIRE(h.recorder.wait_state(*id, RequestState::printed));
  CHECK(h.row(*id).printer == "spare");
  CHECK(h.desk().delivered_now().empty());
}

TEST_CASE("with its failover in trouble too, the request stays queued and prints when a printer is back", "[queue]") {
  Harness h;
  h.desk().set_state(trouble(PrinterProblem::media_empty, "no media"));
  h.spare().set_state(trouble(PrinterProblem::offline, "not connected"));
  h.desk().refuse_before_sending = true;
  h.desk().script.push_back({DeliveryOutcome::retry, PrinterProblem::media_empty, "no media"});
  auto queue = h.start();
  REQUIRE(h.recorder.wait_printer([](const PrinterUpdate& u) { return u.printer == "spare" && !u.state.ready(); }));
  auto id = queue->submit({.attendee_id = h.store.attendees[0].id, .printer = "desk"});
  REQUIRE(id);
  REQUIRE(h.recorder.wait_request([&](const RequestUpdate& u) { return u.id == *id && u.attempts == 1; }));
  CHECK(h.row(*id).state == RequestState::queued);

  h.desk().set_state({});  // labels loaded
  h.clock.advance(1000);
  queue->wake();
  REQUIRE(h.recorder.wait_state(*id, RequestState::printed));
  CHECK(h.row(*id).printer == "desk");
}

TEST_CASE("a troubled printer is checked again and again with no job, and comes back by itself", "[queue]") {
  Harness h;
  h.desk().set_state(trouble(PrinterProblem::media_empty, "no media"));
  auto queue = h.start();
  REQUIRE(h.recorder.wait_printer(
      [](const PrinterUpdate& u) { return u.printer == "desk" && u.state.main_problem() == PrinterProblem::media_empty; }));
  CHECK(queue->printer_states().at("desk").main_problem() == PrinterProblem::media_empty);
  h.clock.advance(20);
  h.desk().set_state({});
  // The fake clock drives the checks: move it until the worker has looked again.
  for (int i = 0; i < 100 && !queue->printer_states().at("desk").ready(); ++i) {
    h.clock.advance(20);
    queue->wake();
    std::this_thread::sleep_for(5ms);
  }
  CHECK(queue->printer_states().at("desk").ready());
  std::lock_guard lock(h.desk().mutex);
  CHECK(h.desk().checks >= 2);
}

TEST_CASE("cancelling a queued request ends it at once; it is never sent", "[queue]") {
  Harness h;
  h.configs = {printer_config("desk")};
  h.desk().refuse_before_sending = true;
  h.desk().script.push_back({DeliveryOutcome::retry, PrinterProblem::offline, "not connected"});
  auto queue = h.start();
  auto id = queue->submit({.attendee_id = h.store.attendees[0].id, .printer = "desk"});
  REQUIRE(id);
  REQUIRE(h.recorder.wait_request([&](const RequestUpdate& u) { return u.id == *id && u.attempts == 1; }));
  auto cancelled = queue->cancel(*id);
  REQUIRE(cancelled);
  CHECK(*cancelled == CancelResult::cancelled);
  CHECK(h.recorder.wait_state(*id, RequestState::cancelled));
  h.clock.advance(60'000);
  queue->wake();
  std::this_thread::sleep_for(50ms);
  CHECK(h.desk().delivered_now().empty());
  CHECK(h.row(*id).state == RequestState::cancelled);
  CHECK(*queue->cancel(*id) == CancelResult::too_late);
}

TEST_CASE("trouble while a job waits reaches the listener; clearing it lets the badge print", "[queue]") {
  Harness h;
  h.desk().hold = true;
  h.desk().waiting_state = trouble(PrinterProblem::media_empty, "CUPS queue Badges reports media-empty-warning");
  auto queue = h.start();
  auto id = queue->submit({.attendee_id = h.store.attendees[0].id, .printer = "desk"});
  REQUIRE(id);
  REQUIRE(h.recorder.wait_request([&](const RequestUpdate& u) {
    return u.id == *id && u.state == RequestState::sending && u.problem == PrinterProblem::media_empty;
  }));
  CHECK(h.row(*id).problem == PrinterProblem::media_empty);
  CHECK(queue->printer_state("desk")->main_problem() == PrinterProblem::media_empty);
  {
    std::lock_guard lock(h.desk().mutex);
    h.desk().waiting_state = {};
  }
  REQUIRE(h.recorder.wait_request([&](const RequestUpdate& u) {
    return u.id == *id && u.state == RequestState::sending && u.problem == PrinterProblem::none;
  }));
  h.desk().release();
  REQUIRE(h.recorder.wait_state(*id, RequestState::printed));
  CHECK(h.spare().delivered_now().empty());  // a job on its way is not moved
}

TEST_CASE("cancelling a request while it is sent stops it and reports it cancelled", "[queue]") {
  Harness h;
  h.desk().hold = true;
  auto queue = h.start();
  auto id = queue->submit({.attendee_id = h.store.attendees[0].id, .printer = "desk"});
  REQUIRE(id);
  REQUIRE(h.recorder.wait_state(*id, RequestState::sending));
  auto asked = queue->cancel(*id);
  REQUIRE(asked);
  CHECK(*asked == CancelResult::requested);
  REQUIRE(h.recorder.wait_state(*id, RequestState::cancelled));
  CHECK(h.row(*id).state == RequestState::cancelled);
}

TEST_CASE("a badge that cannot be drawn fails with the renderer's reason", "[queue]") {
  Harness h;
  auto queue = h.start();
  auto id = queue->submit({.attendee_id = h.store.attendees[0].id, .printer = "desk", .template_id = "broken"});
  REQUIRE(id);
  REQUIRE(h.recorder.wait_state(*id, RequestState::failed));
  CHECK_THAT(h.row(*id).detail, Catch::Contains("cannot be drawn") && Catch::Contains("template broken"));
  CHECK(h.desk().delivered_now().empty());
}

TEST_CASE("a reprint is a new request with its reason, recorded in the check-in log", "[queue]") {
  Harness h;
  auto queue = h.start();
  const Attendee& a = h.store.attendees[2];
  auto first = queue->submit({.attendee_id = a.id, .printer = "desk"});
  REQUIRE(first);
  REQUIRE(h.recorder.wait_state(*first, RequestState::printed));
  CheckinContext where{.day = 2, .kiosk = "accueil-3", .operator_name = "Inès", .now_ms = 0};
  auto again = queue->submit({.attendee_id = a.id, .printer = "desk", .reprint_reason = "badge lost",
                              .reprint_context = where});
  REQUIRE(again);
  REQUIRE(h.recorder.wait_state(*again, RequestState::printed));
  const RequestRecord r = h.row(*again);
  CHECK(r.reprint_of == *first);
  CHECK(r.reason == "badge lost");
  CHECK(h.desk().delivered_now().size() == 2);

  Store s = h.store.open();
  auto log = s.log_of(a.id);
  REQUIRE(log);
  REQUIRE(log->size() == 1);
  CHECK(log->front().kind == CheckinKind::reprint);
  CHECK(log->front().reason == "badge lost");
  CHECK(log->front().kiosk == "accueil-3");
  CHECK(log->front().operator_name == "Inès");
  CHECK(log->front().uuid == r.checkin_uuid);
}

TEST_CASE("after a crash, a request found sending is never sent again by itself", "[queue][recovery]") {
  Harness h;
  RequestId cut = 0, with_job = 0, queued = 0;
  {
    Store s = h.store.open();
    RequestStore requests(s);
    const std::int64_t t = h.clock.now_ms();  // just before the crash: young enough to print
    cut = *requests.insert({h.store.attendees[0].id, "desk", "", {}, "", ""}, t - 6);
    REQUIRE(*requests.start_sending(cut, "desk", t - 5));
    with_job = *requests.insert({h.store.attendees[1].id, "desk", "", {}, "", ""}, t - 4);
    REQUIRE(*requests.start_sending(with_job, "desk", t - 3));
    REQUIRE(requests.record_job(with_job, 41, "Badges", t - 2));
    queued = *requests.insert({h.store.attendees[2].id, "desk", "", {}, "", ""}, t - 1);
  }
  auto queue = h.start();
  REQUIRE(h.recorder.wait_state(cut, RequestState::failed));
  const RequestRecord r = h.row(cut);
  CHECK_THAT(r.detail, Catch::Contains("check whether it printed") && Catch::Contains("reprint"));

  // With a recorded job, the job's state decides: here the fake says completed.
  REQUIRE(h.recorder.wait_state(with_job, RequestState::printed));
  {
    std::lock_guard lock(h.desk().mutex);
    CHECK(h.desk().resumed == std::vector<int>{41});
  }
  // A request still queued is simply sent.
  REQUIRE(h.recorder.wait_state(queued, RequestState::printed));
  REQUIRE(h.desk().delivered_now().size() == 1);
  CHECK_THAT(h.desk().delivered_now()[0], Catch::Contains("Moncond'huy-3"));
}

TEST_CASE("a job still waiting when the queue stops is followed again at the next start", "[queue][recovery]") {
  Harness h;
  h.desk().hold = true;
  h.desk().job_to_record = 77;
  RequestId id = 0;
  {
    auto queue = h.start();
    auto submitted = queue->submit({.attendee_id = h.store.attendees[0].id, .printer = "desk"});
    REQUIRE(submitted);
    id = *submitted;
    REQUIRE(h.recorder.wait_state(id, RequestState::sending));
    queue->stop();
  }
  CHECK(h.desk().failures_now().empty());
  RequestRecord r = h.row(id);
  CHECK(r.state == RequestState::sending);
  CHECK(r.job_id == 77);
  h.desk().job_to_record.reset();
  auto queue = h.start();
  REQUIRE(h.recorder.wait_state(id, RequestState::printed));
  std::lock_guard lock(h.desk().mutex);
  CHECK(h.desk().resumed == std::vector<int>{77});
  CHECK(h.desk().delivered.size() == 1);  // sent once, before the stop
}

TEST_CASE("a real file printer gets the encoded Brother job", "[queue]") {
  Harness h;
  const auto out = h.store.dir.path / "desk.prn";
  PrinterConfig desk = printer_config("desk");
  desk.uri = *parse_printer_uri(fmt::format("file:{}:brother-ql-820nwb", out.string()));
  auto o = h.options();
  o.printers = {desk};
  o.drivers = {};  // the real ones
  auto queue = h.start(std::move(o));
  auto id = queue->submit({.attendee_id = h.store.attendees[0].id, .printer = "desk"});
  REQUIRE(id);
  REQUIRE(h.recorder.wait_state(*id, RequestState::printed));
  auto bytes = read_file(out);
  REQUIRE(bytes);
  CHECK(bytes->size() > 400);
  CHECK(bytes->substr(400, 2) == "\x1b@");  // 400 NUL invalidate bytes (QL-800 series), then ESC @
  CHECK(bytes->back() == '\x1a');           // the last page's print command: Ctrl-Z
}

TEST_CASE("a cancel another process writes to the store stops a request being sent", "[queue]") {
  Harness h;
  h.desk().hold = true;
  auto queue = h.start();
  auto id = queue->submit({.attendee_id = h.store.attendees[0].id, .printer = "desk"});
  REQUIRE(id);
  REQUIRE(h.recorder.wait_state(*id, RequestState::sending));
  Store other = h.store.open();  // as accueilctl print-queue --cancel does
  CHECK(*RequestStore(other).cancel(*id, 1) == CancelResult::requested);
  REQUIRE(h.recorder.wait_state(*id, RequestState::cancelled));
  CHECK(h.row(*id).state == RequestState::cancelled);
}

// --- The reception list (issue 15) -------------------------------------------------------

namespace {

// A request written to the store before the queue starts (a crash, a restart).
RequestId queued_before_start(Harness& h, std::size_t who, const std::string& printer) {
  Store s = h.store.open();
  auto id = queue_request(s, h.configs, {.attendee_id = h.store.attendees[who].id, .printer = printer}, h.clock.now_ms());
  REQUIRE(id);
  return *id;
}

}  // namespace

TEST_CASE("after a restart, a request older than its printer's max wait goes to the reception list, not the printer",
          "[queue][reception]") {
  Harness h;
  h.configs = {printer_config("desk")};
  h.configs[0].max_wait_ms = 60'000;
  const RequestId old_one = queued_before_start(h, 0, "desk");
  h.clock.advance(30'000);
  const RequestId young = queued_before_start(h, 1, "desk");
  h.clock.advance(31'000);  // the first waited 61 s, the second 31 s
  auto queue = h.start();
  REQUIRE(h.recorder.wait_state(old_one, RequestState::reception));
  REQUIRE(h.recorder.wait_state(young, RequestState::printed));
  const RequestRecord r = h.row(old_one);
  CHECK(r.state == RequestState::reception);
  CHECK_THAT(r.detail, Catch::Contains("waited 61 s for printer desk") && Catch::Contains("max_wait_s of 60 s"));
  REQUIRE(h.desk().delivered_now().size() == 1);
  CHECK_THAT(h.desk().delivered_now()[0], Catch::Contains("Moncond'huy-2"));
}

TEST_CASE("a request whose attendee was served meanwhile does not print", "[queue][reception]") {
  Harness h;
  h.configs = {printer_config("desk")};
  const RequestId first = queued_before_start(h, 0, "desk");
  h.clock.advance(1'000);
  {
    Store s = h.store.open();
    RequestStore requests(s);
    // Another badge for the same person, printed since (a desk's reprint on
    // another printer, say), then one handed at reception for the second person.
    auto later = requests.insert({h.store.attendees[0].id, "elsewhere", "", {}, "", ""}, h.clock.now_ms());
    REQUIRE(later);
    REQUIRE(*requests.finish(*later, RequestState::printed, PrinterProblem::none, "", h.clock.now_ms()));
  }
  const RequestId second = queued_before_start(h, 1, "desk");
  {
    Store s = h.store.open();
    RequestStore requests(s);
    NewRequest n{h.store.attendees[1].id, "desk", "", {}, "", ""};
    n.at_reception = true;
    auto there = requests.insert(n, h.clock.now_ms() + 1);
    REQUIRE(there);
    REQUIRE(*requests.hand_over(*there, "handed at reception", h.clock.now_ms() + 2));
  }
  auto queue = h.start();
  REQUIRE(h.recorder.wait_state(first, RequestState::reception));
  REQUIRE(h.recorder.wait_state(second, RequestState::reception));
  CHECK_THAT(h.row(first).detail, Catch::Contains("printed for the attendee meanwhile, on elsewhere"));
  CHECK_THAT(h.row(second).detail, Catch::Contains("handed at reception meanwhile"));
  CHECK(h.desk().delivered_now().empty());
}

TEST_CASE("handed to reception while its job waits: the job is stopped and nothing prints when the printer is back",
          "[queue][reception]") {
  Harness h;
  h.configs = {printer_config("desk")};
  h.desk().hold = true;
  h.desk().waiting_state = trouble(PrinterProblem::media_empty, "media-empty");
  auto queue = h.start();
  auto id = queue->submit({.attendee_id = h.store.attendees[0].id, .printer = "desk"});
  REQUIRE(id);
  REQUIRE(h.recorder.wait_request(
      [&](const RequestUpdate& u) { return u.id == *id && u.problem == PrinterProblem::media_empty; }));
  auto moved = queue->to_reception(*id, "kiosk e2e: told to collect it at reception");
  REQUIRE(moved);
  CHECK(*moved == HandoverResult::requested);
  REQUIRE(h.recorder.wait_state(*id, RequestState::reception));
  const RequestRecord r = h.row(*id);
  CHECK(r.state == RequestState::reception);
  CHECK_THAT(r.detail, Catch::Contains("told to collect it at reception") && Catch::Contains("cancelled while waiting"));
  h.desk().release();  // labels loaded
  queue->wake();
  std::this_thread::sleep_for(100ms);
  CHECK(h.row(*id).state == RequestState::reception);
  CHECK(h.desk().delivered_now().size() == 1);  // the one job, stopped; not sent again
  CHECK(h.recorder.states_of(*id).back() == RequestState::reception);
}

TEST_CASE("handed to reception from another process: the queue's worker sees it in the store", "[queue][reception]") {
  Harness h;
  h.configs = {printer_config("desk")};
  h.desk().hold = true;
  h.desk().waiting_state = trouble(PrinterProblem::cover_open, "cover open");
  auto queue = h.start();
  auto id = queue->submit({.attendee_id = h.store.attendees[0].id, .printer = "desk"});
  REQUIRE(id);
  REQUIRE(h.recorder.wait_state(*id, RequestState::sending));
  {
    Store s = h.store.open();
    CHECK(*RequestStore(s).to_reception(*id, "accueilctl reception take", h.clock.now_ms()) == HandoverResult::requested);
  }
  REQUIRE(h.recorder.wait_state(*id, RequestState::reception, 5000));
  CHECK(h.row(*id).state == RequestState::reception);
}

TEST_CASE("a job held by printer trouble past the printer's max wait goes to the reception list", "[queue][reception]") {
  Harness h;
  h.configs = {printer_config("desk")};
  h.configs[0].max_wait_ms = 60'000;
  h.desk().hold = true;
  h.desk().waiting_state = trouble(PrinterProblem::media_empty, "media-empty");
  auto queue = h.start();
  auto id = queue->submit({.attendee_id = h.store.attendees[0].id, .printer = "desk"});
  REQUIRE(id);
  REQUIRE(h.recorder.wait_request(
      [&](const RequestUpdate& u) { return u.id == *id && u.problem == PrinterProblem::media_empty; }));
  std::this_thread::sleep_for(50ms);
  CHECK(h.row(*id).state == RequestState::sending);  // within its wait: it waits
  h.clock.advance(61'000);
  REQUIRE(h.recorder.wait_state(*id, RequestState::reception));
  CHECK_THAT(h.row(*id).detail, Catch::Contains("more than its max_wait_s of 60 s"));
}

TEST_CASE("a badge for a printer known to be down goes straight to the reception list", "[queue][reception]") {
  Harness h;
  h.configs = {printer_config("desk")};
  auto queue = h.start();
  auto id = queue->submit({.attendee_id = h.store.attendees[0].id, .printer = "desk", .to_reception = true,
                           .reception_reason = "printer desk is out of labels"});
  REQUIRE(id);
  REQUIRE(h.recorder.wait_state(*id, RequestState::reception));
  std::this_thread::sleep_for(100ms);
  CHECK(h.row(*id).state == RequestState::reception);
  CHECK(h.row(*id).detail == "printer desk is out of labels");
  CHECK(h.desk().delivered_now().empty());

  // A person prints it: it prints, once, though it was created long ago.
  h.clock.advance(PrinterConfig::k_default_max_wait_ms * 2);
  {
    Store s = h.store.open();
    REQUIRE(*RequestStore(s).release(*id, "desk", "printed from the reception list", h.clock.now_ms()));
  }
  queue->wake();
  REQUIRE(h.recorder.wait_state(*id, RequestState::printed));
  CHECK(h.desk().delivered_now().size() == 1);
}

TEST_CASE("the queue says in the store which printers it serves, with a heartbeat", "[queue][holder]") {
  Harness h;
  {
    Store s = h.store.open();
    CHECK_FALSE(queue_holder(s).value());
  }
  PrintQueueOptions o = h.options();
  o.heartbeat_ms = 20;
  o.program = "accueil kiosk e2e";
  auto queue = h.start(std::move(o));
  Store s = h.store.open();
  auto holder = queue_holder(s);
  REQUIRE(holder);
  REQUIRE(*holder);
  CHECK((*holder)->program == "accueil kiosk e2e");
  CHECK((*holder)->printers == std::vector<std::string>{"desk", "spare"});
  CHECK((*holder)->serves("spare"));
  CHECK_FALSE((*holder)->serves("lobby"));
  const std::int64_t first_beat = (*holder)->heartbeat_ms;
  h.clock.advance(5'000);
  bool beat = false;
  for (int i = 0; i < 100 && !beat; ++i) {
    std::this_thread::sleep_for(10ms);
    beat = queue_holder(s).value().value().heartbeat_ms > first_beat;
  }
  CHECK(beat);
  queue->stop();
  CHECK_FALSE(queue_holder(s).value());  // gone with the queue
}

TEST_CASE("a badge with a name no font fully draws prints, and the request says what it left out", "[queue][render]") {
  Harness h;
  {
    Store s = h.store.open();
    Attendee a = make_attendee("R-EMOJI", "Zoé \U0001F600", "Lefèvre");
    REQUIRE(s.insert_attendee(a, AttendeeSource::import));
    h.store.attendees.push_back(a);
  }
  const auto out = h.store.dir.path / "desk.prn";
  PrinterConfig desk = printer_config("desk");
  desk.uri = *parse_printer_uri(fmt::format("file:{}:brother-ql-820nwb", out.string()));
  auto o = h.options();
  o.printers = {desk};
  o.drivers = {};                                                           // the real ones
  o.renderer = badge_renderers({ACCUEIL_SOURCE_DIR "/assets/badges", {}});  // the real badge
  auto queue = h.start(std::move(o));
  auto id = queue->submit({.attendee_id = h.store.attendees.back().id, .printer = "desk"});
  REQUIRE(id);
  REQUIRE(h.recorder.wait_state(*id, RequestState::printed));
  const RequestRecord r = h.row(*id);
  CHECK(r.state == RequestState::printed);
  const auto warnings = request_warnings(r.detail);
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0], Catch::Contains("U+1F600") && Catch::Contains("printed as \"Zoé\""));
  auto bytes = read_file(out);
  REQUIRE(bytes);
  CHECK(bytes->back() == '\x1a');  // a whole job went to the printer
}
