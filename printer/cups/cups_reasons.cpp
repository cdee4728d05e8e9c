#include "printer/cups/cups_reasons.hpp"

#include <array>

#include <fmt/core.h>

namespace accueil::printer::cups {

namespace {

struct Reason {
  std::string_view keyword;
  std::optional<PrinterProblem> problem;  // nullopt: stops nothing
  std::string_view meaning;
};

// printer-state-reasons keywords (RFC 8011 section 5.4.12, PWG 5100.9, CUPS).
constexpr std::array<Reason, 37> k_reasons{{
    {"none", std::nullopt, "no reason"},
    {"media-empty", PrinterProblem::media_empty, "out of labels"},
    {"media-needed", PrinterProblem::media_empty, "labels needed"},
    {"input-tray-missing", PrinterProblem::media_empty, "the label holder is missing"},
    {"media-jam", PrinterProblem::media_jam, "labels jammed"},
    {"cutter-jam", PrinterProblem::media_jam, "the cutter is jammed"},
    {"output-area-full", PrinterProblem::media_jam, "the output tray is full"},
    {"cover-open", PrinterProblem::cover_open, "cover open"},
    {"door-open", PrinterProblem::cover_open, "door open"},
    {"interlock-open", PrinterProblem::cover_open, "interlock open"},
    {"marker-supply-empty", PrinterProblem::ribbon_empty, "ribbon (marker supply) empty"},
    {"ribbon-empty", PrinterProblem::ribbon_empty, "ribbon empty"},
    {"toner-empty", PrinterProblem::other, "toner empty"},
    {"ink-empty", PrinterProblem::other, "ink empty"},
    {"marker-waste-full", PrinterProblem::other, "waste container full"},
    {"media-size-mismatch", PrinterProblem::wrong_media, "the loaded labels are not the size the job needs"},
    {"media-type-mismatch", PrinterProblem::wrong_media, "the loaded labels are not the type the job needs"},
    {"offline", PrinterProblem::offline, "offline"},
    {"shutdown", PrinterProblem::offline, "switched off"},
    {"paused", PrinterProblem::offline, "paused"},
    {"stopped", PrinterProblem::offline, "stopped"},
    {"timed-out", PrinterProblem::offline, "not answering"},
    {"spool-area-full", PrinterProblem::other, "the spool area is full"},
    {"cups-missing-filter", PrinterProblem::other, "a filter CUPS needs for this printer is missing"},
    {"cups-insecure-filter", PrinterProblem::other, "CUPS refuses an insecure filter"},
    {"other", PrinterProblem::other, "other trouble"},
    // Worth knowing, stops nothing.
    {"media-low", std::nullopt, "few labels left"},
    {"toner-low", std::nullopt, "toner low"},
    {"marker-supply-low", std::nullopt, "ribbon (marker supply) low"},
    {"marker-waste-almost-full", std::nullopt, "waste container almost full"},
    {"moving-to-paused", std::nullopt, "about to pause"},
    {"connecting-to-device", std::nullopt, "connecting to the printer"},
    {"cups-waiting-for-job-completed", std::nullopt, "waiting for the job to complete"},
    {"cups-remote-pending", std::nullopt, "job pending on the remote printer"},
    {"cups-remote-pending-held", std::nullopt, "job held on the remote printer"},
    {"cups-remote-processing", std::nullopt, "job processing on the remote printer"},
    {"cups-remote-stopped", PrinterProblem::offline, "the remote printer is stopped"},
}};

const Reason* find(std::string_view base) {
  for (const auto& r : k_reasons)
    if (r.keyword == base) return &r;
  return nullptr;
}

std::string join(std::span<const std::string> items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

std::string_view to_string(JobState state) {
  switch (state) {
    case JobState::pending: return "pending";
    case JobState::held: return "held";
    case JobState::processing: return "processing";
    case JobState::stopped: return "stopped";
    case JobState::canceled: return "canceled";
    case JobState::aborted: return "aborted";
    case JobState::completed: return "completed";
  }
  return "unknown";
}

std::string_view base_keyword(std::string_view reason) {
  for (std::string_view suffix : {"-error", "-warning", "-report"})
    if (reason.size() > suffix.size() && reason.ends_with(suffix)) return reason.substr(0, reason.size() - suffix.size());
  return reason;
}

std::optional<PrinterProblem> problem_of_reason(std::string_view reason) {
  const std::string_view base = base_keyword(reason);
  // RFC 8011: "-error" says the printer stopped, whatever the keyword; even one
  // that is only worth a note otherwise ("media-low-error"), or a vendor's.
  const bool marked_error = base.size() < reason.size() && reason.ends_with("-error");
  if (const Reason* r = find(base)) return r->problem || !marked_error ? r->problem : PrinterProblem::other;
  if (marked_error) return PrinterProblem::other;
  // Vendor and CUPS extensions that we do not know: trouble only when marked so.
  if (base.starts_with("cups-") || base.starts_with("com.") || base.starts_with("org.")) return std::nullopt;
  if (reason.ends_with("-warning") || reason.ends_with("-report")) return std::nullopt;
  return PrinterProblem::other;  // RFC 8011: a keyword with no suffix is an error
}

PrinterState printer_state(std::string_view queue, int ipp_state, std::span<const std::string> reasons,
                           std::string_view message, bool accepting_jobs) {
  PrinterState state;
  state.readiness = ipp_state == k_printer_processing ? Readiness::busy : Readiness::ready;
  const std::string said = message.empty() ? std::string() : fmt::format(" (\"{}\")", message);
  for (const std::string& reason : reasons) {
    const std::string_view base = base_keyword(reason);
    if (base == "none" || base.empty()) continue;
    const Reason* known = find(base);
    const std::string meaning = known ? std::string(known->meaning) : std::string(base);
    if (auto problem = problem_of_reason(reason))
      state.add(*problem, fmt::format("{} reports {}: {}{}", queue, reason, meaning, said));
    else
      state.notes.push_back(fmt::format("{} reports {}: {}", queue, reason, meaning));
  }
  if (ipp_state == k_printer_stopped && state.issues.empty())
    state.add(PrinterProblem::offline,
              fmt::format("{} is stopped{}: start it again (cupsenable) once the printer is fixed", queue, said));
  if (!accepting_jobs && state.issues.empty())
    state.add(PrinterProblem::offline, fmt::format("{} does not accept jobs (cupsaccept turns that on)", queue));
  return state;
}

std::string job_end_detail(JobState state, std::span<const std::string> job_reasons, std::string_view printer_message) {
  std::string detail = fmt::format("the CUPS job was {}", to_string(state));
  if (!job_reasons.empty()) detail += fmt::format(" ({})", join(job_reasons));
  if (!printer_message.empty()) detail += fmt::format(": {}", printer_message);
  return detail;
}

}  // namespace accueil::printer::cups
