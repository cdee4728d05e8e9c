#include "printer/queue/cups_driver.hpp"

#include <algorithm>
#include <array>

#include <fmt/core.h>
#include <fmt/format.h>

namespace accueil::printer {

namespace {

bool has_reason(const std::vector<std::string>& reasons, std::string_view reason) {
  return std::find(reasons.begin(), reasons.end(), reason) != reasons.end();
}

// Whether CUPS job `job` is still the one we created: job ids are not unique
// over a scheduler crash (a job lost before its control file was written
// leaves its id free, and the restarted cupsd can give it to someone else's
// job), so a job is ours only when its job-name is the title we gave it.
bool is_ours(const cups::JobStatus& job, std::string_view title) { return job.name == title; }

std::string lost_job(int job_id) {
  return fmt::format("CUPS no longer has job {} (the print service restarted and lost it; the id now belongs to "
                     "another job): check whether the badge printed, and reprint it if not",
                     job_id);
}

PrinterState offline(const cups::Failure& f) {
  PrinterState s;
  s.add(f.problem, f.message);
  return s;
}

}  // namespace

CupsDriver::CupsDriver(CupsDriverOptions options) : m_options(std::move(options)) {}

std::string CupsDriver::describe() const {
  return fmt::format("CUPS queue {} at {}", m_options.queue, cups::server_name());
}

RenderTarget CupsDriver::target() const { return {RenderTarget::Format::pdf, {}}; }

cups::CupsResult<cups::Client*> CupsDriver::client() {
  if (!m_client) {
    auto connected = cups::Client::connect(m_options.connect_timeout_ms);
    if (!connected) return std::unexpected(connected.error());
    m_client = std::move(*connected);
  }
  return &*m_client;
}

PrinterState CupsDriver::state_of(const cups::CupsResult<cups::QueueStatus>& status, std::string_view queue) const {
  if (!status) return offline(status.error());
  return cups::printer_state(fmt::format("CUPS queue {}", queue), status->state, status->reasons, status->message,
                             status->accepting);
}

PrinterState CupsDriver::check() {
  auto c = client();
  if (!c) return offline(c.error());
  return state_of((*c)->queue_status(m_options.queue), m_options.queue);
}

Delivery CupsDriver::deliver(const RenderedBadge& badge, JobContext& context) {
  auto c = client();
  if (!c) return {DeliveryOutcome::retry, c.error().problem, c.error().message};
  cups::Client& cups = **c;
  const std::string& queue = m_options.queue;

  // A stopped queue, or one that refuses jobs, would keep the badge: leave
  // it queued here, where a failover printer can take it.
  auto status = cups.queue_status(queue);
  if (!status) return {DeliveryOutcome::retry, status.error().problem, status.error().message};
  if (status->state == cups::k_printer_stopped || !status->accepting) {
    PrinterState state = state_of(status, queue);
    context.waiting(state);
    std::string detail = state.main_detail();
    return {DeliveryOutcome::retry, state.main_problem(), detail.empty() ? "stopped" : std::move(detail)};
  }

  cups::Options options;
  if (m_options.media.width_mm > 0 || !m_options.media.name.empty()) {
    auto media = cups.choose_media(queue, m_options.media.width_mm, m_options.media.length_mm, m_options.media.name);
    if (!media) return {DeliveryOutcome::retry, media.error().problem, media.error().message};
    options.emplace_back("media", media->name);
  }
  static constexpr std::array<std::string_view, 1> formats{"application/pdf"};
  auto format = cups.choose_format(queue, formats);
  if (!format) return {DeliveryOutcome::failed, format.error().problem, format.error().message};

  auto go = context.sending();
  if (!go) return {DeliveryOutcome::failed, PrinterProblem::none, go.error().message};
  if (!*go) return {DeliveryOutcome::cancelled, PrinterProblem::none, "cancelled before it was sent"};

  const std::string title = context.title();
  auto job = cups.create_job(queue, title, options);
  if (!job) return {DeliveryOutcome::retry, job.error().problem, job.error().message};
  if (auto recorded = context.job_created(*job, queue); !recorded) {
    (void)cups.cancel(queue, *job);
    return {DeliveryOutcome::failed, PrinterProblem::none, recorded.error().message};
  }
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(badge.pdf.data());
  if (auto sent = cups.send_document(queue, *job, title, *format, std::span(bytes, badge.pdf.size())); !sent) {
    // The job may or may not have its document. Cancelled: nothing prints,
    // it can go again. Otherwise follow it: it may print.
    (void)cups.cancel(queue, *job);
    auto after = cups.job_status(*job);
    if (after && (after->state == cups::JobState::canceled || after->state == cups::JobState::aborted))
      return {DeliveryOutcome::retry, sent.error().problem, sent.error().message};
  }
  return follow(*job, queue, context);
}

Delivery CupsDriver::resume(int job_id, std::string_view queue_name, JobContext& context) {
  const std::string queue = queue_name.empty() ? m_options.queue : std::string(queue_name);
  auto c = client();
  if (c) {
    // A job that never got its document (the crash came between Create-Job
    // and Send-Document) would sit in CUPS until it times out: end it now.
    auto status = (*c)->job_status(job_id);
    if (status && !is_ours(*status, context.title()))
      return {DeliveryOutcome::failed, PrinterProblem::none, lost_job(job_id)};
    if (status && !cups::is_terminal(status->state) &&
        (has_reason(status->reasons, "job-incoming") || has_reason(status->reasons, "job-data-insufficient"))) {
      (void)(*c)->cancel(queue, job_id);
      return {DeliveryOutcome::failed, PrinterProblem::none,
              fmt::format("Accueil stopped before the badge reached CUPS job {}: nothing was printed; reprint it",
                          job_id)};
    }
  }
  return follow(job_id, queue, context);
}

Delivery CupsDriver::follow(int job_id, const std::string& queue, JobContext& context) {
  const std::string title = context.title();
  bool cancel_sent = false;
  bool sent_to_printer = false;  // cancelled while the printer had it
  for (;;) {
    if (context.stopping())
      return {DeliveryOutcome::detached, PrinterProblem::none, fmt::format("CUPS job {} is still on its way", job_id)};
    auto c = client();
    if (!c) {
      context.waiting(offline(c.error()));
      context.pause(m_options.poll_ms * 4);
      continue;
    }
    cups::Client& cups = **c;
    auto job = cups.job_status(job_id);
    if (!job) {
      if (job.error().problem == PrinterProblem::offline) {
        // cupsd stopped or unreachable: the job is safe in its spool; wait.
        context.waiting(offline(job.error()));
        context.pause(m_options.poll_ms * 4);
        continue;
      }
      return {DeliveryOutcome::failed, job.error().problem,
              fmt::format("{}: check whether the badge printed, and reprint it if not", job.error().message)};
    }
    if (!is_ours(*job, title)) return {DeliveryOutcome::failed, PrinterProblem::none, lost_job(job_id)};
    // Cancelled only once it is known to be ours (see is_ours); its end shows at a later poll.
    if (context.cancel_requested() && !cancel_sent && !cups::is_terminal(job->state)) {
      cancel_sent = cups.cancel(queue, job_id).has_value();
      sent_to_printer = job->state == cups::JobState::processing;
    }
    switch (job->state) {
      case cups::JobState::completed: {
        context.waiting(state_of(cups.queue_status(queue), queue));
        return {DeliveryOutcome::printed, PrinterProblem::none, fmt::format("CUPS job {} completed", job_id)};
      }
      case cups::JobState::canceled:
        // Stopped while the printer had it: CUPS passes the cancel on, but a
        // printer may still print what it holds once it can.
        return {DeliveryOutcome::cancelled, PrinterProblem::none,
                cups::job_end_detail(job->state, job->reasons, job->printer_message) +
                    (sent_to_printer ? "; the printer had already received it: if it ignores the cancel, the badge "
                                       "comes out there when the printer is ready again (look in its tray before "
                                       "printing another)"
                                     : "")};
      case cups::JobState::aborted:
        return {DeliveryOutcome::failed, PrinterProblem::other,
                cups::job_end_detail(job->state, job->reasons, job->printer_message) +
                    ": check whether the badge printed, and reprint it if not"};
      default: break;
    }
    PrinterState state = state_of(cups.queue_status(queue), queue);
    if (job->state == cups::JobState::held && state.issues.empty())
      state.add(PrinterProblem::other, fmt::format("CUPS holds job {} ({}): release it with lp -i {} -H resume",
                                                   job_id, fmt::join(job->reasons, ", "), job_id));
    context.waiting(state);
    context.pause(m_options.poll_ms);
  }
}

}  // namespace accueil::printer
