// A printer behind a CUPS queue: the badge goes as a PDF, on the media of
// the badge's size that the queue offers; the job is followed (job state,
// and the queue's printer-state-reasons in the common vocabulary) until it
// printed, was cancelled or aborted. A job waits in CUPS while the printer
// has trouble; it prints when the trouble is cleared.
#pragma once

#include <optional>
#include <string>

#include "printer/cups/cups_client.hpp"
#include "printer/queue/printer_config.hpp"
#include "printer/queue/printer_driver.hpp"

namespace accueil::printer {

struct CupsDriverOptions {
  std::string queue;
  MediaSpec media;            // none (width 0, no name): the queue's default media
  int poll_ms = 250;          // how often a job's state is asked while it waits
  int connect_timeout_ms = 3'000;
};

class CupsDriver final : public PrinterDriver {
public:
  explicit CupsDriver(CupsDriverOptions options);

  std::string describe() const override;
  RenderTarget target() const override;
  PrinterState check() override;
  Delivery deliver(const RenderedBadge& badge, JobContext& context) override;
  Delivery resume(int job_id, std::string_view queue, JobContext& context) override;

private:
  cups::CupsResult<cups::Client*> client();
  PrinterState state_of(const cups::CupsResult<cups::QueueStatus>& status, std::string_view queue) const;
  Delivery follow(int job_id, const std::string& queue, JobContext& context);

  CupsDriverOptions m_options;
  std::optional<cups::Client> m_client;
};

}  // namespace accueil::printer
