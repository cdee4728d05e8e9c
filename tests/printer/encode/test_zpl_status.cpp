#include <catch2/catch.hpp>

#include <string>

#include <fmt/format.h>

#include "printer/encode/zpl.hpp"

using namespace accueil::printer;
using namespace accueil::printer::zpl;

namespace {

// The reply layout of the ZPL guide: STX/ETX framed lines.
std::string hqes_reply(std::uint32_t errors, std::uint32_t warnings) {
  return fmt::format(
      "\x02\r\n\r\n  PRINTER STATUS                            \r\n"
      "   ERRORS:         {} 00000000 {:08X}\r\n"
      "   WARNINGS:       {} 00000000 {:08X}\r\n\x03",
      errors ? 1 : 0, errors, warnings ? 1 : 0, warnings);
}

}  // namespace

TEST_CASE("HQES reply with no error and no warning", "[zpl][status]") {
  auto s = parse_hqes(hqes_reply(0, 0));
  REQUIRE(s);
  CHECK_FALSE(s->error_present);
  CHECK(s->errors == 0);
  CHECK_FALSE(s->warning_present);
  CHECK(to_printer_state(*s).ready());
}

TEST_CASE("every ~HQES error flag, into the common vocabulary", "[zpl][status]") {
  // Literal masks from the ZPL II Programming Guide's ~HQES "Error Flags" table
  // (group 1; nibble 1 is the rightmost hex digit), so that a wrong value in
  // zpl.hpp fails here instead of being compared with itself.
  struct Row {
    std::uint32_t mask;
    const char* meaning;
    PrinterProblem problem;
  };
  const Row rows[] = {
      {0x00000001, "media out", PrinterProblem::media_empty},
      {0x00000002, "ribbon out", PrinterProblem::ribbon_empty},
      {0x00000004, "head open", PrinterProblem::cover_open},
      {0x00000008, "cutter fault", PrinterProblem::media_jam},
      {0x00000010, "printhead over temperature", PrinterProblem::other},
      {0x00000020, "motor over temperature", PrinterProblem::other},
      {0x00000040, "bad printhead element", PrinterProblem::other},
      {0x00000080, "printhead detection error", PrinterProblem::other},
      {0x00000100, "invalid firmware configuration", PrinterProblem::other},
      {0x00000200, "printhead thermistor open", PrinterProblem::other},
      {0x00001000, "paper jam during retract", PrinterProblem::media_jam},
      {0x00002000, "presenter not running", PrinterProblem::other},
      {0x00004000, "paper feed error", PrinterProblem::media_jam},
      {0x00008000, "clear paper path failed", PrinterProblem::media_jam},
      {0x00010000, "paused", PrinterProblem::offline},
      {0x00020000, "retract function timed out", PrinterProblem::other},
      {0x00040000, "black mark calibrate error", PrinterProblem::other},
      {0x00080000, "black mark not found", PrinterProblem::wrong_media},
  };
  REQUIRE(hqes_error_flags().size() == std::size(rows));
  for (const Row& r : rows) {
    INFO(fmt::format("mask {:08X} ({})", r.mask, r.meaning));
    auto s = parse_hqes(hqes_reply(r.mask, 0));
    REQUIRE(s);
    CHECK(s->error_present);
    CHECK(s->errors == r.mask);
    const PrinterState state = to_printer_state(*s);
    CHECK(state.readiness == Readiness::needs_attention);
    REQUIRE(state.issues.size() == 1);
    CHECK(state.main_problem() == r.problem);
    CHECK_THAT(state.issues[0].detail, Catch::Contains(r.meaning));
  }
  // The named constants are the guide's values too.
  CHECK(hqes_error::media_out == 0x00000001);
  CHECK(hqes_error::ribbon_out == 0x00000002);
  CHECK(hqes_error::head_open == 0x00000004);
  CHECK(hqes_error::cutter_fault == 0x00000008);
  CHECK(hqes_error::paused == 0x00010000);
  CHECK(hqes_error::black_mark_not_found == 0x00080000);
}

TEST_CASE("the ZPL guide's example: media out and head open", "[zpl][status]") {
  auto s = parse_hqes(hqes_reply(0x00000005, 0));
  REQUIRE(s);
  const PrinterState state = to_printer_state(*s);
  CHECK(state.issues.size() == 2);
  CHECK(state.main_problem() == PrinterProblem::cover_open);
  CHECK(state.has(PrinterProblem::media_empty));
}

TEST_CASE("HQES reply warnings are notes, not problems", "[zpl][status]") {
  // Literal masks from the ZPL II Programming Guide's ~HQES "Warning Flags" table (group 1).
  struct Row {
    std::uint32_t mask;
    const char* meaning;
  };
  const Row rows[] = {
      {0x00000001, "need to calibrate media"},
      {0x00000002, "clean printhead"},
      {0x00000004, "replace printhead"},
      {0x00000008, "paper near end"},
  };
  REQUIRE(hqes_warning_flags().size() == std::size(rows));
  for (const Row& r : rows) {
    INFO(fmt::format("mask {:08X} ({})", r.mask, r.meaning));
    auto s = parse_hqes(hqes_reply(0, r.mask));
    REQUIRE(s);
    CHECK(s->warning_present);
    CHECK(s->warnings == r.mask);
    const PrinterState state = to_printer_state(*s);
    CHECK(state.ready());
    CHECK(state.issues.empty());
    REQUIRE(state.notes.size() == 1);
    CHECK_THAT(state.notes[0], Catch::Contains(r.meaning));
  }
  CHECK(hqes_warning::paper_near_end == 0x08);
}

TEST_CASE("unknown ~HQES flags are reported, not ignored", "[zpl][status]") {
  const PrinterState state = to_printer_state(*parse_hqes(hqes_reply(0x80000000, 0)));
  CHECK(state.main_problem() == PrinterProblem::other);
  CHECK_THAT(state.issues.at(0).detail, Catch::Contains("80000000"));
}

TEST_CASE("malformed ~HQES replies are refused", "[zpl][status]") {
  CHECK_FALSE(parse_hqes(""));
  CHECK_FALSE(parse_hqes("ERRORS: 1 00000000 00000005"));  // no WARNINGS line
  CHECK_FALSE(parse_hqes("ERRORS: 1 0000 00000005\nWARNINGS: 0 00000000 00000000"));
  CHECK_FALSE(parse_hqes("ERRORS: x 00000000 00000005\nWARNINGS: 0 00000000 00000000"));
  CHECK(parse_hqes("ERRORS: 1 00000000 00000005\nWARNINGS: 0 00000000 00000000"));  // without framing
}
