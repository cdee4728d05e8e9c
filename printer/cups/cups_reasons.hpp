// CUPS and IPP states in the common vocabulary: printer-state and
// printer-state-reasons (RFC 8011 and PWG 5100.x keywords, CUPS's own
// "cups-..." ones), job-state and job-state-reasons. Pure functions: no
// libcups here, so they are tested with the keywords alone.
//
// Keywords may carry a severity suffix: -report, -warning, -error. A keyword
// that names trouble counts whatever its suffix: CUPS's own ippeveprinter
// (2.4) reports an empty tray as "media-empty-warning" and the ipp backend
// passes it on as is, yet no badge prints until labels are loaded.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "printer/encode/printer_state.hpp"

namespace accueil::printer::cups {

// IPP printer-state values.
inline constexpr int k_printer_idle = 3;
inline constexpr int k_printer_processing = 4;
inline constexpr int k_printer_stopped = 5;

// IPP job-state values.
enum class JobState { pending = 3, held = 4, processing = 5, stopped = 6, canceled = 7, aborted = 8, completed = 9 };
std::string_view to_string(JobState state);
constexpr bool is_terminal(JobState s) {
  return s == JobState::canceled || s == JobState::aborted || s == JobState::completed;
}

// "media-empty-error" -> "media-empty".
std::string_view base_keyword(std::string_view reason);

// What a printer-state-reasons keyword means for printing: a problem, or
// nothing (std::nullopt: worth a note at most, e.g. "media-low").
std::optional<PrinterProblem> problem_of_reason(std::string_view reason);

// A queue's state. `queue` names it in details ("CUPS queue Badges");
// `message` is its printer-state-message.
PrinterState printer_state(std::string_view queue, int ipp_printer_state, std::span<const std::string> reasons,
                           std::string_view message, bool accepting_jobs = true);

// A sentence for a job that ended without printing, from its
// job-state-reasons and the printer's message.
std::string job_end_detail(JobState state, std::span<const std::string> job_reasons, std::string_view printer_message);

}  // namespace accueil::printer::cups
