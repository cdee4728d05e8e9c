// The raw TCP transport against a loopback listener.
#include <catch2/catch.hpp>

#include "loopback_listener.hpp"
#include "printer/transport/tcp_transport.hpp"

using namespace accueil;
using namespace accueil::printer;
using accueil::testing::LoopbackListener;

namespace {

std::vector<std::uint8_t> text_bytes(std::string_view s) { return {s.begin(), s.end()}; }
const Interrupt never = [] { return false; };

// A port nothing listens on: bind one, note it, close it.
int closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

}  // namespace

TEST_CASE("the TCP transport sends a job on one connection per job", "[tcp]") {
  LoopbackListener printer;
  TcpTransport t("127.0.0.1", printer.port(), TransportLimits{.chunk_bytes = 7});
  REQUIRE(t.write(text_bytes("^XA^FDone^FS^XZ"), never));
  t.close();
  REQUIRE(t.write(text_bytes("^XA^FDtwo^FS^XZ"), never));
  t.close();
  REQUIRE(printer.wait_for_jobs(2));
  CHECK(printer.jobs() == std::vector<std::string>{"^XA^FDone^FS^XZ", "^XA^FDtwo^FS^XZ"});
  CHECK_THAT(t.describe(), Catch::Contains("127.0.0.1:" + std::to_string(printer.port())));
}

TEST_CASE("the TCP transport reads a printer's reply", "[tcp]") {
  LoopbackListener::Behaviour answers;
  answers.reply = [](const std::string& got) {
    return got == "~HQES" ? std::string("\x02PRINTER STATUS\r\n ERRORS: 0 00000000 00000000\x03") : std::string();
  };
  LoopbackListener printer(answers);
  TcpTransport t("localhost", printer.port());
  REQUIRE(t.write(text_bytes("~HQES"), never));
  REQUIRE(t.can_read());
  auto reply = t.read(1024, 2000);
  REQUIRE(reply);
  CHECK_THAT(std::string(reply->begin(), reply->end()), Catch::Contains("ERRORS: 0"));
  auto nothing = t.read(1024, 20);
  REQUIRE(nothing);
  CHECK(nothing->empty());
}

TEST_CASE("nobody listening: offline, naming the address", "[tcp]") {
  const int port = closed_port();
  TcpTransport t("127.0.0.1", port);
  auto written = t.write(text_bytes("x"), never);
  REQUIRE_FALSE(written);
  CHECK(written.error().problem == PrinterProblem::offline);
  CHECK_THAT(written.error().message, Catch::Contains(std::to_string(port)) && Catch::Contains("refused"));
}

TEST_CASE("an unknown host name: offline, naming it", "[tcp]") {
  TcpTransport t("no-such-printer.invalid", 9100);
  auto opened = t.open();
  REQUIRE_FALSE(opened);
  CHECK(opened.error().problem == PrinterProblem::offline);
  CHECK_THAT(opened.error().message, Catch::Contains("no-such-printer.invalid"));
}

TEST_CASE("a printer that stops reading is reported stuck after the stall time", "[tcp]") {
  LoopbackListener printer(LoopbackListener::Behaviour{.read = false, .receive_buffer = 4096});
  TcpTransport t("127.0.0.1", printer.port(), TransportLimits{.stall_timeout_ms = 300});
  std::vector<std::uint8_t> job(32 * 1024 * 1024, 'x');
  auto written = t.write(job, never);
  REQUIRE_FALSE(written);
  CHECK(written.error().problem == PrinterProblem::offline);
  CHECK(written.error().bytes_sent > 0);
  CHECK(written.error().bytes_sent < job.size());
  CHECK_THAT(written.error().message, Catch::Contains("took no data"));
}

TEST_CASE("a printer that hangs up mid-job: offline, with the bytes it took", "[tcp]") {
  LoopbackListener printer(LoopbackListener::Behaviour{.hang_up_after = 1000, .receive_buffer = 4096});
  TcpTransport t("127.0.0.1", printer.port());
  std::vector<std::uint8_t> job(32 * 1024 * 1024, 'x');
  auto written = t.write(job, never);
  REQUIRE_FALSE(written);
  CHECK(written.error().problem == PrinterProblem::offline);
  CHECK(written.error().bytes_sent < job.size());
}
