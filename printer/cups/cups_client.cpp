#include "printer/cups/cups_client.hpp"

#include <cups/cups.h>

#include <algorithm>

#include <cmath>
#include <cstdlib>
#include <map>

#include <fmt/core.h>

namespace accueil::printer::cups {

namespace {

// libcups's last error, classified. `doing` says what was being done.
Failure last_failure(std::string_view doing) {
  const ipp_status_t status = cupsLastError();
  const char* text = cupsLastErrorString();
  const std::string why = text && *text ? text : ippErrorString(status);
  switch (status) {
    case IPP_STATUS_ERROR_SERVICE_UNAVAILABLE:
    case IPP_STATUS_ERROR_INTERNAL:
    case IPP_STATUS_ERROR_DEVICE:
    case IPP_STATUS_ERROR_TEMPORARY:
      return {PrinterProblem::offline,
              fmt::format("{}: the print service (CUPS at {}) stopped or cannot be reached ({}): is cupsd running?",
                          doing, server_name(), why)};
    case IPP_STATUS_ERROR_NOT_FOUND:
      return {PrinterProblem::offline, fmt::format("{}: not found on CUPS at {} ({})", doing, server_name(), why)};
    case IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS:
      return {PrinterProblem::offline, fmt::format("{}: the queue does not accept jobs ({})", doing, why)};
    default: return {PrinterProblem::other, fmt::format("{}: {}", doing, why)};
  }
}

std::vector<std::string> strings(ipp_attribute_t* attr) {
  std::vector<std::string> out;
  for (int i = 0; attr && i < ippGetCount(attr); ++i)
    if (const char* s = ippGetString(attr, i, nullptr)) out.emplace_back(s);
  return out;
}

std::vector<std::string> split_commas(const char* text) {
  std::vector<std::string> out;
  if (!text) return out;
  std::string_view rest(text);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    out.emplace_back(rest.substr(0, comma));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

std::string local_uri(const char* format, std::string_view name_or_id) {
  char uri[1024];
  httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", ippPort(), format,
                   std::string(name_or_id).c_str());
  return uri;
}

}  // namespace

std::string scheduler_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte > 0x20 && byte < 0x7F) {
      out += static_cast<char>(byte);
      ++i;
      continue;
    }
    out += '_';
    ++i;
    if (byte >= 0xC0)  // a UTF-8 lead byte: its continuation bytes go with it
      while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  }
  if (out.empty()) out = "_";
  return out;
}

std::string server_name() {
  const char* server = cupsServer();
  if (server && server[0] == '/') return fmt::format("{} (local socket)", server);
  std::string name = server ? server : "localhost";
  if (name.find(':') == std::string::npos) name += fmt::format(":{}", ippPort());
  return name;
}

struct Client::State {
  http_t* http = nullptr;
  struct Dest {
    cups_dest_t* dest = nullptr;
    cups_dinfo_t* info = nullptr;
  };
  std::map<std::string, Dest, std::less<>> dests;

  ~State() {
    for (auto& [name, d] : dests) {
      cupsFreeDestInfo(d.info);
      cupsFreeDests(1, d.dest);
    }
    httpClose(http);
  }

  // The queue's destination and its supported values, fetched once.
  CupsResult<Dest> dest(std::string_view queue) {
    if (auto it = dests.find(queue); it != dests.end()) return it->second;
    const std::string name(queue);
    cups_dest_t* d = cupsGetNamedDest(http, name.c_str(), nullptr);
    if (!d) {
      Failure f = last_failure(fmt::format("CUPS queue {}", queue));
      if (f.problem == PrinterProblem::other || cupsLastError() <= IPP_STATUS_OK_CONFLICTING)
        f = {PrinterProblem::offline, fmt::format("CUPS at {} has no queue named {}", server_name(), queue)};
      return std::unexpected(f);
    }
    cups_dinfo_t* info = cupsCopyDestInfo(http, d);
    if (!info) {
      Failure f = last_failure(fmt::format("what CUPS queue {} supports", queue));
      cupsFreeDests(1, d);
      return std::unexpected(f);
    }
    Dest entry{d, info};
    dests.emplace(name, entry);
    return entry;
  }

  // After a failure the cached description may be stale (queue re-created).
  void forget(std::string_view queue) {
    if (auto it = dests.find(queue); it != dests.end()) {
      cupsFreeDestInfo(it->second.info);
      cupsFreeDests(1, it->second.dest);
      dests.erase(it);
    }
  }
};

Client::Client(std::unique_ptr<State> state) : m_state(std::move(state)) {}
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;
Client::~Client() = default;

CupsResult<Client> Client::connect(int timeout_ms) {
  auto state = std::make_unique<State>();
  state->http = httpConnect2(cupsServer(), ippPort(), nullptr, AF_UNSPEC, cupsEncryption(), 1, timeout_ms, nullptr);
  // libcups's last error and errno after a failed connect tell of other calls
  // (a close, a lookup): say only what is known.
  if (!state->http)
    return std::unexpected(Failure{PrinterProblem::offline,
                                   fmt::format("CUPS at {} does not answer: is cupsd running?", server_name())});
  // A request that gets no answer for this long fails instead of hanging.
  httpSetTimeout(state->http, 10.0, nullptr, nullptr);
  return Client(std::move(state));
}

CupsResult<std::vector<QueueInfo>> Client::queues() {
  cups_dest_t* dests = nullptr;
  const int count = cupsGetDests2(m_state->http, &dests);
  if (count == 0 && cupsLastError() > IPP_STATUS_OK_CONFLICTING)
    return std::unexpected(last_failure("listing the CUPS queues"));
  std::vector<QueueInfo> out;
  for (int i = 0; i < count; ++i) {
    const cups_dest_t& d = dests[i];
    if (d.instance) continue;
    auto option = [&](const char* name) {
      const char* v = cupsGetOption(name, d.num_options, d.options);
      return std::string(v ? v : "");
    };
    QueueInfo q;
    q.name = d.name;
    q.info = option("printer-info");
    q.location = option("printer-location");
    q.make_and_model = option("printer-make-and-model");
    q.device_uri = option("device-uri");
    q.is_default = d.is_default != 0;
    q.status.state = std::atoi(option("printer-state").c_str());
    if (q.status.state == 0) q.status.state = k_printer_idle;
    q.status.reasons = split_commas(cupsGetOption("printer-state-reasons", d.num_options, d.options));
    q.status.message = option("printer-state-message");
    q.status.accepting = option("printer-is-accepting-jobs") != "false";
    out.push_back(std::move(q));
  }
  cupsFreeDests(count, dests);
  return out;
}

CupsResult<QueueStatus> Client::queue_status(std::string_view queue) {
  static const char* const wanted[] = {"printer-state",  "printer-state-reasons", "printer-state-message",
                                       "printer-is-accepting-jobs", "device-uri", "queued-job-count"};
  ipp_t* request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
  const std::string uri = local_uri("/printers/%s", queue);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 6, nullptr, wanted);
  ipp_t* response = cupsDoRequest(m_state->http, request, "/");
  if (!response || cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
    ippDelete(response);
    return std::unexpected(last_failure(fmt::format("the state of CUPS queue {}", queue)));
  }
  QueueStatus s;
  if (auto* a = ippFindAttribute(response, "printer-state", IPP_TAG_ENUM)) s.state = ippGetInteger(a, 0);
  s.reasons = strings(ippFindAttribute(response, "printer-state-reasons", IPP_TAG_KEYWORD));
  if (auto* a = ippFindAttribute(response, "printer-state-message", IPP_TAG_TEXT))
    s.message = ippGetString(a, 0, nullptr) ? ippGetString(a, 0, nullptr) : "";
  if (auto* a = ippFindAttribute(response, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN))
    s.accepting = ippGetBoolean(a, 0) != 0;
  std::string device;
  if (auto* a = ippFindAttribute(response, "device-uri", IPP_TAG_URI))
    device = ippGetString(a, 0, nullptr) ? ippGetString(a, 0, nullptr) : "";
  int queued = 0;
  if (auto* a = ippFindAttribute(response, "queued-job-count", IPP_TAG_INTEGER)) queued = ippGetInteger(a, 0);
  ippDelete(response);
  refresh_from_device(s, device, queued);
  return s;
}

// cupsd learns a printer's state from the backend of a running job and keeps
// the last reasons it heard (as "...-warning") while the queue is idle: a
// queue whose held job was cancelled still says "media-empty-warning" after
// the labels are reloaded, until another job runs, and a badge queue that
// waits for the printer to be ready never sends that job. For an idle queue
// with such reasons and an IPP printer behind it, ask the printer itself.
void Client::refresh_from_device(QueueStatus& s, const std::string& device, int queued_jobs) {
  if (s.state != k_printer_idle || queued_jobs > 0) return;
  auto heard = [](const std::string& r) { return r.ends_with("-warning") && !r.starts_with("cups-"); };
  if (std::none_of(s.reasons.begin(), s.reasons.end(), heard)) return;
  char scheme[32], user[256], host[256], resource[1024];
  int port = 0;
  if (httpSeparateURI(HTTP_URI_CODING_ALL, device.c_str(), scheme, sizeof scheme, user, sizeof user, host, sizeof host,
                      &port, resource, sizeof resource) < HTTP_URI_STATUS_OK)
    return;
  const std::string_view kind = scheme;
  if (kind != "ipp" && kind != "ipps") return;
  http_t* http = httpConnect2(host, port, nullptr, AF_UNSPEC,
                              kind == "ipps" ? HTTP_ENCRYPTION_ALWAYS : HTTP_ENCRYPTION_IF_REQUESTED, 1, 2000, nullptr);
  if (!http) return;  // the printer cannot be reached from here: cupsd's word stands
  static const char* const wanted[] = {"printer-state-reasons"};
  ipp_t* request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, device.c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 1, nullptr, wanted);
  ipp_t* response = cupsDoRequest(http, request, resource);
  if (response && ippGetStatusCode(response) <= IPP_STATUS_OK_CONFLICTING) {
    std::vector<std::string> live = strings(ippFindAttribute(response, "printer-state-reasons", IPP_TAG_KEYWORD));
    std::erase_if(s.reasons, heard);
    for (std::string& r : live)
      if (r != "none" && std::find(s.reasons.begin(), s.reasons.end(), r) == s.reasons.end())
        s.reasons.push_back(std::move(r));
    if (s.reasons.empty()) s.reasons.push_back("none");
  }
  ippDelete(response);
  httpClose(http);
}

CupsResult<MediaChoice> Client::choose_media(std::string_view queue, double width_mm, double length_mm,
                                             std::string_view name) {
  auto d = m_state->dest(queue);
  if (!d) return std::unexpected(d.error());
  cups_size_t size{};
  if (!name.empty()) {
    if (cupsGetDestMediaByName(m_state->http, d->dest, d->info, std::string(name).c_str(), CUPS_MEDIA_FLAGS_DEFAULT,
                               &size))
      return MediaChoice{size.media, size.width, size.length};
    return std::unexpected(Failure{PrinterProblem::wrong_media,
                                   fmt::format("CUPS queue {} has no media named {}", queue, name)});
  }
  const int want_w = static_cast<int>(std::lround(width_mm * 100));
  const int want_l = static_cast<int>(std::lround(length_mm * 100));
  const int count = cupsGetDestMediaCount(m_state->http, d->dest, d->info, CUPS_MEDIA_FLAGS_DEFAULT);
  std::optional<MediaChoice> best;
  int best_distance = 0;
  std::string sizes;
  for (int i = 0; i < count; ++i) {
    if (!cupsGetDestMediaByIndex(m_state->http, d->dest, d->info, i, CUPS_MEDIA_FLAGS_DEFAULT, &size)) continue;
    if (sizes.size() < 300) sizes += fmt::format("{}{:g}x{:g}", sizes.empty() ? "" : ", ", size.width / 100.0,
                                                 size.length / 100.0);
    const int dw = std::abs(size.width - want_w);
    const int dl = want_l > 0 ? std::abs(size.length - want_l) : 0;
    if (dw > 100 || dl > 100) continue;  // more than 1 mm off: another media
    if (!best || dw + dl < best_distance) {
      best = MediaChoice{size.media, size.width, size.length};
      best_distance = dw + dl;
    }
  }
  if (best) return *best;
  return std::unexpected(Failure{
      PrinterProblem::wrong_media,
      fmt::format("CUPS queue {} has no {:g} x {:g} mm media (it has {}): load the badge labels and choose them in "
                  "its settings, or change media in the printers' configuration",
                  queue, width_mm, length_mm, sizes.empty() ? "none listed" : sizes)});
}

CupsResult<std::string> Client::choose_format(std::string_view queue, std::span<const std::string_view> preferred) {
  auto d = m_state->dest(queue);
  if (!d) return std::unexpected(d.error());
  std::string tried;
  for (std::string_view format : preferred) {
    const std::string f(format);
    if (cupsCheckDestSupported(m_state->http, d->dest, d->info, "document-format", f.c_str())) return f;
    tried += (tried.empty() ? "" : ", ") + f;
  }
  return std::unexpected(
      Failure{PrinterProblem::other, fmt::format("CUPS queue {} takes none of {}", queue, tried)});
}

CupsResult<int> Client::create_job(std::string_view queue, std::string_view title, const Options& options) {
  auto d = m_state->dest(queue);
  if (!d) return std::unexpected(d.error());
  int num_options = 0;
  cups_option_t* cups_options = nullptr;
  for (const auto& [key, value] : options)
    num_options = cupsAddOption(key.c_str(), scheduler_safe(value).c_str(), num_options, &cups_options);
  int job_id = 0;
  const ipp_status_t status = cupsCreateDestJob(m_state->http, d->dest, d->info, &job_id,
                                                std::string(title).c_str(), num_options, cups_options);
  cupsFreeOptions(num_options, cups_options);
  if (status > IPP_STATUS_OK_CONFLICTING || job_id <= 0) {
    Failure f = last_failure(fmt::format("creating a job on CUPS queue {}", queue));
    m_state->forget(queue);
    return std::unexpected(f);
  }
  return job_id;
}

CupsResult<void> Client::send_document(std::string_view queue, int job_id, std::string_view document_name,
                                       std::string_view format, std::span<const std::uint8_t> bytes) {
  auto d = m_state->dest(queue);
  if (!d) return std::unexpected(d.error());
  const std::string doing = fmt::format("sending the badge to CUPS job {} on {}", job_id, queue);
  if (cupsStartDestDocument(m_state->http, d->dest, d->info, job_id, scheduler_safe(document_name).c_str(),
                            std::string(format).c_str(), 0, nullptr, 1) != HTTP_STATUS_CONTINUE)
    return std::unexpected(last_failure(doing));
  if (cupsWriteRequestData(m_state->http, reinterpret_cast<const char*>(bytes.data()), bytes.size()) !=
      HTTP_STATUS_CONTINUE) {
    (void)cupsFinishDestDocument(m_state->http, d->dest, d->info);
    return std::unexpected(last_failure(doing));
  }
  if (cupsFinishDestDocument(m_state->http, d->dest, d->info) > IPP_STATUS_OK_CONFLICTING)
    return std::unexpected(last_failure(doing));
  return {};
}

CupsResult<JobStatus> Client::job_status(int job_id) {
  static const char* const wanted[] = {"job-state", "job-state-reasons", "job-printer-state-message", "job-name"};
  ipp_t* request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
  const std::string uri = local_uri("/jobs/%s", std::to_string(job_id));
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr, uri.c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 4, nullptr, wanted);
  ipp_t* response = cupsDoRequest(m_state->http, request, "/");
  if (!response || cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
    if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND) {
      // The job, not the printer: cupsd forgot it, most often because it
      // stopped (or crashed) before writing the job down. Whether the job
      // reached the printer first cannot be told from here.
      ippDelete(response);
      return std::unexpected(Failure{PrinterProblem::none,
                                     fmt::format("CUPS at {} no longer has job {} (the print service restarted and "
                                                 "lost it, or purged it)",
                                                 server_name(), job_id)});
    }
    ippDelete(response);
    return std::unexpected(last_failure(fmt::format("the state of CUPS job {}", job_id)));
  }
  JobStatus s;
  if (auto* a = ippFindAttribute(response, "job-state", IPP_TAG_ENUM)) s.state = static_cast<JobState>(ippGetInteger(a, 0));
  s.reasons = strings(ippFindAttribute(response, "job-state-reasons", IPP_TAG_KEYWORD));
  if (auto* a = ippFindAttribute(response, "job-name", IPP_TAG_ZERO))  // name, with or without language
    s.name = ippGetString(a, 0, nullptr) ? ippGetString(a, 0, nullptr) : "";
  if (auto* a = ippFindAttribute(response, "job-printer-state-message", IPP_TAG_TEXT))
    s.printer_message = ippGetString(a, 0, nullptr) ? ippGetString(a, 0, nullptr) : "";
  ippDelete(response);
  return s;
}

CupsResult<void> Client::cancel(std::string_view queue, int job_id) {
  auto d = m_state->dest(queue);
  if (!d) return std::unexpected(d.error());
  if (cupsCancelDestJob(m_state->http, d->dest, job_id) > IPP_STATUS_OK_CONFLICTING)
    return std::unexpected(last_failure(fmt::format("cancelling CUPS job {} on {}", job_id, queue)));
  return {};
}

}  // namespace accueil::printer::cups
