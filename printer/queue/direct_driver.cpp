#include "printer/queue/direct_driver.hpp"

#include <chrono>
#include <cmath>

#include <fmt/core.h>

namespace accueil::printer {

namespace {

std::int64_t steady_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

int dots(double mm, int dpi) { return static_cast<int>(std::lround(mm * dpi / 25.4)); }

// What the printer says of its main problem, or the problem's name.
std::string main_issue(const PrinterState& state) {
  std::string detail = state.main_detail();
  return detail.empty() ? std::string(name(state.main_problem())) : detail;
}

// The model to use for bytes sent before the model is known: the largest
// invalidate count of any model completes any pending command.
constexpr brother::Model k_reset_model = brother::Model::ql_800;

}  // namespace

DirectDriver::DirectDriver(std::unique_ptr<Transport> transport, DirectOptions options)
    : m_transport(std::move(transport)), m_options(std::move(options)), m_model(m_options.language.model) {}

std::string DirectDriver::describe() const {
  std::string language = m_options.language.language == Language::zpl
                             ? fmt::format("Zebra (ZPL, {} dpi)", m_options.language.dpi)
                             : (m_model ? fmt::format("Brother {}", brother::info(*m_model).name) : "Brother QL");
  return fmt::format("{} on {}", language, m_transport->describe());
}

RenderTarget DirectDriver::target() const {
  RenderTarget t;
  t.format = RenderTarget::Format::mono;
  t.mono.dpi = m_options.language.dpi;
  if (m_options.language.language == Language::brother_ql) {
    if (auto media = brother_media(m_options.media)) {
      const auto& info = brother::info(*media);
      t.mono.width_dots = info.printable_width_dots;
      t.mono.height_dots = info.printable_length_dots;
    }
  } else {
    t.mono.width_dots = dots(m_options.media.width_mm, t.mono.dpi);
    t.mono.height_dots = m_options.media.length_mm > 0 ? dots(m_options.media.length_mm, t.mono.dpi) : 0;
  }
  return t;
}

void DirectDriver::on_change(std::function<void()> callback) { m_transport->on_change(std::move(callback)); }

std::optional<brother::Model> DirectDriver::model() {
  if (!m_model && m_options.detect_model) m_model = m_options.detect_model();
  return m_model;
}

Result<std::vector<std::uint8_t>> DirectDriver::encode(const MonoBitmap& badge,
                                                       std::optional<brother::Model> model) const {
  if (m_options.language.language == Language::zpl) {
    auto label = zpl::encode_label(badge, m_options.zpl);
    if (!label) return std::unexpected(label.error());
    // First, drop what is left of a job cut off mid-send (see zpl.hpp).
    std::vector<std::uint8_t> job(zpl::k_cancel_partial_format.begin(), zpl::k_cancel_partial_format.end());
    job.insert(job.end(), label->begin(), label->end());
    return job;
  }
  auto media = brother_media(m_options.media);
  if (!media) return fail(fmt::format("no Brother QL media is {} mm", to_string(m_options.media)));
  auto which = m_model ? m_model : model;
  if (!which) return fail("the Brother model is not known: name it in the URI (brother-ql-820nwb)");
  return brother::encode_job(*which, *media, std::span<const MonoBitmap>(&badge, 1), m_options.brother);
}

DirectDriver::Asked DirectDriver::ask_state() {
  Asked asked;
  if (!m_options.ask_status || !m_transport->can_read()) return asked;
  const Interrupt never = [] { return false; };
  if (m_options.language.language == Language::brother_ql) {
    // Invalidate, ESC @ (initialise), ESC i S (status request): the manuals'
    // way into a printer in an unknown state. It answers 32 bytes.
    if (!m_transport->write(brother::reset_and_status_request(m_model.value_or(k_reset_model)), never)) return asked;
    std::vector<std::uint8_t> reply;
    const std::int64_t deadline = steady_ms() + m_options.status_timeout_ms;
    while (reply.size() < brother::k_status_size && steady_ms() < deadline) {
      auto got = m_transport->read(brother::k_status_size - reply.size(),
                                   static_cast<int>(std::max<std::int64_t>(1, deadline - steady_ms())));
      if (!got) return asked;
      reply.insert(reply.end(), got->begin(), got->end());
    }
    auto status = brother::parse_status(reply);
    if (!status) return asked;
    asked.answered = true;
    // Labels other than the configured ones: a clear state before anything
    // is sent, rather than a job the printer refuses halfway.
    const auto media = brother_media(m_options.media);
    asked.state = media ? brother::to_printer_state(*status, *media) : brother::to_printer_state(*status);
    asked.model = status->model;
    if (!m_model && status->model) m_model = status->model;
    return asked;
  }
  // ZPL: ~HQES answers an <STX>...<ETX> block with ERRORS: and WARNINGS: lines.
  const std::string query(zpl::k_host_query_status);
  if (!m_transport->write(std::span(reinterpret_cast<const std::uint8_t*>(query.data()), query.size()), never))
    return asked;
  std::string reply;
  const std::int64_t deadline = steady_ms() + m_options.status_timeout_ms;
  while (steady_ms() < deadline) {
    auto got = m_transport->read(1024, static_cast<int>(std::max<std::int64_t>(1, deadline - steady_ms())));
    if (!got) return asked;
    reply.append(got->begin(), got->end());
    if (auto parsed = zpl::parse_hqes(reply)) {
      asked.answered = true;
      asked.state = zpl::to_printer_state(*parsed);
      return asked;
    }
  }
  return asked;
}

PrinterState DirectDriver::check() {
  PrinterState state;
  if (auto opened = m_transport->open(); !opened) {
    state.add(opened.error().problem, opened.error().message);
    return state;
  }
  model();
  Asked asked = ask_state();
  if (asked.answered) state = asked.state;
  else state = m_transport->line_status();
  m_transport->close();
  return state;
}

Delivery DirectDriver::deliver(const RenderedBadge& badge, JobContext& context) {
  if (auto opened = m_transport->open(); !opened)
    return {DeliveryOutcome::retry, opened.error().problem, opened.error().message};
  model();
  // Before the job: is the printer able to print? Trouble: nothing is sent.
  Asked asked = ask_state();
  PrinterState before = asked.answered ? asked.state : m_transport->line_status();
  context.waiting(before);
  if (before.readiness == Readiness::needs_attention) {
    m_transport->close();
    return {DeliveryOutcome::retry, before.main_problem(), main_issue(before)};
  }

  auto job = encode(badge.mono, asked.model);
  if (!job) {
    m_transport->close();
    return {DeliveryOutcome::failed, PrinterProblem::none, job.error().message};
  }

  auto go = context.sending();
  if (!go) {
    m_transport->close();
    return {DeliveryOutcome::failed, PrinterProblem::none, go.error().message};
  }
  if (!*go) {
    m_transport->close();
    return {DeliveryOutcome::cancelled, PrinterProblem::none, "cancelled before it was sent"};
  }

  auto written = m_transport->write(*job, [&] { return context.cancel_requested() || context.stopping(); });
  if (!written) {
    const TransportError& e = written.error();
    m_transport->close();
    // The print command is the job's last bytes (Brother FF/Ctrl-Z, ZPL ^XZ):
    // a job cut short prints nothing, so it may be sent again. What the
    // printer kept of it is dropped by the next job's first bytes (Brother:
    // the invalidate NULs and ESC @; ZPL: ~JX).
    if (e.problem == PrinterProblem::none && context.cancel_requested())
      return {DeliveryOutcome::cancelled, PrinterProblem::none,
              fmt::format("cancelled after {} of {} bytes: the printer did not get the end of the job", e.bytes_sent,
                          job->size())};
    if (e.problem == PrinterProblem::none)
      return {DeliveryOutcome::retry, PrinterProblem::none,
              fmt::format("interrupted after {} of {} bytes: sent again when the queue starts", e.bytes_sent,
                          job->size())};
    return {DeliveryOutcome::retry, e.problem, e.message};
  }

  // Brother printers on a channel that answers say when the label is out.
  if (m_options.language.language == Language::brother_ql && asked.answered) {
    const std::int64_t deadline = steady_ms() + m_options.completion_timeout_ms;
    std::vector<std::uint8_t> reply;
    while (steady_ms() < deadline) {
      auto got = m_transport->read(brother::k_status_size - reply.size(),
                                   static_cast<int>(std::min<std::int64_t>(500, deadline - steady_ms())));
      if (!got) {
        m_transport->close();
        return {DeliveryOutcome::failed, got.error().problem,
                fmt::format("{} after the whole badge was sent: check whether it printed, and reprint it if not",
                            got.error().message)};
      }
      reply.insert(reply.end(), got->begin(), got->end());
      if (reply.size() < brother::k_status_size) continue;
      auto status = brother::parse_status(reply);
      reply.clear();
      if (!status) continue;
      const auto type = static_cast<brother::StatusType>(status->status_type);
      if (type == brother::StatusType::printing_completed) {
        m_transport->close();
        context.waiting(brother::to_printer_state(*status));
        return {DeliveryOutcome::printed, PrinterProblem::none, "printed"};
      }
      if (type == brother::StatusType::error_occurred) {
        PrinterState state = brother::to_printer_state(*status);
        context.waiting(state);
        m_transport->close();
        return {DeliveryOutcome::failed, state.main_problem(),
                fmt::format("the printer reported \"{}\" while printing: check whether the badge came out, and "
                            "reprint it if not", main_issue(state))};
      }
    }
    m_transport->close();
    return {DeliveryOutcome::failed, PrinterProblem::other,
            fmt::format("the printer did not say the badge was printed within {} s: check whether it came out, and "
                        "reprint it if not", m_options.completion_timeout_ms / 1000)};
  }
  m_transport->close();
  return {DeliveryOutcome::printed, PrinterProblem::none, fmt::format("{} bytes sent", job->size())};
}

}  // namespace accueil::printer
