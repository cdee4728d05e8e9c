// The file and usblp transports against temporary files.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fstream>

#include "printer/transport/file_transport.hpp"
#include "shared/base/files.hpp"
#include "tests/shared/fixtures.hpp"

using namespace accueil;
using namespace accueil::printer;
using accueil::testing::TempDir;

namespace {

std::vector<std::uint8_t> text_bytes(std::string_view s) { return {s.begin(), s.end()}; }

std::string slurp(const std::filesystem::path& p) { return read_file(p).value_or("(unreadable)"); }

const Interrupt never = [] { return false; };

}  // namespace

TEST_CASE("the file transport appends each job to the file", "[transport]") {
  TempDir dir;
  FileTransport t(dir.path / "printer.prn");
  REQUIRE(t.write(text_bytes("^XA job 1 ^XZ"), never));
  t.close();
  REQUIRE(t.write(text_bytes("^XA job 2 ^XZ"), never));
  t.close();
  CHECK(slurp(dir.path / "printer.prn") == "^XA job 1 ^XZ^XA job 2 ^XZ");
  CHECK_THAT(t.describe(), Catch::Contains("printer.prn"));
}

TEST_CASE("the file transport writes one file per job into a folder", "[transport]") {
  TempDir dir;
  FileTransport t(dir.path, TransportLimits{.chunk_bytes = 3});
  REQUIRE(t.write(text_bytes("first "), never));
  REQUIRE(t.write(text_bytes("job"), never));  // same job: same file
  t.close();
  REQUIRE(t.write(text_bytes("second job"), never));
  t.close();
  CHECK(slurp(dir.path / "job-1.prn") == "first job");
  CHECK(slurp(dir.path / "job-2.prn") == "second job");
}

TEST_CASE("a file transport in a folder that does not exist fails with the path", "[transport]") {
  TempDir dir;
  FileTransport t(dir.path / "missing" / "out.prn");
  auto written = t.write(text_bytes("x"), never);
  REQUIRE_FALSE(written);
  CHECK(written.error().problem == PrinterProblem::offline);
  CHECK_THAT(written.error().message, Catch::Contains("missing/out.prn") && Catch::Contains("No such file"));
}

TEST_CASE("a file transport whose folder is missing fails, and makes no plain file in its place", "[transport]") {
  TempDir dir;
  const auto printed = dir.path / "printed";
  SECTION("the folder removed while the printer is in use") {
    std::filesystem::create_directories(printed);
    FileTransport t(printed);
    REQUIRE(t.write(text_bytes("job 1"), never));
    t.close();
    std::filesystem::remove_all(printed);
    auto written = t.write(text_bytes("job 2"), never);
    REQUIRE_FALSE(written);
    CHECK(written.error().problem == PrinterProblem::offline);
    CHECK_THAT(written.error().message, Catch::Contains("printed") && Catch::Contains("does not exist"));
    CHECK_FALSE(std::filesystem::exists(printed));
  }
  SECTION("a folder named with a final slash that was never made") {
    FileTransport t(printed.string() + "/");
    auto opened = t.open();
    REQUIRE_FALSE(opened);
    CHECK(opened.error().problem == PrinterProblem::offline);
    CHECK_THAT(opened.error().message, Catch::Contains("does not exist"));
    CHECK_FALSE(std::filesystem::exists(printed));
  }
}

TEST_CASE("an interrupted write stops between chunks and says how far it got", "[transport]") {
  TempDir dir;
  FileTransport t(dir.path / "out.prn", TransportLimits{.chunk_bytes = 4});
  int asked = 0;
  auto written = t.write(text_bytes("0123456789"), [&] { return ++asked > 2; });
  REQUIRE_FALSE(written);
  CHECK(written.error().problem == PrinterProblem::none);
  CHECK(written.error().bytes_sent == 8);
  t.close();
  CHECK(slurp(dir.path / "out.prn") == "01234567");
}

TEST_CASE("the lp transport writes to the device node and reads nothing from a plain file", "[transport]") {
  TempDir dir;
  const auto node = dir.path / "lp0";
  { std::ofstream touch(node); }
  LpTransport t(node);
  REQUIRE(t.open());
  CHECK_FALSE(t.can_read());  // not a character device
  REQUIRE(t.write(text_bytes("\x1b@ raster"), never));
  auto reply = t.read(32, 10);
  REQUIRE(reply);
  CHECK(reply->empty());
  CHECK(t.line_status().ready());  // no LPGETSTATUS on a plain file: nothing known, nothing reported
  t.close();
  CHECK(slurp(node) == "\x1b@ raster");
}

TEST_CASE("an lp device that is not there: offline, asking whether the printer is plugged in", "[transport]") {
  TempDir dir;
  LpTransport t(dir.path / "lp7");
  auto opened = t.open();
  REQUIRE_FALSE(opened);
  CHECK(opened.error().problem == PrinterProblem::offline);
  CHECK_THAT(opened.error().message, Catch::Contains("lp7") && Catch::Contains("plugged in"));
  PrinterState state = t.line_status();
  CHECK(state.main_problem() == PrinterProblem::offline);
}

TEST_CASE("an lp device that cannot be written for want of permission is no printer trouble", "[transport]") {
  if (::geteuid() == 0) SUCCEED("root may write anything: skipped");
  else {
    TempDir dir;
    const auto node = dir.path / "lp0";
    { std::ofstream touch(node); }
    ::chmod(node.c_str(), 0444);
    LpTransport t(node);
    auto opened = t.open();
    REQUIRE_FALSE(opened);
    CHECK(opened.error().problem == PrinterProblem::other);
    CHECK_THAT(opened.error().message, Catch::Contains("Permission denied"));
  }
}

TEST_CASE("the IEEE 1284 status lines map into the vocabulary", "[transport]") {
  CHECK(state_from_lp_status(0x18).ready());  // selected, no error
  CHECK(state_from_lp_status(0x38).main_problem() == PrinterProblem::media_empty);
  CHECK(state_from_lp_status(0x08).main_problem() == PrinterProblem::offline);
  CHECK(state_from_lp_status(0x10).main_problem() == PrinterProblem::other);
  CHECK(state_from_lp_status(0x30).main_problem() == PrinterProblem::media_empty);  // paper out shows, not the error
}
