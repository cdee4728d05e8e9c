// A printer language over a transport: status asked before the job, the job
// encoded and sent, Brother's "printing completed" awaited; trouble before
// the first byte leaves means nothing is sent.
#include <catch2/catch.hpp>

#include <array>
#include <deque>

#include "printer/encode/brother_ql.hpp"
#include "printer/queue/direct_driver.hpp"

using namespace accueil;
using namespace accueil::printer;

namespace {

// A transport that records what it is sent and answers from a script.
struct ScriptedTransport final : Transport {
  struct Log {
    std::vector<std::vector<std::uint8_t>> writes;
    std::deque<std::vector<std::uint8_t>> replies;  // one per read
    bool readable = true;
    std::optional<TransportError> fail_write;       // the next job-sized write fails so
    int opens = 0;
    int closes = 0;
  };
  std::shared_ptr<Log> log = std::make_shared<Log>();

  std::string describe() const override { return "scripted transport"; }
  TransportStatus open() override {
    ++log->opens;
    return {};
  }
  TransportStatus write(std::span<const std::uint8_t> bytes, const Interrupt& interrupt) override {
    if (bytes.size() > 1000 && interrupt && interrupt())
      return transport_fail(PrinterProblem::none, "stopped", 100);
    if (bytes.size() > 1000 && log->fail_write) {
      auto e = *log->fail_write;
      log->fail_write.reset();
      return std::unexpected(e);
    }
    log->writes.emplace_back(bytes.begin(), bytes.end());
    return {};
  }
  bool can_read() const override { return log->readable; }
  TransportResult<std::vector<std::uint8_t>> read(std::size_t, int) override {
    if (log->replies.empty()) return std::vector<std::uint8_t>{};
    auto r = log->replies.front();
    log->replies.pop_front();
    return r;
  }
  void close() override { ++log->closes; }
};

std::vector<std::uint8_t> brother_reply(std::uint8_t status_type, std::uint8_t err1 = 0, std::uint8_t err2 = 0) {
  std::vector<std::uint8_t> r(32, 0);
  r[0] = 0x80;  // print head mark
  r[1] = 0x20;  // size: 32
  r[2] = 'B';   // Brother
  r[3] = '4';   // series
  r[4] = 0x41;  // model code: QL-820NWB
  r[8] = err1;
  r[9] = err2;
  r[10] = 62;    // media width, mm
  r[11] = 0x0B;  // die-cut labels
  r[17] = 100;   // media length, mm
  r[18] = status_type;
  return r;
}

struct TestContext final : JobContext {
  bool allow = true;
  bool cancel = false;
  bool sent_flag = false;
  std::vector<PrinterState> states;
  Result<bool> sending() override {
    sent_flag = true;
    return allow;
  }
  Status job_created(int, std::string_view) override { return {}; }
  void waiting(const PrinterState& s) override { states.push_back(s); }
  bool cancel_requested() override { return cancel; }
  bool stopping() override { return false; }
  void pause(int) override {}
  std::string title() const override { return "Badge 1: test"; }
};

DirectOptions brother_options(std::optional<brother::Model> model = brother::Model::ql_820nwb) {
  DirectOptions o;
  o.language = LanguageSpec{Language::brother_ql, model, 300};
  o.media = *parse_media("62x100");
  o.status_timeout_ms = 50;
  o.completion_timeout_ms = 200;
  return o;
}

RenderedBadge badge_62x100() {
  RenderedBadge b;
  b.mono = MonoBitmap(696, 1109, 300);
  for (int x = 100; x < 600; ++x) b.mono.set_black(x, 500);
  return b;
}

}  // namespace

TEST_CASE("the target of a Brother QL with 62x100 labels is their printable area at 300 dpi", "[direct]") {
  auto t = std::make_unique<ScriptedTransport>();
  DirectDriver d(std::move(t), brother_options());
  const RenderTarget target = d.target();
  CHECK(target.format == RenderTarget::Format::mono);
  CHECK(target.mono.dpi == 300);
  CHECK(target.mono.width_dots == 696);
  CHECK(target.mono.height_dots == 1109);
}

TEST_CASE("the target of a Zebra at 203 dpi with 62x100 mm labels", "[direct]") {
  DirectOptions o;
  o.language = LanguageSpec{Language::zpl, std::nullopt, 203};
  o.media = *parse_media("62x100");
  DirectDriver d(std::make_unique<ScriptedTransport>(), o);
  CHECK(d.target().mono.width_dots == 496);  // 62 mm at 203 dpi
  CHECK(d.target().mono.height_dots == 799);
}

TEST_CASE("a Brother that says it has no labels gets nothing but the status request", "[direct]") {
  auto t = std::make_unique<ScriptedTransport>();
  auto log = t->log;
  log->replies.push_back(brother_reply(0x00, 0x01));  // error information 1, bit 0: no media
  DirectDriver d(std::move(t), brother_options());
  TestContext ctx;
  const Delivery result = d.deliver(badge_62x100(), ctx);
  CHECK(result.outcome == DeliveryOutcome::retry);
  CHECK(result.problem == PrinterProblem::media_empty);
  CHECK_FALSE(ctx.sent_flag);
  REQUIRE(log->writes.size() == 1);
  CHECK(log->writes[0] == brother::reset_and_status_request(brother::Model::ql_820nwb));
  REQUIRE_FALSE(ctx.states.empty());
  CHECK(ctx.states.back().main_problem() == PrinterProblem::media_empty);
}

TEST_CASE("a Brother that is ready gets the job, and the badge is printed when it says so", "[direct]") {
  auto t = std::make_unique<ScriptedTransport>();
  auto log = t->log;
  log->replies.push_back(brother_reply(0x00));  // ready
  log->replies.push_back(brother_reply(0x06));  // phase change: printing
  log->replies.push_back(brother_reply(0x01));  // printing completed
  DirectDriver d(std::move(t), brother_options());
  TestContext ctx;
  const Delivery result = d.deliver(badge_62x100(), ctx);
  CHECK(result.outcome == DeliveryOutcome::printed);
  CHECK(ctx.sent_flag);
  REQUIRE(log->writes.size() == 2);
  auto job = d.encode(badge_62x100().mono);
  REQUIRE(job);
  CHECK(log->writes[1] == *job);
  CHECK(log->closes >= 1);
}

TEST_CASE("a Brother that reports an error after the job: failed, the operator checks and reprints", "[direct]") {
  auto t = std::make_unique<ScriptedTransport>();
  auto log = t->log;
  log->replies.push_back(brother_reply(0x00));
  log->replies.push_back(brother_reply(0x02, 0x04));  // error occurred: cutter jam
  DirectDriver d(std::move(t), brother_options());
  TestContext ctx;
  const Delivery result = d.deliver(badge_62x100(), ctx);
  CHECK(result.outcome == DeliveryOutcome::failed);
  CHECK(result.problem == PrinterProblem::media_jam);
  CHECK_THAT(result.detail, Catch::Contains("reprint"));
}

TEST_CASE("a Brother that never confirms: failed, never sent again by itself", "[direct]") {
  auto t = std::make_unique<ScriptedTransport>();
  t->log->replies.push_back(brother_reply(0x00));
  DirectDriver d(std::move(t), brother_options());
  TestContext ctx;
  const Delivery result = d.deliver(badge_62x100(), ctx);
  CHECK(result.outcome == DeliveryOutcome::failed);
  CHECK_THAT(result.detail, Catch::Contains("did not say the badge was printed"));
}

TEST_CASE("a printer that does not answer status requests is sent the job without waiting", "[direct]") {
  auto t = std::make_unique<ScriptedTransport>();
  auto log = t->log;
  DirectDriver d(std::move(t), brother_options());
  TestContext ctx;
  CHECK(d.deliver(badge_62x100(), ctx).outcome == DeliveryOutcome::printed);
  CHECK(log->writes.size() == 2);  // the status request, then the job
}

TEST_CASE("usb:brother-ql learns its model from the status reply", "[direct]") {
  auto t = std::make_unique<ScriptedTransport>();
  auto log = t->log;
  log->replies.push_back(brother_reply(0x00));
  log->replies.push_back(brother_reply(0x01));
  DirectDriver d(std::move(t), brother_options(std::nullopt));
  TestContext ctx;
  CHECK(d.deliver(badge_62x100(), ctx).outcome == DeliveryOutcome::printed);
  CHECK_THAT(d.describe(), Catch::Contains("QL-820NWB"));
  REQUIRE(log->writes.size() == 2);
  CHECK(log->writes[1] == d.encode(badge_62x100().mono).value());
}

TEST_CASE("a job cut short by the transport may go again: nothing complete reached the printer", "[direct]") {
  auto t = std::make_unique<ScriptedTransport>();
  t->log->readable = false;
  t->log->fail_write = TransportError{PrinterProblem::offline, "unplugged after 4096 of 9000 bytes", 4096};
  DirectDriver d(std::move(t), brother_options());
  TestContext ctx;
  const Delivery result = d.deliver(badge_62x100(), ctx);
  CHECK(result.outcome == DeliveryOutcome::retry);
  CHECK(result.problem == PrinterProblem::offline);
  CHECK_THAT(result.detail, Catch::Contains("unplugged"));
}

TEST_CASE("a cancel during the write: cancelled, the printer never got the print command", "[direct]") {
  auto t = std::make_unique<ScriptedTransport>();
  t->log->readable = false;
  DirectDriver d(std::move(t), brother_options());
  TestContext ctx;
  ctx.cancel = true;
  const Delivery result = d.deliver(badge_62x100(), ctx);
  CHECK(result.outcome == DeliveryOutcome::cancelled);
}

TEST_CASE("a request cancelled before its first byte is not sent", "[direct]") {
  auto t = std::make_unique<ScriptedTransport>();
  auto log = t->log;
  log->readable = false;
  DirectDriver d(std::move(t), brother_options());
  TestContext ctx;
  ctx.allow = false;
  CHECK(d.deliver(badge_62x100(), ctx).outcome == DeliveryOutcome::cancelled);
  CHECK(log->writes.empty());
}

TEST_CASE("a badge of the wrong size is refused for good, saying why", "[direct]") {
  auto t = std::make_unique<ScriptedTransport>();
  t->log->readable = false;
  DirectDriver d(std::move(t), brother_options());
  TestContext ctx;
  RenderedBadge wrong;
  wrong.mono = MonoBitmap(500, 1109, 300);
  const Delivery result = d.deliver(wrong, ctx);
  CHECK(result.outcome == DeliveryOutcome::failed);
  CHECK_THAT(result.detail, Catch::Contains("696"));
}

TEST_CASE("a Zebra that reports paper out on ~HQES gets nothing else", "[direct]") {
  auto t = std::make_unique<ScriptedTransport>();
  auto log = t->log;
  const std::string reply = "\x02\r\n  PRINTER STATUS                            \r\n"
                            "   ERRORS:         1 00000000 00000001     \r\n"
                            "   WARNINGS:       0 00000000 00000000     \r\n\x03";
  log->replies.push_back(std::vector<std::uint8_t>(reply.begin(), reply.end()));
  DirectOptions o;
  o.language = LanguageSpec{Language::zpl, std::nullopt, 203};
  o.media = *parse_media("62x100");
  o.status_timeout_ms = 50;
  DirectDriver d(std::move(t), o);
  TestContext ctx;
  const Delivery result = d.deliver(badge_62x100(), ctx);
  CHECK(result.outcome == DeliveryOutcome::retry);
  CHECK(result.problem == PrinterProblem::media_empty);
  REQUIRE(log->writes.size() == 1);
  CHECK(std::string(log->writes[0].begin(), log->writes[0].end()) == "~HQES");
}

TEST_CASE("check() reports what the printer says, or what the transport knows", "[direct]") {
  auto t = std::make_unique<ScriptedTransport>();
  t->log->replies.push_back(brother_reply(0x00, 0x00, 0x10));  // error information 2, bit 4: cover open
  DirectDriver d(std::move(t), brother_options());
  CHECK(d.check().main_problem() == PrinterProblem::cover_open);
  CHECK(d.check().ready());  // no reply this time: nothing known against it
}

TEST_CASE("a Brother with other labels than configured gets nothing but the status request", "[direct][media]") {
  auto t = std::make_unique<ScriptedTransport>();
  auto log = t->log;
  // A QL-800's reply (captured, pklaus/brother_ql#69): 62 mm continuous tape.
  log->replies.push_back({0x80, 0x20, 0x42, 0x34, 0x38, 0x30, 0, 0, 0, 0, 62, 0x0A, 0, 0, 35, 0,
                          0,    0,    0,    0,    0,    0,    0, 0, 0, 129, 0, 0, 0, 0, 0, 0});
  DirectDriver d(std::move(t), brother_options(brother::Model::ql_800));  // configured: 62x100 die-cut
  TestContext ctx;
  const Delivery result = d.deliver(badge_62x100(), ctx);
  CHECK(result.outcome == DeliveryOutcome::retry);
  CHECK(result.problem == PrinterProblem::wrong_media);
  CHECK(result.detail == "labels loaded: 62 mm continuous (DK-22205); configured: 62 x 100 mm die-cut (DK-11202)");
  CHECK_FALSE(ctx.sent_flag);
  REQUIRE(log->writes.size() == 1);
  CHECK(log->writes[0] == brother::reset_and_status_request(brother::Model::ql_800));
  REQUIRE_FALSE(ctx.states.empty());
  CHECK(ctx.states.back().main_problem() == PrinterProblem::wrong_media);

  std::vector<std::uint8_t> continuous = brother_reply(0x00);
  continuous[11] = 0x0A;  // continuous tape
  continuous[17] = 0;
  log->replies.push_back(continuous);
  CHECK(d.check().main_problem() == PrinterProblem::wrong_media);  // what accueilctl printers shows
}

TEST_CASE("a ZPL job cut off mid-send is sent again after ~JX, which drops the unfinished format", "[direct][zpl]") {
  auto t = std::make_unique<ScriptedTransport>();
  auto log = t->log;
  log->readable = false;  // raw TCP 9100: no status
  log->fail_write = TransportError{PrinterProblem::offline, "connection reset after 4096 of 9000 bytes", 4096};
  DirectOptions o;
  o.language = LanguageSpec{Language::zpl, std::nullopt, 203};
  o.media = *parse_media("62x100");
  DirectDriver d(std::move(t), o);
  RenderedBadge badge;
  badge.mono = MonoBitmap(496, 799, 203);
  for (int x = 50; x < 450; x += 3) badge.mono.set_black(x, 400);
  for (int y = 0; y < 799; y += 7) badge.mono.set_black(200, y);

  TestContext first;
  const Delivery cut = d.deliver(badge, first);
  CHECK(cut.outcome == DeliveryOutcome::retry);
  CHECK(log->writes.empty());  // the printer got the first 4096 bytes of "^XA ...", never its ^XZ

  TestContext again;
  const Delivery sent = d.deliver(badge, again);
  CHECK(sent.outcome == DeliveryOutcome::printed);
  REQUIRE(log->writes.size() == 1);
  const std::string bytes(log->writes[0].begin(), log->writes[0].end());
  // ~JX first: the unfinished format is dropped (not printed, not joined to
  // this one), and nothing else is (not ~JA: badges sent whole stay).
  CHECK(bytes.starts_with("~JX^XA"));
  CHECK(bytes.find("~JA") == std::string::npos);
  CHECK(bytes.ends_with("^XZ\n"));
  CHECK(bytes.find("^XA") == 3);
  CHECK(bytes.substr(3) == zpl::encode_label(badge.mono).value());
}
