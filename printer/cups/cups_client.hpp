// A CUPS scheduler through libcups: its queues and their state, media and
// document format negotiation (cupsCopyDestInfo), job submission, job state,
// cancel. The server is libcups's: $CUPS_SERVER, client.conf, else the local
// cupsd.
//
// A Client is one connection and belongs to one thread (libcups keeps its
// last error per thread). It outlives a restart of cupsd: libcups
// reconnects on the next request.
#pragma once

#include <cstdint>
#include <expected>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "printer/cups/cups_reasons.hpp"
#include "printer/encode/printer_state.hpp"

namespace accueil::printer::cups {

// A failure and where it lands in the vocabulary: offline when the scheduler
// cannot be reached or the queue is gone, wrong_media when the queue has no
// media of the badge's size, other when CUPS refuses.
struct Failure {
  PrinterProblem problem = PrinterProblem::offline;
  std::string message;
};
template <class T>
using CupsResult = std::expected<T, Failure>;

// "localhost:631", the scheduler libcups talks to.
std::string server_name();

// `text` made safe to put in a job or document attribute: every byte outside
// printable ASCII (0x21-0x7E) becomes '_' (one '_' per UTF-8 character), and
// an empty text becomes "_". cupsd copies string attributes into the options
// it gives the filters (get_options in scheduler/job.c); Debian's
// cups-daemon 2.4.2-3+deb12u10 backported a filter of control characters
// there without its follow-up fix (upstream CUPS issue #1532), so whitespace
// overruns a buffer (SIGSEGV) and a control byte loops for ever. Non-ASCII
// bytes are replaced too: whether cupsd's isspace() takes 0x85 or 0xA0 for a
// space depends on its locale. The job-name is not in those options and is
// sent as written. Every string Client puts in a job other than the job-name
// goes through this function.
std::string scheduler_safe(std::string_view text);

struct QueueStatus {
  int state = k_printer_idle;        // IPP printer-state
  std::vector<std::string> reasons;  // printer-state-reasons
  std::string message;               // printer-state-message
  bool accepting = true;             // printer-is-accepting-jobs
};

struct QueueInfo {
  std::string name;
  std::string info;            // printer-info
  std::string location;
  std::string make_and_model;
  std::string device_uri;
  bool is_default = false;
  QueueStatus status;
};

struct JobStatus {
  JobState state = JobState::pending;
  std::string name;                  // job-name, as the job was created
  std::vector<std::string> reasons;  // job-state-reasons
  std::string printer_message;       // job-printer-state-message
};

// A media the queue supports, as CUPS names it.
struct MediaChoice {
  std::string name;   // PWG self-describing name: "custom_62.09x99.84mm_62.09x99.84mm"
  int width_hmm = 0;  // hundredths of millimetres
  int length_hmm = 0;
};

using Options = std::vector<std::pair<std::string, std::string>>;

class Client {
public:
  // Connects within `timeout_ms`; offline, naming the server, when it cannot.
  static CupsResult<Client> connect(int timeout_ms = 3'000);

  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;
  ~Client();

  CupsResult<std::vector<QueueInfo>> queues();
  // The queue's state; for an idle queue that still repeats what its
  // printer last said (see refresh_from_device), the printer's own state.
  CupsResult<QueueStatus> queue_status(std::string_view queue);

  // The queue's media closest to `width_mm` x `length_mm` (length 0: any
  // length), or the one named `name`: wrong_media when none is within 1 mm.
  CupsResult<MediaChoice> choose_media(std::string_view queue, double width_mm, double length_mm,
                                       std::string_view name = {});
  // The first of `preferred` MIME types the queue takes.
  CupsResult<std::string> choose_format(std::string_view queue, std::span<const std::string_view> preferred);

  // Create-Job: the job exists, with no document yet (it prints nothing).
  // `title` is the job-name; the options' values go through scheduler_safe().
  CupsResult<int> create_job(std::string_view queue, std::string_view title, const Options& options);
  // Send-Document, the last one: once this succeeds the job can print. The
  // document-name is scheduler_safe(`document_name`).
  CupsResult<void> send_document(std::string_view queue, int job_id, std::string_view document_name,
                                 std::string_view format, std::span<const std::uint8_t> bytes);
  CupsResult<JobStatus> job_status(int job_id);
  CupsResult<void> cancel(std::string_view queue, int job_id);

private:
  static void refresh_from_device(QueueStatus& s, const std::string& device, int queued_jobs);
  struct State;
  explicit Client(std::unique_ptr<State> state);
  std::unique_ptr<State> m_state;
};

}  // namespace accueil::printer::cups
