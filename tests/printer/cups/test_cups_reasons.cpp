// CUPS printer-state-reasons and job states in the common vocabulary.
#include <catch2/catch.hpp>

#include "printer/cups/cups_reasons.hpp"

using namespace accueil::printer;
using namespace accueil::printer::cups;

namespace {
PrinterState state(std::vector<std::string> reasons, int ipp = k_printer_idle, std::string message = "",
                   bool accepting = true) {
  return printer_state("CUPS queue Badges", ipp, reasons, message, accepting);
}
}  // namespace

TEST_CASE("trouble keywords map whatever their severity suffix", "[cups]") {
  for (const char* r : {"media-empty", "media-empty-error", "media-empty-warning", "media-needed-error"})
    CHECK(problem_of_reason(r) == PrinterProblem::media_empty);
  CHECK(problem_of_reason("media-jam-warning") == PrinterProblem::media_jam);
  CHECK(problem_of_reason("cover-open-error") == PrinterProblem::cover_open);
  CHECK(problem_of_reason("door-open") == PrinterProblem::cover_open);
  CHECK(problem_of_reason("marker-supply-empty-error") == PrinterProblem::ribbon_empty);
  CHECK(problem_of_reason("offline-report") == PrinterProblem::offline);
  CHECK(problem_of_reason("shutdown") == PrinterProblem::offline);
  CHECK(problem_of_reason("paused") == PrinterProblem::offline);
  CHECK(problem_of_reason("media-size-mismatch-error") == PrinterProblem::wrong_media);
  CHECK(problem_of_reason("other-error") == PrinterProblem::other);
}

TEST_CASE("keywords that stop nothing are notes", "[cups]") {
  for (const char* r : {"none", "media-low-report", "toner-low-warning", "cups-waiting-for-job-completed",
                        "connecting-to-device", "com.example-fan-slow-warning", "fuser-warm-up-warning"})
    CHECK_FALSE(problem_of_reason(r).has_value());
  // An unknown keyword without a suffix is an error (RFC 8011).
  CHECK(problem_of_reason("fuser-over-temp") == PrinterProblem::other);
  CHECK(base_keyword("media-empty-warning") == "media-empty");
  CHECK(base_keyword("-error") == "-error");
}

TEST_CASE("a reason marked -error is trouble, even a vendor's or a note's keyword", "[cups]") {
  // Found by fuzzing (tests/fuzz/corpus/cups_reasons/crash-vendor-error): a
  // com./org./cups- keyword marked -error left the printer "ready".
  for (const char* r : {"com.example-label-end-error", "org.example-thing-error", "cups-missing-filter-x-error",
                        "media-low-error", "connecting-to-device-error"})
    CHECK(problem_of_reason(r) == PrinterProblem::other);
  CHECK_FALSE(state({"com.example-label-end-error"}).ready());
  CHECK(state({"com.example-label-end-warning"}).ready());
}

TEST_CASE("a queue's state: busy, trouble first, notes aside", "[cups]") {
  CHECK(state({"none"}).ready());
  const PrinterState printing = state({"cups-waiting-for-job-completed"}, k_printer_processing);
  CHECK(printing.readiness == Readiness::busy);
  CHECK(printing.notes.size() == 1);

  // What cupsd reports while ippeveprinter's command says STATE: +media-empty.
  const PrinterState empty = state({"cups-waiting-for-job-completed", "media-empty-warning"}, k_printer_processing,
                                   "Printing.");
  CHECK(empty.readiness == Readiness::needs_attention);
  CHECK(empty.main_problem() == PrinterProblem::media_empty);
  CHECK_THAT(empty.issues.front().detail, Catch::Contains("CUPS queue Badges") && Catch::Contains("media-empty-warning"));

  const PrinterState both = state({"media-jam-warning", "cover-open-warning"});
  CHECK(both.main_problem() == PrinterProblem::cover_open);  // the vocabulary's priority: close the cover first
}

TEST_CASE("a stopped queue, or one refusing jobs, is offline", "[cups]") {
  const PrinterState stopped = state({"paused"}, k_printer_stopped, "Paused");
  CHECK(stopped.main_problem() == PrinterProblem::offline);
  const PrinterState stopped_plain = state({"none"}, k_printer_stopped, "Unplugged?");
  CHECK(stopped_plain.main_problem() == PrinterProblem::offline);
  CHECK_THAT(stopped_plain.issues.front().detail, Catch::Contains("cupsenable") && Catch::Contains("Unplugged?"));
  const PrinterState rejecting = state({"none"}, k_printer_idle, "", false);
  CHECK(rejecting.main_problem() == PrinterProblem::offline);
  CHECK_THAT(rejecting.issues.front().detail, Catch::Contains("cupsaccept"));
}

TEST_CASE("a job that ended without printing says why", "[cups]") {
  CHECK(job_end_detail(JobState::canceled, std::vector<std::string>{"job-canceled-by-user"}, "") ==
        "the CUPS job was canceled (job-canceled-by-user)");
  CHECK(job_end_detail(JobState::aborted, std::vector<std::string>{"aborted-by-system"}, "Filter failed") ==
        "the CUPS job was aborted (aborted-by-system): Filter failed");
  CHECK(is_terminal(JobState::completed));
  CHECK_FALSE(is_terminal(JobState::held));
}

TEST_CASE("main_detail is the detail of the issue main_problem picks, not of the first issue", "[cups]") {
  struct Row {
    std::vector<PrinterIssue> issues;
    PrinterProblem main;
    std::string detail;
  };
  const std::vector<Row> table{
      {{}, PrinterProblem::none, ""},
      {{{PrinterProblem::media_jam, "jam"}}, PrinterProblem::media_jam, "jam"},
      {{{PrinterProblem::media_jam, "jam"}, {PrinterProblem::cover_open, "cover"}}, PrinterProblem::cover_open, "cover"},
      {{{PrinterProblem::other, "hot"}, {PrinterProblem::offline, "paused"}}, PrinterProblem::offline, "paused"},
      {{{PrinterProblem::media_empty, "first roll"}, {PrinterProblem::media_empty, "second roll"}},
       PrinterProblem::media_empty, "first roll"},
      {{{PrinterProblem::wrong_media, ""}, {PrinterProblem::other, "hot"}}, PrinterProblem::wrong_media, ""},
  };
  for (const Row& row : table) {
    PrinterState s;
    for (const PrinterIssue& i : row.issues) s.add(i.problem, i.detail);
    CAPTURE(row.detail);
    CHECK(s.main_problem() == row.main);
    CHECK(s.main_detail() == row.detail);
  }
  // CUPS reasons in this order: the cover is shown, with the cover's words.
  const PrinterState cups = state({"media-jam-error", "cover-open-error"}, k_printer_stopped);
  CHECK(cups.main_problem() == PrinterProblem::cover_open);
  CHECK_THAT(cups.main_detail(), Catch::Contains("cover-open"));
  CHECK_THAT(cups.main_detail(), !Catch::Contains("media-jam"));
}
