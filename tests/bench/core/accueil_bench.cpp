// accueil-bench: the core's figures at 100,000 attendees.
//   - search latency per keystroke over realistic partial queries (p50/p99),
//     and the same searches as SQL LIKE over the same SQLite table, with the
//     recall of each (how many of the intended people each finds);
//   - check-in decision + durable write latency (p50/p99), on disk, synchronous=FULL;
//   - import throughput of a 100,000-row registration export.
// Goals on the 2-core reference machine: search p99 <= 5 ms, check-in p99 <= 10 ms,
// import of 100,000 rows <= 3 s.
// Usage: accueil-bench [--count N] [--dir DIR] [--skip-like] [--skip-search] [--other-scripts PERCENT]
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "shared/store/checkin.hpp"
#include "shared/intake/demo_data.hpp"
#include "shared/domain/event_file.hpp"
#include "shared/intake/import.hpp"
#include "shared/search/search.hpp"
#include "shared/store/store.hpp"
#include "shared/text/text.hpp"
#include "tests/bench/bench.hpp"

namespace fs = std::filesystem;
using namespace accueil;
using bench::ms_since;
using bench::Steady;

namespace {

using bench::Percentiles;
using bench::percentiles;

// splitmix64, so that the queries are the same on every run.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

// What a person types to find `a`: plain lower-case letters without accents
// (a phone-style keyboard, or a French keyboard in a hurry), in one of the
// ways people look themselves up.
std::string intended_query(const Attendee& a, Rng& rng) {
  auto plain = [](std::string_view s) {
    std::string out;
    for (const std::string& w : index_words(s)) {
      if (!out.empty()) out += ' ';
      out += w;
    }
    return out;
  };
  auto first_word = [&](std::string_view s) {
    auto words = query_words(s);
    return words.empty() ? std::string() : words.front();
  };
  // A name in another script with no Latin form from the export: typed as its
  // usual Latin spelling (the last of its Latin keys), as a receptionist would.
  auto latin = [](const std::string& native, const std::string& given) {
    if (!given.empty()) return given;
    auto keys = latin_keys(native);
    return keys.empty() ? native : keys.back();
  };
  const std::string last = plain(latin(a.last_name, a.last_name_latin));
  const std::string first = first_word(latin(a.first_name, a.first_name_latin));
  const std::string last_word = first_word(last);
  switch (rng.below(5)) {
    case 0: return first + " " + last;                                   // "helene moncond huy"
    case 1: return last_word + " " + first;                              // "rebsamen francois"
    case 2: return last_word.substr(0, std::max<std::size_t>(4, last_word.size() * 2 / 3)) + " " + first.substr(0, 3);
    case 3: {                                                            // one typo in a long word
      std::string typo = last_word;
      if (typo.size() >= 5) std::swap(typo[2], typo[3]);
      return typo + " " + first;
    }
    default: {                                                           // a name and the organisation
      const std::string org = first_word(a.organisation);
      return last_word + " " + org;
    }
  }
}

// The LIKE search a simple implementation would run: every word somewhere in
// a name, the organisation or the code. SQLite's LIKE folds ASCII case only.
std::string like_sql(const std::vector<std::string>& words) {
  std::string sql = "SELECT id FROM attendees WHERE 1";
  for (std::size_t i = 0; i < words.size(); ++i) {
    const int p = static_cast<int>(i) + 1;
    sql += fmt::format(" AND (first_name LIKE ?{0} OR last_name LIKE ?{0} OR first_name_latin LIKE ?{0} OR "
                       "last_name_latin LIKE ?{0} OR organisation LIKE ?{0} OR ticket_code LIKE ?{0})", p);
  }
  return sql + " LIMIT 10";
}

// A made-up name in Cyrillic, Greek, Armenian or Georgian letters, 5 to 9
// letters long: names the demo's small pools do not have, each its own words.
std::string other_script_word(Rng& rng, std::size_t script) {
  static const std::vector<std::vector<std::string_view>> consonants = {
      {"б", "в", "г", "д", "ж", "з", "к", "л", "м", "н", "п", "р", "с", "т", "ф", "х", "ц", "ч", "ш"},
      {"β", "γ", "δ", "ζ", "θ", "κ", "λ", "μ", "ν", "ξ", "π", "ρ", "σ", "τ", "φ", "χ"},
      {"բ", "գ", "դ", "զ", "թ", "կ", "հ", "մ", "ն", "պ", "ռ", "ս", "տ", "ր", "ք"},
      {"ბ", "გ", "დ", "ვ", "ზ", "თ", "კ", "ლ", "მ", "ნ", "პ", "რ", "ს", "ტ", "ფ", "ქ"}};
  static const std::vector<std::vector<std::string_view>> vowels = {
      {"а", "е", "и", "о", "у", "ы", "я"}, {"α", "ε", "η", "ι", "ο", "υ", "ω"}, {"ա", "ե", "ի", "ո"},
      {"ა", "ე", "ი", "ო", "უ"}};
  std::string out;
  const std::size_t length = 5 + rng.below(5);
  for (std::size_t k = 0; k < length; ++k) {
    const auto& letters = k % 2 == 0 ? consonants[script] : vowels[script];
    out += letters[rng.below(letters.size())];
  }
  return out;
}

int bench_error(std::string_view message) {
  fmt::print(stderr, "accueil-bench: {}\n", message);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 100'000;
  fs::path dir = fs::temp_directory_path() / "accueil-bench";
  bool run_like = true, run_search = true;
  std::size_t other_scripts_percent = 0;  // people renamed in other scripts, with no Latin form
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--count" && i + 1 < argc) count = std::strtoul(argv[++i], nullptr, 10);
    else if (arg == "--dir" && i + 1 < argc) dir = argv[++i];
    else if (arg == "--skip-like") run_like = false;
    else if (arg == "--skip-search") run_search = false;
    else if (arg == "--other-scripts" && i + 1 < argc) other_scripts_percent = std::strtoul(argv[++i], nullptr, 10);
    else return bench_error(fmt::format("unknown argument {}", arg));
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir);
  auto event = load_event_file(ACCUEIL_SOURCE_DIR "/assets/events/rencontres-2026.toml");
  if (!event) return bench_error(event.error().message);
  auto store = Store::open(dir / "bench.db");
  if (!store) return bench_error(store.error().message);
  if (auto s = store->save_event(*event); !s) return bench_error(s.error().message);

  fmt::print("accueil-bench: {} attendees, store {}\n\n", count, (dir / "bench.db").string());

  // --- Import ---------------------------------------------------------------------
  auto generated = generate_demo_attendees(*event, {count, 2026});
  Rng rename{11};
  for (Attendee& a : generated) {
    if (rename.below(100) >= other_scripts_percent) continue;
    const std::size_t script = rename.below(4);
    a.first_name = other_script_word(rename, script);
    a.last_name = other_script_word(rename, script);
    a.first_name_latin.clear();
    a.last_name_latin.clear();
  }
  const std::string csv = demo_export_csv(generated, *event);
  auto start = Steady::now();
  auto plan = plan_import(csv, "bench.csv", *event);
  const double parse_ms = ms_since(start);
  if (!plan) return bench_error(plan.error().message);
  auto write_start = Steady::now();
  auto report = apply_import(*store, std::move(*plan));
  const double write_ms = ms_since(write_start);
  const double import_ms = ms_since(start);
  if (!report) return bench_error(report.error().message);
  if (!report->rejected.empty()) return bench_error(fmt::format("{} rows rejected", report->rejected.size()));
  fmt::print("import      {} rows ({:.1f} MB CSV) in {:.2f} s: {:.0f} rows/s   [goal: 100,000 rows <= 3 s]\n",
             report->inserted, static_cast<double>(csv.size()) / 1e6, import_ms / 1000,
             1000.0 * static_cast<double>(report->inserted) / import_ms);
  fmt::print("            read and check {:.2f} s, write {:.2f} s\n", parse_ms / 1000, write_ms / 1000);
  start = Steady::now();
  auto again = import_registrations(*store, *event, csv, "bench.csv");
  fmt::print("re-import   same file, {} unchanged, in {:.2f} s\n", again ? again->unchanged : 0, ms_since(start) / 1000);

  // --- Search ---------------------------------------------------------------------
  auto attendees = store->attendees();
  if (!attendees) return bench_error(attendees.error().message);
  start = Steady::now();
  const std::vector<Attendee>& people = *attendees;
  const SearchIndex index(people);
  const double build_ms = ms_since(start);
  const auto non_latin = std::ranges::count_if(people, [](const Attendee& a) { return !latin_keys(a.last_name).empty(); });
  fmt::print("index       built in {:.0f} ms: {} words, {:.1f} MB ({} of {} names not in Latin script)\n\n", build_ms,
             index.vocabulary_size(), static_cast<double>(index.memory_bytes()) / 1e6, non_latin, people.size());

  Rng rng{7};
  constexpr std::size_t k_people = 500;
  std::vector<double> ours_ms, like_ms;
  std::size_t ours_found = 0, ours_found_anywhere = 0, like_found = 0, like_found_anywhere = 0;
  for (std::size_t n = 0; run_search && n < k_people; ++n) {
    const Attendee& target = people[rng.below(people.size())];
    const std::string query = intended_query(target, rng);
    // Every keystroke of the query is a search, as on the kiosk's screen.
    for (std::size_t len = 1; len <= query.size(); ++len) {
      if (query[len - 1] == ' ') continue;
      const std::string typed = query.substr(0, len);
      const bool whole = len == query.size();  // the whole query: did each find the person?
      auto t = Steady::now();
      auto hits = index.search(typed, 10);
      ours_ms.push_back(ms_since(t));
      auto finds_target = [&](const std::vector<SearchHit>& list) {
        return std::ranges::any_of(list, [&](const SearchHit& h) { return people[h.index].id == target.id; });
      };
      if (whole) {
        ours_found += finds_target(hits);
        ours_found_anywhere += finds_target(index.search(typed, index.size()));
      }
      if (!run_like) continue;

      const auto words = query_words(typed);
      auto like = [&](bool limited) -> Result<std::vector<std::string>> {
        std::string sql = like_sql(words);
        if (!limited) sql.resize(sql.size() - std::string_view(" LIMIT 10").size());
        auto stmt = store->database().prepare(sql);
        if (!stmt) return std::unexpected(stmt.error());
        for (std::size_t w = 0; w < words.size(); ++w) stmt->bind(static_cast<int>(w) + 1, "%" + words[w] + "%");
        std::vector<std::string> ids;
        while (stmt->step().value_or(false)) ids.push_back(stmt->text(0));
        return ids;
      };
      t = Steady::now();
      auto like_ids = like(true);
      like_ms.push_back(ms_since(t));
      if (!like_ids) return bench_error(like_ids.error().message);
      if (whole) {
        like_found += std::ranges::find(*like_ids, target.id) != like_ids->end();
        auto all = like(false);
        if (!all) return bench_error(all.error().message);
        like_found_anywhere += std::ranges::find(*all, target.id) != all->end();
      }
    }
  }
  const auto ours = percentiles(ours_ms), like = percentiles(like_ms);
  fmt::print("search      {} keystrokes of {} people's queries (\"rebsamen francois\", \"helene moncond\", typos)\n",
             ours_ms.size(), k_people);
  fmt::print("  index     p50 {:.3f} ms  p99 {:.3f} ms  max {:.2f} ms   [goal: p99 <= 5 ms]\n", ours.p50, ours.p99, ours.max);
  if (!run_like)
    fmt::print("  recall    of {} intended people, index: found at all {:.1f} %, in the first 10 shown {:.1f} %\n\n", k_people,
               100.0 * static_cast<double>(ours_found_anywhere) / k_people, 100.0 * static_cast<double>(ours_found) / k_people);
  if (run_like) {
  fmt::print("  SQL LIKE  p50 {:.3f} ms  p99 {:.3f} ms  max {:.2f} ms\n", like.p50, like.p99, like.max);
  fmt::print("  ratio     LIKE / index: {:.1f}x at p50, {:.1f}x at p99\n", like.p50 / ours.p50, like.p99 / ours.p99);
  auto pct = [&](std::size_t n) { return 100.0 * static_cast<double>(n) / k_people; };
  fmt::print("  recall    of {} intended people, found at all:   index {:.1f} %   LIKE {:.1f} %\n", k_people,
             pct(ours_found_anywhere), pct(like_found_anywhere));
  fmt::print("            found in the first 10 shown:          index {:.1f} %   LIKE {:.1f} %\n", pct(ours_found),
             pct(like_found));
  fmt::print("            (at this size many people share a name: the first 10 cannot hold all namesakes)\n\n");
  }

  // --- Check-in --------------------------------------------------------------------
  constexpr std::size_t k_checkins = 2000;
  std::vector<double> checkin_ms;
  std::size_t ok = 0;
  for (std::size_t n = 0; n < k_checkins; ++n) {
    const Attendee& a = people[rng.below(people.size())];
    CheckinContext ctx{a.days.days().empty() ? 1 : a.days.days().front(), "bench", "", now_ms()};
    auto t = Steady::now();
    auto d = check_in_scan(*store, *event, a.ticket_code, ctx);
    checkin_ms.push_back(ms_since(t));
    if (!d) return bench_error(d.error().message);
    ok += d->outcome == Outcome::ok;
  }
  const auto checkin = percentiles(checkin_ms);
  // The floor under any durable write: the disk's own flush latency, measured
  // now in the same directory, so that a slow disk is told apart from slow code.
  std::vector<double> flush_ms;
  {
    const fs::path probe = dir / "fsync-probe";
    int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    char page[4096] = {};
    for (int n = 0; fd >= 0 && n < 500; ++n) {
      auto t = Steady::now();
      if (::pwrite(fd, page, sizeof page, (n % 64) * 4096) < 0 || ::fdatasync(fd) != 0) break;
      flush_ms.push_back(ms_since(t));
    }
    if (fd >= 0) ::close(fd);
  }
  const auto flush = percentiles(flush_ms);
  fmt::print("check-in    {} scans of plain ticket codes ({} ok, the rest refused or already in), decision + "
             "durable write (WAL, synchronous=FULL)\n", k_checkins, ok);
  fmt::print("            p50 {:.2f} ms  p99 {:.2f} ms  max {:.2f} ms   [goal: p99 <= 10 ms]\n", checkin.p50, checkin.p99,
             checkin.max);
  fmt::print("            the disk alone (4 KB write + fdatasync): p50 {:.2f} ms  p99 {:.2f} ms\n", flush.p50, flush.p99);
  fs::remove_all(dir, ec);
  return 0;
}
