// What the after-event report costs (accueilctl report --pdf/--html): a store
// of N demo attendees (default 20,000) with made-up arrivals on both days,
// then each step timed: reading the store and computing the figures, making
// the document, setting the PDF (Cairo + Pango), writing the HTML page.
//   accueil-report-bench [--count N] [--runs N] [--dir DIR]
#include <time.h>

#include <filesystem>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "printer/render/typesetter.hpp"
#include "printer/report/report_html.hpp"
#include "printer/report/report_pdf.hpp"
#include "shared/base/files.hpp"
#include "shared/domain/event_file.hpp"
#include "shared/intake/demo_arrivals.hpp"
#include "shared/intake/demo_data.hpp"
#include "shared/intake/import.hpp"
#include "shared/store/report.hpp"
#include "shared/store/store.hpp"
#include "tests/bench/bench.hpp"

using namespace accueil;
using namespace accueil::bench;
namespace fs = std::filesystem;

namespace {

int bench_error(std::string_view message) {
  fmt::print(stderr, "accueil-report-bench: {}\n", message);
  return 1;
}

void print_row(std::string_view what, const std::vector<double>& ms) {
  const Percentiles p = percentiles(ms);
  fmt::print("  {:40} p50 {:9.1f} ms   min {:9.1f} ms   max {:9.1f} ms  ({} runs)\n", what, p.p50, p.min, p.max,
             ms.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 20'000;
  int runs = 5;
  fs::path dir = fs::temp_directory_path() / "accueil-report-bench";
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--count" && i + 1 < argc) count = std::strtoul(argv[++i], nullptr, 10);
    else if (arg == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else if (arg == "--dir" && i + 1 < argc) dir = argv[++i];
    else return bench_error(fmt::format("unknown argument {} (--count N, --runs N, --dir DIR)", arg));
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir);
  auto event = load_event_file(ACCUEIL_SOURCE_DIR "/assets/events/rencontres-2026.toml");
  if (!event) return bench_error(event.error().message);
  auto store = Store::open(dir / "bench.db");
  if (!store) return bench_error(store.error().message);
  if (auto s = store->save_event(*event); !s) return bench_error(s.error().message);
  const std::string csv = demo_export_csv(generate_demo_attendees(*event, {count, 2026}), *event);
  auto plan = plan_import(csv, "bench.csv", *event);
  if (!plan) return bench_error(plan.error().message);
  if (auto r = apply_import(*store, std::move(*plan)); !r) return bench_error(r.error().message);
  auto attendees = store->attendees();
  if (!attendees) return bench_error(attendees.error().message);
  // Both days of the sample event, arrivals over the three hours before 10:00 in Paris.
  std::size_t entries = 0;
  for (int day = 1; day <= 2; ++day) {
    const std::int64_t now = 1'796'288'400'000 + (day - 1) * 86'400'000LL;
    auto arrivals = generate_demo_arrivals(*attendees, {.day = day, .now_ms = now, .share = 0.8,
                                                        .seed = static_cast<std::uint64_t>(day)});
    entries += arrivals.size();
    if (auto s = record_demo_arrivals(*store, arrivals); !s) return bench_error(s.error().message);
  }
  auto catalogs = Catalogs::load(ACCUEIL_SOURCE_DIR "/assets/i18n", {"fr"});
  if (!catalogs) return bench_error(catalogs.error().message);

  const auto typesetter_start = Steady::now();
  auto typesetter = render::Typesetter::create();
  if (!typesetter) return bench_error(typesetter.error().message);
  const double typesetter_ms = ms_since(typesetter_start);

  std::vector<double> read_ms, figures_ms, document_ms, pdf_ms, html_ms, total_ms;
  std::size_t pdf_bytes = 0, html_bytes = 0, pages = 0;
  ReportData data;
  for (int run = 0; run < runs; ++run) {
    // The store's part alone: what build_report_data reads before it computes.
    const auto read_start = Steady::now();
    auto listed = store->attendees();
    auto logged = read_log(*store, 0);
    if (!listed || !logged) return bench_error("cannot read the store");
    read_ms.push_back(ms_since(read_start));
    const auto start = Steady::now();
    auto read = build_report_data(*store, *event, "fr");
    if (!read) return bench_error(read.error().message);
    data = std::move(*read);
    figures_ms.push_back(ms_since(start));
    auto t = Steady::now();
    const report::ReportDocument doc = report::make_document(*event, data, *catalogs, "fr", 1'796'400'000'000);
    document_ms.push_back(ms_since(t));
    t = Steady::now();
    auto pdf = report::render_pdf(doc, *typesetter);
    if (!pdf) return bench_error(pdf.error().message);
    if (auto s = write_file_atomic(dir / "report.pdf", *pdf); !s) return bench_error(s.error().message);
    pdf_ms.push_back(ms_since(t));
    total_ms.push_back(ms_since(start));
    t = Steady::now();
    const std::string html = report::render_html(doc);
    if (auto s = write_file_atomic(dir / "report.html", html); !s) return bench_error(s.error().message);
    html_ms.push_back(ms_since(t));
    pdf_bytes = pdf->size();
    html_bytes = html.size();
    pages = 0;
    // Cairo writes each page object as "/Type /Page % N".
    for (std::size_t at = pdf->find("/Type /Page %"); at != std::string::npos; at = pdf->find("/Type /Page %", at + 1)) ++pages;
  }
  const Figures& total = data.figures.total;
  fmt::print("accueil-report-bench: {} attendees, {} log entries; {} came, {} local authorities, {} delegations, "
             "{} embassies, {} countries\n\n",
             attendees->size(), entries, total.checked_in.people, total.represented.local_authorities.size(),
             total.represented.foreign_delegations.size(), total.represented.embassies.size(),
             total.checked_in.countries);
  fmt::print("  {:40} {:9.1f} ms (once per process)\n", "typesetter (fontconfig, fonts)", typesetter_ms);
  print_row("store -> figures and timelines", figures_ms);
  print_row("  of which reading the list and the log", read_ms);
  print_row("figures -> document (texts, ICU)", document_ms);
  print_row("document -> PDF written (Cairo, Pango)", pdf_ms);
  print_row("report --pdf, store to file", total_ms);
  print_row("document -> HTML written", html_ms);
  fmt::print("\n  PDF {} kB, {} pages; HTML {} kB ({})\n", pdf_bytes / 1024, pages, html_bytes / 1024, dir.string());
  return 0;
}
