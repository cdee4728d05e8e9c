// accueil-render-bench: how long a badge takes to render, and a batch of
// badges side by side with Debian's glabels-3-batch. Prints figures; it is not
// a test and never fails because the machine is slow.
//
//   build/bin/accueil-render-bench [--runs N] [--batch N] [--no-glabels] [--keep DIR]
//
// 1. One 62 x 100 mm badge (assets/badges/label-62x100.toml) for a different
//    attendee each run: layout + 1-bit bitmap at 300 dpi, and layout + PDF;
//    median and p99 over --runs runs (default 300) after a warm-up.
// 2. A batch PDF of --batch attendees (default 1,500), 3 x 2 badges per A4
//    sheet, made by render_sheets() and by glabels-3-batch merging the same
//    CSV into badges-62x100.glabels (name, organisation, QR); the ratio of
//    their wall-clock times.
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "support.hpp"  // tests/printer/render: the sample event, realistic tokens
#include "printer/render/render.hpp"
#include "shared/intake/demo_data.hpp"
#include "shared/base/files.hpp"
#include "tests/bench/bench.hpp"

extern char** environ;

using namespace accueil;
using namespace accueil::render;
namespace fs = std::filesystem;
using Clock = accueil::bench::Steady;
using accueil::bench::ms_since;

namespace {

using Stats = accueil::bench::Percentiles;
Stats stats(std::vector<double> v) { return accueil::bench::percentiles(std::move(v)); }

void print_row(std::string_view what, const Stats& s) {
  fmt::print("  {:<38} median {:7.2f} ms   p99 {:7.2f} ms   mean {:7.2f}   min {:6.2f}   max {:7.2f}\n", what, s.p50,
             s.p99, s.mean, s.min, s.max);
}

[[noreturn]] void die(const std::string& message) {
  fmt::print(stderr, "accueil-render-bench: {}\n", message);
  std::exit(1);
}

template <class T>
T need(Result<T> r, std::string_view what) {
  if (!r) die(fmt::format("{}: {}", what, r.error().message));
  return std::move(*r);
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

struct ChildRun {
  int exit_code = -1;
  double wall_ms = 0;
  double cpu_ms = 0;  // user + system time of the child
};

// Runs a program with its output discarded, timing it; CPU time from wait4().
ChildRun run_child(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  ChildRun r;
  pid_t pid = 0;
  auto start = Clock::now();
  if (posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) {
    posix_spawn_file_actions_destroy(&actions);
    return r;
  }
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  r.wall_ms = ms_since(start);
  posix_spawn_file_actions_destroy(&actions);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  auto tv_ms = [](const timeval& tv) { return static_cast<double>(tv.tv_sec) * 1000.0 + static_cast<double>(tv.tv_usec) / 1000.0; };
  r.cpu_ms = tv_ms(usage.ru_utime) + tv_ms(usage.ru_stime);
  return r;
}

double process_cpu_ms() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

int pdf_pages(const fs::path& pdf) {
  auto r = test::run("pdfinfo " + test::quote(pdf));
  auto at = r.out.find("Pages:");
  return at == std::string::npos ? -1 : std::atoi(r.out.c_str() + at + 6);
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 300;
  int batch = 1500;
  bool glabels = true;
  std::string keep;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--runs" && i + 1 < argc) runs = std::max(10, std::atoi(argv[++i]));
    else if (a == "--batch" && i + 1 < argc) batch = std::max(6, std::atoi(argv[++i]));
    else if (a == "--no-glabels") glabels = false;
    else if (a == "--keep" && i + 1 < argc) keep = argv[++i];
    else die("usage: accueil-render-bench [--runs N] [--batch N] [--no-glabels] [--keep DIR]");
  }

  fmt::print("accueil-render-bench: {} CPU core(s) online, load average ", sysconf(_SC_NPROCESSORS_ONLN));
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) == 3) fmt::print("{:.2f} {:.2f} {:.2f}\n", load[0], load[1], load[2]);
  else fmt::print("unknown\n");

  auto start = Clock::now();
  Typesetter typesetter = need(Typesetter::create(), "typesetter");
  fmt::print("typesetter created (fontconfig configuration, font caches) in {:.1f} ms\n\n", ms_since(start));
  const BadgeTemplate badge = need(load_template(ACCUEIL_SOURCE_DIR "/assets/badges/label-62x100.toml"), "template");
  // The core's demo registration list: French authorities, embassies,
  // delegations from 30+ countries, names in a dozen scripts.
  const auto attendees = generate_demo_attendees(
      test::sample_event(), {.count = static_cast<std::size_t>(std::max(batch, 2 * runs + 40)), .seed = 7});
  std::vector<BadgeContent> contents;
  contents.reserve(attendees.size());
  for (std::size_t i = 0; i < attendees.size(); ++i)
    contents.push_back(test::content_of(attendees[i], static_cast<unsigned>(i + 1)));

  // 1. One badge.
  for (int i = 0; i < 40; ++i) {  // warm-up: every script's fonts opened once
    auto l = need(typesetter.layout(badge, contents[static_cast<std::size_t>(i) % contents.size()]), "layout");
    (void)need(render_mono(l, 300), "1-bit bitmap");
    (void)need(render_pdf(l), "PDF");
  }
  // Each measurement lays out an attendee not seen before (the typesetter
  // caches fitted texts, which helps the event's name and the category labels
  // that every badge repeats, as it does on a kiosk, but not the names).
  std::vector<double> layout_ms, mono_ms, mono_total, pdf_layout_ms, pdf_ms, pdf_total, mono203_ms;
  const std::size_t first_fresh = 40;
  auto fresh = [&](std::size_t k) -> const BadgeContent& { return contents[(first_fresh + k) % contents.size()]; };
  for (int i = 0; i < runs; ++i) {
    auto t0 = Clock::now();
    auto l = need(typesetter.layout(badge, fresh(2 * static_cast<std::size_t>(i))), "layout");
    double t_layout = ms_since(t0);
    auto t1 = Clock::now();
    auto bitmap = need(render_mono(l, 300), "1-bit bitmap");
    double t_mono = ms_since(t1);
    layout_ms.push_back(t_layout);
    mono_ms.push_back(t_mono);
    mono_total.push_back(t_layout + t_mono);

    auto t2 = Clock::now();
    auto l2 = need(typesetter.layout(badge, fresh(2 * static_cast<std::size_t>(i) + 1)), "layout");
    double t_layout2 = ms_since(t2);
    auto t3 = Clock::now();
    auto pdf = need(render_pdf(l2), "PDF");
    double t_pdf = ms_since(t3);
    pdf_layout_ms.push_back(t_layout2);
    pdf_ms.push_back(t_pdf);
    pdf_total.push_back(t_layout2 + t_pdf);

    auto t4 = Clock::now();
    (void)need(render_mono(l, 203), "1-bit bitmap");
    mono203_ms.push_back(ms_since(t4));
  }
  fmt::print("One 62 x 100 mm badge ({}), {} runs, a different attendee each run:\n", badge.id, runs);
  print_row("layout + 1-bit bitmap at 300 dpi", stats(mono_total));
  print_row("layout + PDF", stats(pdf_total));
  fmt::print("  of which:\n");
  for (double v : pdf_layout_ms) layout_ms.push_back(v);
  print_row("  layout (fit every box, QR, logo)", stats(layout_ms));
  print_row("  1-bit bitmap at 300 dpi (732 x 1181)", stats(mono_ms));
  print_row("  1-bit bitmap at 203 dpi", stats(mono203_ms));
  print_row("  PDF", stats(pdf_ms));
  fmt::print("  goal: median <= 20 ms for layout + bitmap and layout + PDF\n");
  fmt::print("  (a PDF with a CJK name takes longer: Cairo parses and subsets the 20 MB Noto CJK collection)\n\n");

  // 2. A batch on A4 sheets, ours and glabels-3-batch's.
  const std::span<const BadgeContent> batch_contents(contents.data(), static_cast<std::size_t>(batch));
  test::TempDir dir;
  const fs::path out_dir = keep.empty() ? dir.path() : fs::path(keep);
  fs::create_directories(out_dir);
  const BadgeTemplate comparable =
      need(load_template(ACCUEIL_SOURCE_DIR "/tests/bench/render/name-organisation-qr.toml"), "comparable template");

  fmt::print("A batch of {} badges, 3 x 2 per A4 sheet, to PDF:\n", batch);
  auto cpu0 = process_cpu_ms();
  auto b0 = Clock::now();
  auto ours = need(write_sheets(typesetter, comparable, batch_contents, out_dir / "accueil-name-organisation-qr.pdf"),
                   "batch");
  double ours_ms = ms_since(b0);
  double ours_cpu = process_cpu_ms() - cpu0;
  fmt::print("  accueil render_sheets, name + organisation + QR:  {:8.0f} ms wall, {:8.0f} ms CPU, {} sheets, {:.1f} MB\n",
             ours_ms, ours_cpu, ours.sheets, static_cast<double>(ours.pdf.size()) / 1e6);
  cpu0 = process_cpu_ms();
  b0 = Clock::now();
  auto full = need(write_sheets(typesetter, badge, batch_contents, out_dir / "accueil-full-badge.pdf"), "batch");
  double full_ms = ms_since(b0);
  double full_cpu = process_cpu_ms() - cpu0;
  fmt::print("  accueil render_sheets, full label-62x100 badge:   {:8.0f} ms wall, {:8.0f} ms CPU, {} sheets, {:.1f} MB\n",
             full_ms, full_cpu, full.sheets, static_cast<double>(full.pdf.size()) / 1e6);

  if (!glabels) return 0;
  if (test::run("command -v glabels-3-batch").exit_code != 0) {
    fmt::print("  glabels-3-batch is not installed (Debian package glabels): no ratio\n");
    return 0;
  }
  const fs::path csv = out_dir / "attendees.csv";
  {
    std::ofstream out(csv);
    out << "first_name,last_name,organisation,token\n";
    for (const BadgeContent& c : batch_contents)
      out << csv_field(c.first_name) << ',' << csv_field(c.last_name) << ',' << csv_field(c.organisation) << ','
          << csv_field(c.token) << '\n';
  }
  const fs::path glabels_pdf = out_dir / "glabels.pdf";
  ChildRun g = run_child({"glabels-3-batch", "-i", csv.string(), "-o", glabels_pdf.string(),
                          ACCUEIL_SOURCE_DIR "/tests/bench/render/badges-62x100.glabels"});
  if (g.exit_code != 0) {
    fmt::print("  glabels-3-batch failed (exit code {})\n", g.exit_code);
    return 0;
  }
  int glabels_pages = pdf_pages(glabels_pdf);
  fmt::print("  glabels-3-batch, name + organisation + QR:       {:8.0f} ms wall, {:8.0f} ms CPU, {} sheets, {:.1f} MB\n",
             g.wall_ms, g.cpu_ms, glabels_pages, static_cast<double>(fs::file_size(glabels_pdf)) / 1e6);
  fmt::print("  ratio glabels / accueil (same fields):  {:.1f}x wall, {:.1f}x CPU\n", g.wall_ms / ours_ms, g.cpu_ms / ours_cpu);
  fmt::print("  ratio glabels / accueil (full badge):   {:.1f}x wall, {:.1f}x CPU\n", g.wall_ms / full_ms, g.cpu_ms / full_cpu);
  fmt::print("  goal: at least 10x\n");
  if (!keep.empty()) fmt::print("  the PDFs and the CSV are in {}\n", out_dir.string());
  return 0;
}
