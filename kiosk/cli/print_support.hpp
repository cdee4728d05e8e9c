// What accueilctl's printing commands (print_commands.hpp) share: the
// printers' configuration, who prints a request (this process or the program
// that runs the store's queue), and waiting for the outcome.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/cli/commands.hpp"
#include "printer/queue/print_queue.hpp"
#include "shared/store/store.hpp"

namespace accueil::cli {

inline constexpr int k_exit_not_printed = 4;

// The printers' configuration: --printers, else $ACCUEIL_PRINTERS, else
// ./printers.toml. `required`: an error when there is none.
Result<std::optional<std::vector<printer::PrinterConfig>>> load_printers(const std::string& given, bool required);
// The configured printers, when one of them is `printer`; else why not.
Result<std::vector<printer::PrinterConfig>> printers_naming(const std::string& file, const std::string& printer);

nlohmann::json request_json(const printer::RequestRecord& r, std::string_view language);

// Badge templates: --templates, else the assets' badges folder.
std::filesystem::path templates_dir(const std::string& given);

// A request's progress, one line each on stderr (stdout keeps the result).
void report_progress(const printer::RequestUpdate& u, std::string_view language);

// Waits for requests to end, hearing the queue's listener or, when another
// process runs the queue, reading the store.
class Waiter {
public:
  explicit Waiter(std::string language) : m_language(std::move(language)) {}
  printer::QueueListener listener() {
    return {[this](const printer::RequestUpdate& u) {
              report_progress(u, m_language);
              std::lock_guard lock(m_mutex);
              m_changed.notify_all();
            },
            {}};
  }
  // Until `done()` says so or `timeout_s` passed; `done` reads the store.
  bool wait(double timeout_s, const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<long>(timeout_s * 1000));
    for (;;) {
      if (done()) return true;
      if (std::chrono::steady_clock::now() >= deadline) return false;
      std::unique_lock lock(m_mutex);
      m_changed.wait_for(lock, std::chrono::milliseconds(200));
    }
  }

private:
  std::string m_language;
  std::mutex m_mutex;
  std::condition_variable m_changed;
};

// Who prints a request: this process (a queue of its own), or the program
// that runs the store's queue and serves the printer (checked), or, with
// --no-wait, whoever runs the queue next.
struct Printing {
  std::unique_ptr<printer::PrintQueue> queue;  // null: another program prints it, or nobody yet (no_wait)
  std::string note;                   // said on stderr once the request is in the store
};
Result<Printing> who_prints(const Globals& g, Store& store, const std::vector<printer::PrinterConfig>& configs,
                            const Event& event, const std::string& printer, const std::string& templates,
                            bool no_wait, Waiter& waiter);

struct WaitOptions {
  double timeout_s = 60;
  bool no_wait = false;
  std::string language;
};

// Waits for request `id` to end and says how it did; the exit code.
int wait_and_report(const Globals& g, Store& store, const Attendee& attendee, printer::RequestId id,
                    std::unique_ptr<printer::PrintQueue> queue, Waiter& waiter, const WaitOptions& o);

}  // namespace accueil::cli
