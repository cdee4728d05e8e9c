// accueilctl badge / badges: one badge to a file, or many on A4 sheets.
#include <fmt/core.h>
#include <fmt/std.h>
#include <nlohmann/json.hpp>

#include "kiosk/cli/commands.hpp"
#include "kiosk/cli/common.hpp"
#include "printer/render/render.hpp"
#include "shared/base/files.hpp"

namespace accueil::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A template given by path, or by name ("label-62x100", from the assets).
Result<render::BadgeTemplate> find_template(const std::string& name) {
  std::error_code ec;
  if (fs::is_regular_file(name, ec)) return render::load_template(name);
  render::TemplateShelf shelf(assets_dir() / "badges");
  auto found = shelf.get(name);
  if (!found) return std::unexpected(found.error());
  return **found;
}

}  // namespace

int run_badge(const Globals& g, const BadgeOptions& o) {
  auto opened = open_with_event(g);
  if (!opened) return report_error(g, opened.error().message);
  auto found = find_attendee_or_fail(opened->store, o.attendee);
  if (!found) return report_error(g, found.error().message);
  auto badge = find_template(o.template_name);
  if (!badge) return report_error(g, badge.error().message);
  auto token = opened->store.badge_code(found->id);
  if (!token) return report_error(g, token.error().message);
  auto typesetter = render::Typesetter::create();
  if (!typesetter) return report_error(g, typesetter.error().message);
  auto layout = typesetter->layout(*badge, render::badge_content(opened->event, *found, *token));
  if (!layout) return report_error(g, layout.error().message);
  render::FileOptions options;
  options.dpi = o.dpi;
  if (auto s = render::write_badge(*layout, o.out, options); !s) return report_error(g, s.error().message);
  if (g.json) print_json({{"out", o.out}, {"attendee", found->id}, {"template", badge->id}, {"warnings", layout->warnings}});
  else fmt::print("wrote the badge of {} to {}\n", display_name(*found), o.out);
  for (const std::string& w : layout->warnings) fmt::print(stderr, "warning: {}\n", w);
  return 0;
}

int run_badges(const Globals& g, const BadgesOptions& o) {
  auto opened = open_with_event(g);
  if (!opened) return report_error(g, opened.error().message);
  const Event& event = opened->event;
  if (!o.category.empty() && !event.category(o.category))
    return report_error(g, fmt::format("\"{}\" is not a category of the event", o.category));
  if (o.day && (*o.day < 1 || *o.day > event.day_count()))
    return report_error(g, fmt::format("day {} is not a day of the event", *o.day));
  auto badge = find_template(o.template_name);
  if (!badge) return report_error(g, badge.error().message);
  auto attendees = opened->store.attendees();
  if (!attendees) return report_error(g, attendees.error().message);

  std::vector<render::BadgeContent> contents;
  for (const Attendee& a : *attendees) {
    if (a.status == AttendeeStatus::cancelled) continue;
    if (!o.category.empty() && a.category != o.category) continue;
    if (o.day && !a.days.contains(*o.day)) continue;
    if (o.vip && !a.vip) continue;
    auto token = opened->store.badge_code(a.id);
    if (!token) return report_error(g, token.error().message);
    contents.push_back(render::badge_content(event, a, std::move(*token)));
  }
  if (contents.empty()) return report_error(g, "no attendee matches: nothing to print");
  auto typesetter = render::Typesetter::create();
  if (!typesetter) return report_error(g, typesetter.error().message);
  auto sheets = render::write_sheets(*typesetter, *badge, contents, o.out);
  if (!sheets) return report_error(g, sheets.error().message);
  if (g.json) {
    print_json({{"out", o.out}, {"badges", sheets->badges}, {"sheets", sheets->sheets}, {"warnings", sheets->warnings}});
  } else {
    fmt::print("wrote {} badges on {} sheets to {}\n", sheets->badges, sheets->sheets, o.out);
  }
  for (const std::string& w : sheets->warnings) fmt::print(stderr, "warning: {}\n", w);
  return 0;
}

}  // namespace accueil::cli
