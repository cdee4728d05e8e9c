#include "printer/queue/printers_toml.hpp"

#include <algorithm>

#include <fmt/core.h>
#include <fmt/std.h>

#include "shared/base/files.hpp"

namespace accueil::printer {

namespace {

constexpr std::string_view k_keys[] = {"name", "uri", "media", "template", "failover", "max_wait_s"};

std::string at(std::string_view origin, const toml::node& node) {
  const auto& begin = node.source().begin;
  if (begin.line == 0) return std::string(origin);
  return fmt::format("{}:{}", origin, begin.line);
}

}  // namespace

Result<std::vector<PrinterConfig>> parse_printers(const toml::table& root, std::string_view origin) {
  std::vector<PrinterConfig> printers;
  const toml::node* node = root.get("printers");
  if (!node) return printers;
  const toml::array* array = node->as_array();
  if (!array)
    return fail(fmt::format("{}: printers must be an array of tables: write each printer under [[printers]]",
                            at(origin, *node)));
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::table* t = (*array)[i].as_table();
    if (!t) return fail(fmt::format("{}: printers[{}] is not a table", at(origin, (*array)[i]), i + 1));
    PrinterConfig p;
    p.name = (*t)["name"].value_or(std::string());
    const std::string where =
        fmt::format("{}: printers[{}]{}", at(origin, *t), i + 1, p.name.empty() ? "" : " (" + p.name + ")");
    for (auto&& [key, value] : *t) {
      if (std::find(std::begin(k_keys), std::end(k_keys), key.str()) == std::end(k_keys))
        return fail(fmt::format("{}: unknown key \"{}\" (a printer has name, uri, media, template, failover, "
                                "max_wait_s)", where, key.str()));
      if (key.str() == "max_wait_s") {
        // as_integer(), not value<int64_t>(): toml++ casts a float to an
        // integer first, undefined for one out of range.
        const auto* whole = value.as_integer();
        const std::optional<std::int64_t> seconds = whole ? std::optional(whole->get()) : std::nullopt;
        if (!seconds || *seconds < 1 || *seconds > 7 * 24 * 3600)
          return fail(fmt::format("{}: max_wait_s must be a whole number of seconds, 1 or more (a request that "
                                  "waited longer goes to the reception list): max_wait_s = 600", where));
        p.max_wait_ms = *seconds * 1000;
        continue;
      }
      if (!value.is_string())
        return fail(fmt::format("{}: {} must be a text in quotes", where, key.str()));
    }
    if (p.name.empty()) return fail(fmt::format("{}: every printer needs a name", where));
    auto uri_text = (*t)["uri"].value<std::string>();
    if (!uri_text) return fail(fmt::format("{}: say how to reach the printer: uri = \"usb:brother-ql\"", where));
    auto uri = parse_printer_uri(*uri_text);
    if (!uri) return fail(fmt::format("{}: {}", where, uri.error().message));
    p.uri = std::move(*uri);
    if (auto media_text = (*t)["media"].value<std::string>()) {
      auto media = parse_media(*media_text);
      if (!media) return fail(fmt::format("{}: {}", where, media.error().message));
      p.media = std::move(*media);
    }
    p.template_id = (*t)["template"].value_or(std::string());
    p.failover = (*t)["failover"].value_or(std::string());
    printers.push_back(std::move(p));
  }
  if (auto checked = check_printers(printers, origin); !checked) return std::unexpected(checked.error());
  return printers;
}

Result<std::vector<PrinterConfig>> parse_printers_text(std::string_view toml_text, std::string_view origin) {
  try {
    toml::table root = toml::parse(toml_text, origin);
    return parse_printers(root, origin);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return fail(fmt::format("{}:{}:{}: {}", origin, where.line, where.column, e.description()));
  }
}

Result<std::vector<PrinterConfig>> load_printers_file(const std::filesystem::path& path) {
  auto text = read_file(path);
  if (!text) return std::unexpected(text.error());
  return parse_printers_text(*text, path.string());
}

}  // namespace accueil::printer
