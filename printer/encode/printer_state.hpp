// One vocabulary for printer trouble, whatever the printer speaks. The Brother
// and Zebra status parsers map into it; CUPS and USB transports are meant to
// map into it too, so nothing here knows about a printer language.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accueil::printer {

// What a person at the desk has to do something about. Ordered roughly by how
// often it happens at an event; `other` carries its detail in PrinterIssue.
enum class PrinterProblem {
  none,
  media_empty,   // no labels left (or no roll loaded)
  media_jam,     // labels stuck in the printer or at the cutter
  cover_open,    // cover or print head open
  ribbon_empty,  // thermal-transfer ribbon ran out (Zebra)
  wrong_media,   // the loaded labels are not the ones the job was made for
  offline,       // paused, switched off, or not answering
  other,         // anything else: overheating, system error, ...
};

// A problem with the printer's own words for it, for logs and staff screens.
struct PrinterIssue {
  PrinterProblem problem = PrinterProblem::other;
  std::string detail;  // e.g. "Brother error information 2, bit 4: cover open"
  friend bool operator==(const PrinterIssue&, const PrinterIssue&) = default;
};

enum class Readiness {
  ready,            // can take a job now
  busy,             // printing or receiving; no problem reported
  needs_attention,  // at least one issue stops printing
};

// A printer's state as a plain value. `issues` is empty unless readiness is
// needs_attention; `notes` holds things worth logging that stop nothing
// (e.g. "clean print head" warnings).
struct PrinterState {
  Readiness readiness = Readiness::ready;
  std::vector<PrinterIssue> issues;
  std::vector<std::string> notes;

  bool ready() const { return readiness == Readiness::ready; }
  bool has(PrinterProblem p) const;
  // The issue to show first: the most actionable one (see printer_state.cpp),
  // or none when there is no issue.
  PrinterProblem main_problem() const;
  // The printer's own words for main_problem(): the detail of the first
  // issue of that problem; empty when there is no issue.
  std::string main_detail() const;
  // Adds an issue and sets readiness to needs_attention.
  void add(PrinterProblem p, std::string detail);
  friend bool operator==(const PrinterState&, const PrinterState&) = default;
};

// A sentence a receptionist understands, telling what to do. `language` is a
// BCP 47 tag or its prefix ("fr", "fr-FR", "en", "es"); French, the venue's
// language, is used for languages we have no sentences for.
std::string_view describe(PrinterProblem problem, std::string_view language);

// A stable ASCII name for logs and tests ("media_empty").
std::string_view name(PrinterProblem problem);
// The problem of a name() ("media_empty"); nullopt for any other text.
std::optional<PrinterProblem> problem_from_name(std::string_view name);

}  // namespace accueil::printer
