#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <string>

#include "printer/encode/brother_ql.hpp"

using namespace accueil::printer;
using namespace accueil::printer::brother;

namespace {

// A QL-820NWB at rest with 62 mm continuous tape, replying to ESC i S.
std::array<std::uint8_t, 32> ready_reply() {
  std::array<std::uint8_t, 32> r{};
  r[0] = 0x80;  // print head mark
  r[1] = 0x20;  // size
  r[2] = 'B';   // Brother code
  r[3] = '4';   // series code
  r[4] = 0x41;  // model code: QL-820NWB
  r[5] = '0';
  r[10] = 62;    // media width, mm
  r[11] = 0x0A;  // continuous length tape
  r[18] = 0x00;  // reply to status request
  r[19] = 0x00;  // waiting to receive
  return r;
}

}  // namespace

TEST_CASE("a ready printer", "[brother][status]") {
  auto s = parse_status(ready_reply());
  REQUIRE(s);
  CHECK(s->model == Model::ql_820nwb);
  CHECK(s->series_code == '4');
  CHECK(s->media_width_mm == 62);
  CHECK(s->media_kind == MediaKind::continuous);
  CHECK(s->errors.empty());
  CHECK(s->status_type == 0);
  const PrinterState state = to_printer_state(*s);
  CHECK(state.ready());
  CHECK(state.main_problem() == PrinterProblem::none);
}

TEST_CASE("every error bit of the 32-byte reply, into the common vocabulary", "[brother][status]") {
  struct Row {
    int byte;
    int bit;
    const char* meaning;
    PrinterProblem problem;
    Readiness readiness;
  };
  const Row rows[] = {
      {8, 0, "no media", PrinterProblem::media_empty, Readiness::needs_attention},
      {8, 1, "end of media (die-cut labels)", PrinterProblem::media_empty, Readiness::needs_attention},
      {8, 2, "cutter jam", PrinterProblem::media_jam, Readiness::needs_attention},
      {8, 3, "weak batteries", PrinterProblem::other, Readiness::needs_attention},
      {8, 4, "printer in use", PrinterProblem::none, Readiness::busy},
      {8, 5, "printer turned off", PrinterProblem::offline, Readiness::needs_attention},
      {8, 6, "high-voltage adapter", PrinterProblem::other, Readiness::needs_attention},
      {8, 7, "fan motor error", PrinterProblem::other, Readiness::needs_attention},
      {9, 0, "replace media", PrinterProblem::wrong_media, Readiness::needs_attention},
      {9, 1, "expansion buffer full", PrinterProblem::other, Readiness::needs_attention},
      {9, 2, "communication error", PrinterProblem::other, Readiness::needs_attention},
      {9, 3, "communication buffer full", PrinterProblem::other, Readiness::needs_attention},
      {9, 4, "cover open", PrinterProblem::cover_open, Readiness::needs_attention},
      {9, 5, "overheating", PrinterProblem::other, Readiness::needs_attention},
      {9, 6, "media cannot be fed", PrinterProblem::media_jam, Readiness::needs_attention},
      {9, 7, "system error", PrinterProblem::other, Readiness::needs_attention},
  };
  REQUIRE(error_bits().size() == std::size(rows));
  for (const Row& r : rows) {
    auto reply = ready_reply();
    reply[static_cast<std::size_t>(r.byte)] = static_cast<std::uint8_t>(1u << r.bit);
    reply[18] = 0x02;  // error occurred
    INFO("byte " << r.byte << " bit " << r.bit << ": " << r.meaning);
    auto s = parse_status(reply);
    REQUIRE(s);
    REQUIRE(s->errors.size() == 1);
    CHECK(s->errors[0] == r.meaning);
    const PrinterState state = to_printer_state(*s);
    if (r.problem == PrinterProblem::none) {
      // "In use" is no problem, but with status type "error occurred" and no
      // other bit the printer still asks for attention.
      CHECK(state.main_problem() == PrinterProblem::other);
      reply[18] = 0x00;
      CHECK(to_printer_state(*parse_status(reply)).readiness == Readiness::busy);
    } else {
      CHECK(state.readiness == r.readiness);
      CHECK(state.main_problem() == r.problem);
      REQUIRE(state.issues.size() == 1);
      CHECK_THAT(state.issues[0].detail, Catch::Contains(r.meaning));
    }
  }
}

TEST_CASE("several errors at once: cover open comes first", "[brother][status]") {
  auto reply = ready_reply();
  reply[8] = 0x01;  // no media
  reply[9] = 0x10;  // cover open
  reply[18] = 0x02;
  const PrinterState state = to_printer_state(*parse_status(reply));
  CHECK(state.issues.size() == 2);
  CHECK(state.main_problem() == PrinterProblem::cover_open);
  CHECK(state.has(PrinterProblem::media_empty));
}

TEST_CASE("status fields: media, mode, status type, phase, notification", "[brother][status]") {
  auto reply = ready_reply();
  reply[4] = 0x35;   // QL-700
  reply[10] = 29;
  reply[11] = 0x0B;  // die-cut
  reply[15] = 0x40;  // various mode: auto cut
  reply[17] = 90;
  reply[18] = 0x06;  // phase change
  reply[19] = 0x01;  // printing state
  reply[20] = 0x01;
  reply[21] = 0x02;
  reply[22] = 0x03;  // cooling started
  auto s = parse_status(reply);
  REQUIRE(s);
  CHECK(s->model == Model::ql_700);
  CHECK(s->media_width_mm == 29);
  CHECK(s->media_length_mm == 90);
  CHECK(s->media_kind == MediaKind::die_cut);
  CHECK(s->mode == 0x40);
  CHECK(s->status_type == static_cast<std::uint8_t>(StatusType::phase_change));
  CHECK(s->phase_type == static_cast<std::uint8_t>(PhaseType::printing));
  CHECK(s->phase_number == 0x0102);
  CHECK(s->notification == 0x03);
  const PrinterState state = to_printer_state(*s);
  CHECK(state.readiness == Readiness::busy);
  REQUIRE(state.notes.size() == 1);
  CHECK_THAT(state.notes[0], Catch::Contains("cooling"));

  SECTION("QL-800 series media bytes 4A/4B") {
    reply[11] = 0x4A;
    CHECK(parse_status(reply)->media_kind == MediaKind::continuous);
    reply[11] = 0x4B;
    CHECK(parse_status(reply)->media_kind == MediaKind::die_cut);
  }
  SECTION("no media loaded") {
    reply[11] = 0x00;
    CHECK_FALSE(parse_status(reply)->media_kind.has_value());
  }
  SECTION("unknown model code") {
    reply[4] = 0x4F;  // QL-500/550
    CHECK_FALSE(parse_status(reply)->model.has_value());
  }
  SECTION("turned off") {
    reply[18] = 0x04;
    reply[19] = 0x00;
    CHECK(to_printer_state(*parse_status(reply)).main_problem() == PrinterProblem::offline);
  }
  SECTION("printing completed, back to receiving") {
    reply[18] = 0x01;
    reply[19] = 0x00;
    reply[22] = 0x00;
    CHECK(to_printer_state(*parse_status(reply)).ready());
  }
}

TEST_CASE("malformed replies are refused", "[brother][status]") {
  auto reply = ready_reply();
  CHECK_THAT(parse_status(std::span(reply).first(31)).error().message, Catch::Contains("has 31"));
  CHECK_FALSE(parse_status(std::span<const std::uint8_t>{}));
  reply[2] = 'Z';
  CHECK_THAT(parse_status(reply).error().message, Catch::Contains("80 20 5A"));
  reply = ready_reply();
  reply[0] = 0x00;
  CHECK_FALSE(parse_status(reply));
}
