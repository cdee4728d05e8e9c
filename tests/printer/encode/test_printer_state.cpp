#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "printer/encode/printer_state.hpp"

using namespace accueil::printer;

namespace {
const PrinterProblem k_all[] = {PrinterProblem::none,         PrinterProblem::media_empty, PrinterProblem::media_jam,
                                PrinterProblem::cover_open,   PrinterProblem::ribbon_empty,
                                PrinterProblem::wrong_media,  PrinterProblem::offline,     PrinterProblem::other};
}

TEST_CASE("describe speaks French first, English and Spanish on request", "[printer_state]") {
  CHECK(describe(PrinterProblem::media_empty, "fr") == "Plus d'étiquettes : remettez un rouleau.");
  CHECK(describe(PrinterProblem::media_empty, "fr-FR") == "Plus d'étiquettes : remettez un rouleau.");
  CHECK(describe(PrinterProblem::media_empty, "en") == "Out of labels: load a new roll.");
  CHECK(describe(PrinterProblem::media_empty, "EN_gb") == "Out of labels: load a new roll.");
  CHECK(describe(PrinterProblem::cover_open, "es") == "La tapa de la impresora está abierta: ciérrela.");
  // A language we have no sentences for falls back to the venue's French.
  CHECK(describe(PrinterProblem::cover_open, "ja") == describe(PrinterProblem::cover_open, "fr"));
  CHECK(describe(PrinterProblem::cover_open, "") == describe(PrinterProblem::cover_open, "fr"));
  CHECK(describe(PrinterProblem::cover_open, "english") == describe(PrinterProblem::cover_open, "fr"));
}

TEST_CASE("every problem has its own sentence and name in each language", "[printer_state]") {
  for (const char* lang : {"fr", "en", "es"}) {
    std::set<std::string> sentences;
    for (PrinterProblem p : k_all) {
      INFO(lang << " " << name(p));
      const auto s = describe(p, lang);
      CHECK(s.size() > 10);
      CHECK(sentences.insert(std::string(s)).second);
    }
  }
  std::set<std::string> names;
  for (PrinterProblem p : k_all) CHECK(names.insert(std::string(name(p))).second);
  CHECK(name(PrinterProblem::media_jam) == "media_jam");
}

TEST_CASE("PrinterState shows the most actionable problem first", "[printer_state]") {
  PrinterState s;
  CHECK(s.ready());
  CHECK(s.main_problem() == PrinterProblem::none);
  s.add(PrinterProblem::other, "fan");
  s.add(PrinterProblem::media_empty, "no media");
  CHECK_FALSE(s.ready());
  CHECK(s.readiness == Readiness::needs_attention);
  CHECK(s.main_problem() == PrinterProblem::media_empty);
  s.add(PrinterProblem::cover_open, "cover");
  CHECK(s.main_problem() == PrinterProblem::cover_open);  // close the cover before loading labels
  CHECK(s.has(PrinterProblem::other));
  CHECK_FALSE(s.has(PrinterProblem::offline));
}
