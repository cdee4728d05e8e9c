// What a print queue worker talks to: one configured printer, whatever the
// path to it (a printer language over a transport, or a CUPS queue). A driver
// says what the badge must be rendered as, checks the printer's state, and
// delivers one badge, telling the worker through a JobContext when the job's
// first byte is about to leave and what trouble it meets while it waits.
//
// Drivers are used by one worker thread.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "printer/bitmap.hpp"
#include "printer/encode/printer_state.hpp"
#include "printer/queue/badge_renderer.hpp"
#include "shared/base/error.hpp"

namespace accueil::printer {

struct RenderTarget {
  enum class Format { pdf, mono };
  Format format = Format::mono;
  MonoTarget mono;  // Format::mono
};

// The badge as rendered for the driver's target.
struct RenderedBadge {
  std::string pdf;
  MonoBitmap mono;
  std::vector<std::string> warnings;  // BadgeRenderer::warnings(): recorded with the request
};

enum class DeliveryOutcome {
  printed,    // the printer has it (or confirmed it printed)
  retry,      // no complete job reached the printer: it can be sent again, here or elsewhere
  failed,     // must not be sent again by itself: refused, or the printer may have printed it
  cancelled,  // stopped at the operator's request before it printed
  detached,   // the queue is stopping while the job waits in CUPS: it is followed again at the next start
};

struct Delivery {
  DeliveryOutcome outcome = DeliveryOutcome::failed;
  PrinterProblem problem = PrinterProblem::none;
  std::string detail;  // what happened, for logs and the staff screen
};

class JobContext {
public:
  virtual ~JobContext() = default;
  // Just before the job's first byte leaves: records durably that the
  // request is being sent. false: do not send (it was cancelled meanwhile).
  virtual Result<bool> sending() = 0;
  // A CUPS job exists for this request (recorded durably, for crash recovery).
  virtual Status job_created(int job_id, std::string_view queue) = 0;
  // The printer's state while the job waits (trouble, or trouble cleared).
  virtual void waiting(const PrinterState& state) = 0;
  virtual bool cancel_requested() = 0;
  virtual bool stopping() = 0;
  // Sleeps up to `ms`; returns early on cancel, stop or a hotplug event.
  virtual void pause(int ms) = 0;
  // A name for the job ("Badge 12: Hélène Moncond'huy").
  virtual std::string title() const = 0;
};

class PrinterDriver {
public:
  virtual ~PrinterDriver() = default;
  // "Brother QL-820NWB on USB printer ... serial 000A1", "CUPS queue Badges at localhost:631".
  virtual std::string describe() const = 0;
  virtual RenderTarget target() const = 0;
  // The printer's state now, asking the printer when it can be asked.
  virtual PrinterState check() = 0;
  // Sends one badge and follows it until it printed or cannot.
  virtual Delivery deliver(const RenderedBadge& badge, JobContext& context) = 0;
  // Follows a CUPS job found recorded after a restart. Drivers without jobs
  // of their own say failed.
  virtual Delivery resume(int job_id, std::string_view queue, JobContext& context) {
    (void)queue;
    (void)context;
    return {DeliveryOutcome::failed, PrinterProblem::none, fmt_job_unknown(job_id)};
  }
  // Called (from any thread) when the printer may have come or gone.
  virtual void on_change(std::function<void()> callback) { (void)callback; }

private:
  static std::string fmt_job_unknown(int job_id) {
    return "job " + std::to_string(job_id) + " cannot be followed on this printer";
  }
};

}  // namespace accueil::printer
