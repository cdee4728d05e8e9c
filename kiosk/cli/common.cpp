#include "kiosk/cli/common.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include <fmt/core.h>

#include "shared/domain/clock.hpp"

namespace accueil::cli {

namespace fs = std::filesystem;
using nlohmann::json;

int report_error(const Globals& g, std::string_view message) {
  fmt::print(stderr, "accueilctl: {}\n", message);
  if (g.json) fmt::print("{}\n", json{{"error", message}}.dump(2));
  return k_exit_error;
}

void print_json(const json& doc) { fmt::print("{}\n", doc.dump(2)); }

std::string env_or(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::string(value) : std::move(fallback);
}

std::string default_kiosk(const std::string& given) {
  if (!given.empty()) return given;
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  return env_or("ACCUEIL_KIOSK", *host ? host : "kiosk");
}

Result<Store> open_existing(const Globals& g, bool read_only) {
  std::error_code ec;
  if (!fs::exists(g.db, ec))
    return fail(fmt::format("there is no store at {}: create it with accueilctl init --event FILE (or pass --db)", g.db));
  return read_only ? Store::open_read_only(g.db) : Store::open(g.db);
}

Result<Opened> open_with_event(const Globals& g, bool read_only) {
  auto store = open_existing(g, read_only);
  if (!store) return std::unexpected(store.error());
  auto event = store->event();
  if (!event) return std::unexpected(event.error());
  if (!*event) return fail(fmt::format("the store {} has no event yet: run accueilctl init --event FILE", g.db));
  return Opened{std::move(*store), std::move(**event)};
}

Result<Attendee> find_attendee_or_fail(Store& store, std::string_view id_code_or_ref) {
  auto found = store.find_attendee(id_code_or_ref);
  if (!found) return std::unexpected(found.error());
  if (!*found) return fail(fmt::format("no attendee has the id, ticket code or reference \"{}\"", id_code_or_ref));
  return std::move(**found);
}

Result<int> resolve_day(const Event& event, std::optional<int> day) {
  if (day) {
    if (*day > event.day_count())
      return fail(fmt::format("day {} is not a day of {}: it has {} day(s)", *day, event.name, event.day_count()));
    return *day;
  }
  const std::int64_t now = SystemClock().now_ms();
  if (auto today = event_day_at(event, now)) return *today;
  std::string dates;
  for (const EventDay& d : event.days) dates += (dates.empty() ? "" : ", ") + d.date;
  return fail(fmt::format("today ({}) is not a day of the event ({}): pass --day N", local_date(now, event.timezone), dates));
}

void print_row_issues(const ImportReport& report) {
  const auto line_of = [](const RowIssue& r) {
    return fmt::format("    line {}{}: {}\n", r.line, r.field.empty() ? "" : ", " + r.field, r.reason);
  };
  const auto rows = [](std::size_t n) { return n == 1 ? std::string("1 row") : fmt::format("{} rows", n); };
  if (!report.rejected.empty()) fmt::print("  {} rejected:\n", rows(report.rejected.size()));
  for (const RowIssue& r : report.rejected) fmt::print("{}", line_of(r));
  if (!report.warnings.empty()) fmt::print("  {} imported with a warning:\n", rows(report.warnings.size()));
  for (const RowIssue& r : report.warnings) fmt::print("{}", line_of(r));
}

}  // namespace accueil::cli
