// accueil-print-bench: the print path's figures, for 62 x 100 mm badges on a
// Brother QL-820NWB (300 dpi, die-cut labels).
//   - request to first byte: from PrintQueue::submit() (one durable insert) to
//     the first byte handed to the transport, through the queue's worker:
//     wake, read the attendee, lay out and draw the badge, fit it to the
//     label's printable area, encode it, mark the request sending (a durable
//     write). p50/p99 over requests made one after another, as at a kiosk.
//     Goal: p99 <= 150 ms on the 2-core reference machine.
//   - the same steps alone, in this thread: layout + 1-bit drawing, encoding,
//     and the PDF the CUPS path sends.
//   - the size of the encoded Brother job per badge, with PackBits and
//     without (the uncompressed job is some 103 KB).
// The store is on disk (synchronous=FULL), in --dir or a temporary folder;
// the badges are the core's demo registration list (names in many scripts).
// Usage: accueil-print-bench [--count N] [--dir DIR]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "printer/encode/brother_ql.hpp"
#include "printer/queue/direct_driver.hpp"
#include "printer/queue/print_queue.hpp"
#include "printer/queue/render_adapter.hpp"
#include "shared/intake/demo_data.hpp"
#include "shared/domain/event_file.hpp"
#include "shared/store/store.hpp"
#include "shared/base/uuid.hpp"
#include "tests/bench/bench.hpp"

namespace fs = std::filesystem;
using namespace accueil;
using namespace accueil::printer;
using bench::Steady;

namespace {

double ms_between(Steady::time_point a, Steady::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

using bench::Percentiles;
using bench::percentiles;

void print_row(std::string_view what, const std::vector<double>& samples, std::string_view unit = "ms") {
  const Percentiles p = percentiles(samples);
  fmt::print("  {:<48} p50 {:8.2f} {}  p99 {:8.2f} {}  max {:8.2f} {}  (n={})\n", what, p.p50, unit, p.p99, unit, p.max,
             unit, samples.size());
}

// A transport that notes when each job's first byte arrives and keeps nothing.
struct Arrivals {
  std::mutex mutex;
  std::condition_variable arrived;
  std::vector<Steady::time_point> first_byte;
  std::vector<std::size_t> job_bytes;
  bool in_job = false;
};

class TimingTransport final : public Transport {
public:
  explicit TimingTransport(std::shared_ptr<Arrivals> arrivals) : m_arrivals(std::move(arrivals)) {}
  std::string describe() const override { return "a timing transport"; }
  TransportStatus open() override { return {}; }
  TransportStatus write(std::span<const std::uint8_t> bytes, const Interrupt&) override {
    const auto now = Steady::now();
    std::lock_guard lock(m_arrivals->mutex);
    if (!m_arrivals->in_job) {
      m_arrivals->in_job = true;
      m_arrivals->first_byte.push_back(now);
      m_arrivals->job_bytes.push_back(0);
    }
    m_arrivals->job_bytes.back() += bytes.size();
    return {};
  }
  void close() override {
    std::lock_guard lock(m_arrivals->mutex);
    m_arrivals->in_job = false;
    m_arrivals->arrived.notify_all();
  }

private:
  std::shared_ptr<Arrivals> m_arrivals;
};

int die(const std::string& message) {
  fmt::print(stderr, "accueil-print-bench: {}\n", message);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 200;
  fs::path dir;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--count" && i + 1 < argc) count = std::strtoul(argv[++i], nullptr, 10);
    else if (arg == "--dir" && i + 1 < argc) dir = argv[++i];
    else return die("usage: accueil-print-bench [--count N] [--dir DIR]");
  }
  bool temporary = dir.empty();
  if (temporary) {
    std::string pattern = (fs::temp_directory_path() / "accueil-print-bench-XXXXXX").string();
    if (!mkdtemp(pattern.data())) return die("cannot make a temporary folder");
    dir = pattern;
  }
  const fs::path store_path = dir / "bench.db";
  const fs::path templates = ACCUEIL_SOURCE_DIR "/assets/badges";

  auto event = load_event_file(ACCUEIL_SOURCE_DIR "/assets/events/rencontres-2026.toml");
  if (!event) return die(event.error().message);
  std::vector<Attendee> attendees = generate_demo_attendees(*event, {count, 7});
  {
    auto store = Store::open(store_path);
    if (!store) return die(store.error().message);
    if (auto s = store->save_event(*event); !s) return die(s.error().message);
    auto added = store->write([&]() -> Status {
      for (Attendee& a : attendees) {
        if (a.id.empty()) a.id = new_uuid();
        if (auto s = store->insert_attendee(a, AttendeeSource::import); !s) return s;
      }
      return {};
    });
    if (!added) return die(added.error().message);
  }
  fmt::print("accueil-print-bench: {} badges of the demo list, template label-62x100, Brother QL-820NWB, 62 x 100 mm "
             "die-cut labels; store {}\n", attendees.size(), store_path.string());

  // --- The steps alone, in this thread ------------------------------------------------------
  auto renderer = make_badge_renderer({templates, {}});
  if (!renderer) return die(renderer.error().message);
  const auto& media = brother::info(brother::Media::die_cut_62x100mm);
  const MonoTarget target{brother::k_dpi, media.printable_width_dots, media.printable_length_dots};
  DirectOptions direct;
  direct.language = LanguageSpec{Language::brother_ql, brother::Model::ql_820nwb, brother::k_dpi};
  direct.media = MediaSpec{62, 100, ""};
  direct.ask_status = false;
  DirectDriver encoder(std::make_unique<TimingTransport>(std::make_shared<Arrivals>()), direct);
  DirectOptions raw_options = direct;
  raw_options.brother.compress = false;
  DirectDriver raw_encoder(std::make_unique<TimingTransport>(std::make_shared<Arrivals>()), raw_options);

  std::vector<double> draw_ms, encode_ms, pdf_ms, job_kb, raw_kb, pdf_kb;
  auto store = Store::open(store_path);
  if (!store) return die(store.error().message);
  for (const Attendee& a : attendees) {
    auto code = store->badge_code(a.id);
    if (!code) return die(code.error().message);
    const BadgeSubject subject{*event, a, *code, "label-62x100"};
    auto t0 = Steady::now();
    auto bitmap = (*renderer)->mono(subject, target);
    auto t1 = Steady::now();
    if (!bitmap) return die(fmt::format("{} {}: {}", a.first_name, a.last_name, bitmap.error().message));
    auto job = encoder.encode(*bitmap);
    auto t2 = Steady::now();
    if (!job) return die(job.error().message);
    auto raw = raw_encoder.encode(*bitmap);
    if (!raw) return die(raw.error().message);
    auto t3 = Steady::now();
    auto pdf = (*renderer)->pdf(subject);
    auto t4 = Steady::now();
    if (!pdf) return die(pdf.error().message);
    draw_ms.push_back(ms_between(t0, t1));
    encode_ms.push_back(ms_between(t1, t2));
    pdf_ms.push_back(ms_between(t3, t4));
    job_kb.push_back(static_cast<double>(job->size()) / 1000.0);
    raw_kb.push_back(static_cast<double>(raw->size()) / 1000.0);
    pdf_kb.push_back(static_cast<double>(pdf->size()) / 1000.0);
  }
  fmt::print("\nsteps alone (one thread, typesetter warm):\n");
  print_row("layout + 1-bit drawing at 300 dpi, fitted", draw_ms);
  print_row("Brother QL raster encoding (PackBits)", encode_ms);
  print_row("layout + PDF (the CUPS path)", pdf_ms);
  fmt::print("\nencoded job per badge:\n");
  print_row("Brother QL job, PackBits", job_kb, "KB");
  print_row("Brother QL job, uncompressed", raw_kb, "KB");
  print_row("PDF", pdf_kb, "KB");
  const Percentiles packed = percentiles(job_kb), unpacked = percentiles(raw_kb);
  fmt::print("  PackBits keeps the median job at {:.0f} % of the uncompressed {:.1f} KB\n",
             100.0 * packed.p50 / unpacked.p50, unpacked.p50);

  // --- Through the queue ---------------------------------------------------------------------
  auto arrivals = std::make_shared<Arrivals>();
  PrinterConfig bench;
  bench.name = "bench";
  bench.uri = *parse_printer_uri("lp:/dev/null:brother-ql-820nwb");
  bench.media = MediaSpec{62, 100, ""};
  bench.template_id = "label-62x100";
  PrintQueueOptions options;
  options.store_path = store_path;
  options.printers = {bench};
  options.event = *event;
  options.renderer = badge_renderers({templates, {}});
  options.check_idle_ms = 0;
  options.drivers = [&](const PrinterConfig&) -> Result<std::unique_ptr<PrinterDriver>> {
    return std::unique_ptr<PrinterDriver>(std::make_unique<DirectDriver>(std::make_unique<TimingTransport>(arrivals), direct));
  };
  std::mutex done_mutex;
  std::condition_variable done_cv;
  std::atomic<int> ended{0};
  options.listener.on_request = [&](const RequestUpdate& u) {
    if (!is_final(u.state)) return;
    std::lock_guard lock(done_mutex);
    ++ended;
    done_cv.notify_all();
  };
  auto queue = PrintQueue::start(std::move(options));
  if (!queue) return die(queue.error().message);
  // The first request pays for the worker's typesetter (fonts): warm it up.
  std::vector<double> first_byte_ms, submit_ms;
  for (std::size_t i = 0; i <= attendees.size(); ++i) {
    const Attendee& a = attendees[i % attendees.size()];
    const int before = ended.load();
    const auto t0 = Steady::now();
    auto id = (*queue)->submit({.attendee_id = a.id, .printer = "bench"});
    const auto t1 = Steady::now();
    if (!id) return die(id.error().message);
    std::unique_lock lock(done_mutex);
    if (!done_cv.wait_for(lock, std::chrono::seconds(30), [&] { return ended.load() > before; }))
      return die("a badge did not come out within 30 s");
    std::lock_guard arrivals_lock(arrivals->mutex);
    if (i == 0) continue;
    first_byte_ms.push_back(ms_between(t0, arrivals->first_byte.back()));
    submit_ms.push_back(ms_between(t0, t1));
  }
  (*queue)->stop();
  fmt::print("\nthrough the print queue (store on disk, synchronous=FULL):\n");
  print_row("submit() (one durable insert)", submit_ms);
  print_row("request to first byte handed to the transport", first_byte_ms);
  const Percentiles p = percentiles(first_byte_ms);
  fmt::print("  goal p99 <= 150 ms: {}\n", p.p99 <= 150 ? "met" : "NOT met");
  if (temporary) fs::remove_all(dir);
  return 0;
}
