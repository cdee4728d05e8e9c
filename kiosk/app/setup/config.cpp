#include "kiosk/app/setup/config.hpp"

#include <algorithm>

#include <toml++/toml.h>

#include <fmt/core.h>
#include <fmt/std.h>

#include "printer/queue/printers_toml.hpp"
#include "shared/base/files.hpp"

namespace accueil::kiosk {

namespace fs = std::filesystem;

std::string KioskConfig::template_for(std::string_view category) const {
  if (auto it = templates.find(std::string(category)); it != templates.end()) return it->second;
  if (!template_id.empty()) return template_id;
  if (const printer::PrinterConfig* p = kiosk_printer(); p && !p->template_id.empty()) return p->template_id;
  return "label-62x100";
}

const printer::PrinterConfig* KioskConfig::kiosk_printer() const {
  for (const printer::PrinterConfig& p : printers)
    if (printer.empty() || p.name == printer) return &p;
  return nullptr;
}

namespace {

// A key the kiosk does not read is a typo (print_timout_s) whose setting would
// silently not apply: refused, naming the keys it knows.
Status known_keys(const toml::table& table, std::string_view section, std::initializer_list<std::string_view> known,
                  const std::string& where) {
  for (const auto& [key, value] : table) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
    std::string list;
    for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
    return fail(fmt::format("{}: {}{}: unknown key; {} has {}", where, section.empty() ? "" : std::string(section) + ".",
                            key.str(), section.empty() ? "the kiosk's file" : "[" + std::string(section) + "]", list));
  }
  return {};
}

// A whole number: the TOML integer at `node`, `fallback` when the key is
// absent, nothing when it holds anything else. Never toml++'s value<int64_t>(),
// which also takes a float and casts it, undefined for one out of range
// (height = 761e38, found by fuzz_kiosk_toml).
template <typename View>
std::optional<std::int64_t> whole_or(const View& node, std::int64_t fallback) {
  if (!node) return fallback;
  if (const auto* i = node.as_integer()) return i->get();
  return std::nullopt;
}

}  // namespace

Result<KioskConfig> parse_kiosk_config(std::string_view toml_text, const fs::path& origin) {
  toml::table root;
  const std::string where = origin.string();
  try {
    root = toml::parse(toml_text, where);
  } catch (const toml::parse_error& e) {
    return fail(fmt::format("{}:{}:{}: {}", where, e.source().begin.line, e.source().begin.column, e.description()));
  }
  const fs::path base = origin.parent_path();
  auto path_of = [&](std::string_view text) { return fs::path(text).is_absolute() ? fs::path(text) : base / text; };
  auto bad = [&](std::string_view key, std::string_view why) { return fail(fmt::format("{}: {}: {}", where, key, why)); };

  if (auto s = known_keys(root, "",
                          {"store", "event", "kiosk", "central", "day", "rehearsal_day", "print_queue_retry_s",
                           "languages", "idle_timeout_s", "list_check_s", "print_timeout_s", "printer", "template",
                           "templates", "done_message", "scanner", "camera", "screen", "printers", "dashboard"},
                          where);
      !s)
    return std::unexpected(s.error());
  const auto section_keys = [&](const char* section, std::initializer_list<std::string_view> known) -> Status {
    if (const toml::table* t = root[section].as_table()) return known_keys(*t, section, known, where);
    return {};
  };
  if (auto s = section_keys("scanner", {"layout", "serial", "max_gap_ms", "max_pause_ms"}); !s) return std::unexpected(s.error());
  if (auto s = section_keys("camera", {"device", "width", "height", "fps"}); !s) return std::unexpected(s.error());
  if (auto s = section_keys("screen", {"fullscreen", "width", "height", "touch_keyboard"}); !s) return std::unexpected(s.error());
  if (auto s = section_keys("dashboard", {"vip_sound"}); !s) return std::unexpected(s.error());

  KioskConfig c;
  auto store = root["store"].value<std::string>();
  if (!store || store->empty()) return bad("store", "the kiosk needs its store (a file made by accueilctl init)");
  c.store = path_of(*store);
  if (auto event = root["event"].value<std::string>()) c.event_file = path_of(*event);
  c.kiosk_id = root["kiosk"].value_or(std::string());
  c.central = root["central"].value_or(std::string());
  // The day follows the event's clock; a fixed day is a rehearsal, and says so.
  if (root.contains("day"))
    return bad("day", "the kiosk follows the event's clock (its time zone) and changes day at midnight; to rehearse "
                      "on a fixed day, write rehearsal_day = N (the screen then says \"rehearsal\")");
  if (const auto day = root["rehearsal_day"]) {
    const std::int64_t n = whole_or(day, 0).value_or(0);
    if (n < 1 || n > 32)
      return bad("rehearsal_day", "expected an event day number, 1 for the first day");
    c.rehearsal_day = static_cast<int>(n);
  }
  if (auto every = root["print_queue_retry_s"].value<double>()) {
    if (*every < 0.2 || *every > 600) return bad("print_queue_retry_s", "expected between 0.2 and 600 seconds");
    c.print_queue_retry_ms = static_cast<std::int64_t>(*every * 1000);
  }
  if (const toml::array* langs = root["languages"].as_array())
    for (const auto& l : *langs) {
      auto code = l.value<std::string>();
      if (!code || code->size() != 2) return bad("languages", "expected two-letter codes such as \"fr\"");
      c.languages.push_back(*code);
    }
  if (auto idle = root["idle_timeout_s"].value<double>()) {
    if (*idle < 5 || *idle > 3600) return bad("idle_timeout_s", "expected between 5 and 3600 seconds");
    c.idle_timeout_ms = static_cast<std::int64_t>(*idle * 1000);
  }
  if (auto every = root["list_check_s"].value<double>()) {
    if (*every < 1 || *every > 3600) return bad("list_check_s", "expected between 1 and 3600 seconds");
    c.list_check_ms = static_cast<std::int64_t>(*every * 1000);
  }
  if (auto wait = root["print_timeout_s"].value<double>()) {
    if (*wait < 3 || *wait > 600) return bad("print_timeout_s", "expected between 3 and 600 seconds");
    c.print_timeout_ms = static_cast<std::int64_t>(*wait * 1000);
  }
  c.printer = root["printer"].value_or(std::string());
  c.template_id = root["template"].value_or(std::string());
  if (const toml::table* t = root["templates"].as_table())
    for (auto&& [category, name] : *t) {
      auto value = name.value<std::string>();
      if (!value) return bad(fmt::format("templates.{}", category.str()), "expected a template name");
      c.templates.emplace(std::string(category.str()), *value);
    }
  if (const toml::table* t = root["done_message"].as_table())
    for (auto&& [lang, text] : *t) {
      auto value = text.value<std::string>();
      if (!value) return bad(fmt::format("done_message.{}", lang.str()), "expected a text");
      c.done_message.emplace(std::string(lang.str()), *value);
    }
  if (const toml::table* s = root["scanner"].as_table()) {
    std::string layout = (*s)["layout"].value_or(std::string("us"));
    auto parsed = scanner_layout_from_string(layout);
    if (!parsed) return bad("scanner.layout", fmt::format("\"{}\" is not one of us, fr, de, gb", layout));
    c.scanner_layout = *parsed;
    if (const toml::array* serial = (*s)["serial"].as_array())
      for (const auto& d : *serial)
        if (auto device = d.value<std::string>()) c.serial_scanners.push_back(*device);
    const auto gap = whole_or((*s)["max_gap_ms"], c.scanner_max_gap_ms);
    if (!gap || *gap < 5 || *gap > 200) return bad("scanner.max_gap_ms", "expected a whole number between 5 and 200 ms");
    c.scanner_max_gap_ms = *gap;
    const auto pause = whole_or((*s)["max_pause_ms"], c.scanner_max_pause_ms);
    if (!pause || *pause < 50 || *pause > 2000)
      return bad("scanner.max_pause_ms", "expected a whole number between 50 and 2000 ms");
    c.scanner_max_pause_ms = *pause;
  }
  if (const toml::table* cam = root["camera"].as_table()) {
    auto device = (*cam)["device"].value<std::string>();
    if (!device || device->empty()) return bad("camera.device", "expected the camera's device, such as \"/dev/video0\"");
    c.camera_device = *device;
    const auto width = whole_or((*cam)["width"], 640), height = whole_or((*cam)["height"], 480);
    if (!width || !height || *width < 160 || *width > 1920 || *height < 120 || *height > 1080)
      return bad("camera", "expected a width between 160 and 1920 and a height between 120 and 1080, whole numbers");
    c.camera_width = static_cast<int>(*width);
    c.camera_height = static_cast<int>(*height);
    const auto fps = whole_or((*cam)["fps"], 10);
    if (!fps || *fps < 1 || *fps > 30) return bad("camera.fps", "expected a whole number between 1 and 30 frames a second");
    c.camera_fps = static_cast<int>(*fps);
  }
  if (const auto sound = root["dashboard"]["vip_sound"]) {
    if (!sound.is_boolean()) return bad("dashboard.vip_sound", "expected true or false");
    c.dashboard_vip_sound = sound.value_or(false);
  }
  if (const toml::table* s = root["screen"].as_table()) {
    c.fullscreen = (*s)["fullscreen"].value_or(true);
    const auto width = whole_or((*s)["width"], 1280), height = whole_or((*s)["height"], 800);
    if (!width || !height) return bad("screen", "expected a width and a height in whole pixels, such as width = 1280");
    if (*width < 320 || *height < 240) return bad("screen", "the window is too small (at least 320 x 240)");
    if (*width > 16384 || *height > 16384) return bad("screen", "the window is too large (at most 16384 x 16384)");
    c.width = static_cast<int>(*width);
    c.height = static_cast<int>(*height);
    if (const auto keyboard = (*s)["touch_keyboard"]) {
      const std::string value = keyboard.value_or(std::string());
      if (value == "auto") c.touch_keyboard = TouchKeyboard::automatic;
      else if (value == "on") c.touch_keyboard = TouchKeyboard::on;
      else if (value == "off") c.touch_keyboard = TouchKeyboard::off;
      else
        return bad("screen.touch_keyboard",
                   "expected \"auto\" (on a kiosk's staff screens, not at the desk), \"on\" or \"off\"");
    }
  }
  auto printers = printer::parse_printers(root, where);
  if (!printers) return std::unexpected(printers.error());
  c.printers = std::move(*printers);
  // No printer is fine for the dashboard (and the desk, which says so); the
  // self-service kiosk asks for one (check_kiosk_printer()).
  c.origin = where;
  if (!c.printers.empty() && !c.printer.empty() && !c.kiosk_printer())
    return bad("printer", fmt::format("\"{}\" is not one of the [[printers]]", c.printer));
  return c;
}

Status KioskConfig::check_kiosk_printer() const {
  if (printers.empty())
    return fail(fmt::format("{}: printers: the kiosk needs a printer: add a [[printers]] table", origin));
  if (!kiosk_printer()) return fail(fmt::format("{}: printer: \"{}\" is not one of the [[printers]]", origin, printer));
  return {};
}

Result<KioskConfig> load_kiosk_config(const fs::path& path) {
  auto text = read_file(path);
  if (!text) return std::unexpected(text.error());
  return parse_kiosk_config(*text, path);
}

}  // namespace accueil::kiosk
