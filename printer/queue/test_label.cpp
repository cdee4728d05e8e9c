#include "printer/queue/test_label.hpp"

#include <algorithm>
#include <thread>

#include <fmt/core.h>

namespace accueil::printer {

namespace {

// The job of a test label: nothing durable to record, a deadline instead of
// an operator's cancel.
class TestJob final : public JobContext {
public:
  TestJob(std::string title, std::chrono::steady_clock::time_point deadline)
      : m_title(std::move(title)), m_deadline(deadline) {}
  Result<bool> sending() override { return true; }
  Status job_created(int, std::string_view) override { return {}; }
  void waiting(const PrinterState& state) override { m_last = state; }
  bool cancel_requested() override { return std::chrono::steady_clock::now() >= m_deadline; }
  bool stopping() override { return false; }
  void pause(int ms) override {
    const auto until = std::min(m_deadline, std::chrono::steady_clock::now() + std::chrono::milliseconds(ms));
    std::this_thread::sleep_until(until);
  }
  std::string title() const override { return m_title; }
  const PrinterState& last() const { return m_last; }

private:
  std::string m_title;
  std::chrono::steady_clock::time_point m_deadline;
  PrinterState m_last;
};

}  // namespace

Attendee test_label_attendee(const Event& event) {
  Attendee a;
  a.id = "test-label";
  a.external_ref = "TEST";
  a.ticket_code = std::string(k_test_label_code);
  a.first_name = "Étiquette";
  a.last_name = "d’essai";
  a.organisation = "Accueil";
  a.function = event.name;
  a.language = event.languages.empty() ? "fr" : event.languages.front();
  if (!event.categories.empty()) a.category = event.categories.front().key;
  return a;
}

Delivery print_test_label(const Event& event, const PrinterConfig& printer, PrinterDriver& driver,
                          BadgeRenderer& renderer, std::chrono::milliseconds patience) {
  if (printer.template_id.empty())
    return {DeliveryOutcome::failed, PrinterProblem::none,
            fmt::format("no badge template for printer {}: set its template in the printers' configuration",
                        printer.name)};
  const Attendee attendee = test_label_attendee(event);
  const BadgeSubject subject{event, attendee, k_test_label_code, printer.template_id};
  const RenderTarget target = driver.target();
  RenderedBadge badge;
  if (target.format == RenderTarget::Format::pdf) {
    auto pdf = renderer.pdf(subject);
    if (!pdf) return {DeliveryOutcome::failed, PrinterProblem::none, "the test label cannot be drawn: " + pdf.error().message};
    badge.pdf = std::move(*pdf);
  } else {
    auto mono = renderer.mono(subject, target.mono);
    if (!mono) return {DeliveryOutcome::failed, PrinterProblem::none, "the test label cannot be drawn: " + mono.error().message};
    badge.mono = std::move(*mono);
  }
  TestJob job(fmt::format("Test label for {}", printer.name), std::chrono::steady_clock::now() + patience);
  Delivery d = driver.deliver(badge, job);
  if (d.outcome == DeliveryOutcome::cancelled)
    d.detail = fmt::format("not printed within {} s: {}", patience.count() / 1000,
                           job.last().main_detail().empty() ? d.detail : job.last().main_detail());
  return d;
}

}  // namespace accueil::printer
