#include "printer/render/badge_template.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/core.h>
#include <fmt/std.h>

#include "shared/base/files.hpp"

namespace accueil::render {

namespace {

constexpr std::array<std::pair<Field, std::string_view>, 11> k_fields{{
    {Field::first_name, "first_name"},
    {Field::last_name, "last_name"},
    {Field::full_name, "full_name"},
    {Field::latin_name, "latin_name"},
    {Field::organisation, "organisation"},
    {Field::function, "function"},
    {Field::country, "country"},
    {Field::category, "category"},
    {Field::event_name, "event_name"},
    {Field::event_dates, "event_dates"},
    {Field::venue, "venue"},
}};

constexpr double k_max_badge_mm = 1000;  // a metre: anything longer is a typo
constexpr double k_min_text_pt = 4;      // below this nothing is legible on a badge
constexpr double k_max_text_pt = 200;

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string field_names() {
  std::string out;
  for (auto [f, name] : k_fields) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// Reads the TOML of one template. Each helper reports the full key path
// ("text[2].box_mm") so that a person can find the mistake.
class Reader {
public:
  explicit Reader(std::string origin) : m_origin(std::move(origin)) {}

  std::unexpected<Error> error(std::string_view where, std::string_view why) const {
    return fail(fmt::format("badge template {}: {}: {}", m_origin, where, why));
  }

  Result<double> number(const toml::table& t, std::string_view key, std::string_view where,
                        std::optional<double> fallback, double lo, double hi) const {
    const toml::node* n = t.get(key);
    if (!n) {
      if (fallback) return *fallback;
      return error(where, "missing; it is required");
    }
    std::optional<double> v = n->value<double>();
    if (!v) return error(where, "expected a number");
    if (*v < lo || *v > hi) return error(where, fmt::format("{} is outside {} .. {}", *v, lo, hi));
    return *v;
  }

  Result<RectMm> box(const toml::table& t, std::string_view where, const RectMm& badge) const {
    const toml::array* a = t["box_mm"].as_array();
    if (!a || a->size() != 4)
      return error(where, "expected box_mm = [x, y, width, height] in millimetres from the badge's top-left corner");
    std::array<double, 4> v{};
    for (std::size_t i = 0; i < 4; ++i) {
      auto d = (*a)[i].value<double>();
      if (!d) return error(where, fmt::format("box_mm[{}] is not a number", i));
      v[i] = *d;
    }
    RectMm r{v[0], v[1], v[2], v[3]};
    if (r.width <= 0 || r.height <= 0) return error(where, "the box needs a positive width and height");
    constexpr double tolerance = 1e-6;
    if (r.x < -tolerance || r.y < -tolerance)
      return error(where, "the box starts above or left of the badge (x and y must be >= 0)");
    if (r.right() > badge.right() + tolerance)
      return error(where, fmt::format("the box ends at x = {:.2f} mm, beyond the badge's width of {:.2f} mm",
                                      r.right(), badge.width));
    if (r.bottom() > badge.bottom() + tolerance)
      return error(where, fmt::format("the box ends at y = {:.2f} mm, beyond the badge's height of {:.2f} mm",
                                      r.bottom(), badge.height));
    return r;
  }

  Result<bool> boolean(const toml::table& t, std::string_view key, std::string_view where, bool fallback) const {
    const toml::node* n = t.get(key);
    if (!n) return fallback;
    auto v = n->value<bool>();
    if (!v) return error(where, "expected true or false");
    return *v;
  }

  Result<std::string> text(const toml::table& t, std::string_view key, std::string_view where,
                           std::optional<std::string> fallback) const {
    const toml::node* n = t.get(key);
    if (!n) {
      if (fallback) return *fallback;
      return error(where, "missing; it is required");
    }
    auto v = n->value<std::string>();
    if (!v) return error(where, "expected a string");
    return *v;
  }

  // Keys of `t` that are not in `known`: a misspelt key would otherwise be ignored silently.
  std::optional<std::unexpected<Error>> unknown_keys(const toml::table& t, std::string_view where,
                                                     std::initializer_list<std::string_view> known) const {
    for (auto&& [key, value] : t) {
      if (std::ranges::find(known, key.str()) == known.end()) {
        std::string list;
        for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
        return error(where.empty() ? key.str() : fmt::format("{}.{}", where, key.str()),
                     fmt::format("unknown key; expected one of {}", list));
      }
    }
    return std::nullopt;
  }

  Result<TextSpec> text_spec(const toml::table& t, const std::string& where, const RectMm& badge) const {
    if (auto bad = unknown_keys(t, where, {"field", "box_mm", "size_pt", "min_size_pt", "max_lines", "bold",
                                           "align", "valign", "colour"}))
      return *bad;
    TextSpec spec;
    auto field_name = text(t, "field", where + ".field", std::nullopt);
    if (!field_name) return std::unexpected(field_name.error());
    auto field = field_from_string(*field_name);
    if (!field) return error(where + ".field", fmt::format("\"{}\" is not one of {}", *field_name, field_names()));
    spec.field = *field;
    auto b = box(t, where + ".box_mm", badge);
    if (!b) return std::unexpected(b.error());
    spec.box = *b;
    auto size = number(t, "size_pt", where + ".size_pt", std::nullopt, k_min_text_pt, k_max_text_pt);
    if (!size) return std::unexpected(size.error());
    spec.size_pt = *size;
    auto min_size = number(t, "min_size_pt", where + ".min_size_pt", *size, k_min_text_pt, k_max_text_pt);
    if (!min_size) return std::unexpected(min_size.error());
    if (*min_size > *size)
      return error(where + ".min_size_pt", fmt::format("{} is larger than size_pt ({})", *min_size, *size));
    spec.min_size_pt = *min_size;
    auto lines = number(t, "max_lines", where + ".max_lines", 1.0, 1, 4);
    if (!lines) return std::unexpected(lines.error());
    if (*lines != static_cast<int>(*lines)) return error(where + ".max_lines", "expected a whole number of lines");
    spec.max_lines = static_cast<int>(*lines);
    auto bold = boolean(t, "bold", where + ".bold", false);
    if (!bold) return std::unexpected(bold.error());
    spec.bold = *bold;
    auto align = text(t, "align", where + ".align", std::string("centre"));
    if (!align) return std::unexpected(align.error());
    if (*align == "start") spec.align = Align::start;
    else if (*align == "centre" || *align == "center") spec.align = Align::centre;
    else if (*align == "end") spec.align = Align::end;
    else return error(where + ".align", fmt::format("\"{}\" is not one of start, centre, end", *align));
    auto valign = text(t, "valign", where + ".valign", std::string("middle"));
    if (!valign) return std::unexpected(valign.error());
    if (*valign == "top") spec.valign = VAlign::top;
    else if (*valign == "middle") spec.valign = VAlign::middle;
    else if (*valign == "bottom") spec.valign = VAlign::bottom;
    else return error(where + ".valign", fmt::format("\"{}\" is not one of top, middle, bottom", *valign));
    auto colour = text(t, "colour", where + ".colour", std::string("#000000"));
    if (!colour) return std::unexpected(colour.error());
    auto rgb = parse_colour(*colour);
    if (!rgb) return error(where + ".colour", fmt::format("\"{}\" is not a colour such as \"#1F5FAD\"", *colour));
    spec.colour = *rgb;
    // A box must hold at least one line at the minimum size.
    double min_line_mm = spec.min_size_pt / pt_per_mm * line_height_em;
    if (spec.box.height < min_line_mm)
      return error(where + ".box_mm",
                   fmt::format("the box is {:.1f} mm high, too low for one line at min_size_pt = {} (about {:.1f} mm)",
                               spec.box.height, spec.min_size_pt, min_line_mm));
    return spec;
  }

  Result<BadgeTemplate> read(const toml::table& root, const std::filesystem::path& base_dir) const {
    if (auto bad = unknown_keys(root, "", {"id", "name", "media", "width_mm", "height_mm", "font", "band", "text",
                                           "qr", "logo"}))
      return *bad;
    BadgeTemplate t;
    auto id = text(root, "id", "id", std::nullopt);
    if (!id) return std::unexpected(id.error());
    if (id->empty() || id->size() > 64 || !std::ranges::all_of(*id, [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        }))
      return error("id", "expected a short identifier of lower-case letters, digits and - _ . (\"label-62x100\")");
    t.id = *id;
    auto name = text(root, "name", "name", t.id);
    if (!name) return std::unexpected(name.error());
    t.name = *name;
    auto media = text(root, "media", "media", std::string("die-cut"));
    if (!media) return std::unexpected(media.error());
    if (*media == "die-cut") t.media = Media::die_cut;
    else if (*media == "continuous") t.media = Media::continuous;
    else if (*media == "sheet") t.media = Media::sheet;
    else return error("media", fmt::format("\"{}\" is not one of die-cut, continuous, sheet", *media));
    auto width = number(root, "width_mm", "width_mm", std::nullopt, 10, k_max_badge_mm);
    if (!width) return std::unexpected(width.error());
    auto height = number(root, "height_mm", "height_mm", std::nullopt, 10, k_max_badge_mm);
    if (!height) return std::unexpected(height.error());
    t.width_mm = *width;
    t.height_mm = *height;
    auto font = text(root, "font", "font", std::string("Noto Sans"));
    if (!font) return std::unexpected(font.error());
    if (font->empty() || font->find(',') != std::string::npos)
      return error("font", "expected one font family name such as \"Noto Sans\"");
    t.font = *font;
    const RectMm badge = t.bounds();

    if (const toml::node* node = root.get("band")) {
      const toml::table* b = node->as_table();
      if (!b) return error("band", "expected a [band] table");
      if (auto bad = unknown_keys(*b, "band", {"box_mm", "size_pt", "min_size_pt", "padding_mm", "bold"})) return *bad;
      BandSpec band;
      auto r = box(*b, "band.box_mm", badge);
      if (!r) return std::unexpected(r.error());
      band.box = *r;
      auto size = number(*b, "size_pt", "band.size_pt", 14.0, k_min_text_pt, k_max_text_pt);
      if (!size) return std::unexpected(size.error());
      band.size_pt = *size;
      auto min_size = number(*b, "min_size_pt", "band.min_size_pt", std::min(8.0, *size), k_min_text_pt, *size);
      if (!min_size) return std::unexpected(min_size.error());
      band.min_size_pt = *min_size;
      auto padding = number(*b, "padding_mm", "band.padding_mm", 1.5, 0, band.box.height / 2);
      if (!padding) return std::unexpected(padding.error());
      band.padding_mm = *padding;
      auto bold = boolean(*b, "bold", "band.bold", true);
      if (!bold) return std::unexpected(bold.error());
      band.bold = *bold;
      t.band = band;
    }

    if (const toml::node* node = root.get("text")) {
      const toml::array* texts = node->as_array();
      if (!texts) return error("text", "expected [[text]] tables");
      for (std::size_t i = 0; i < texts->size(); ++i) {
        std::string where = fmt::format("text[{}]", i);
        const toml::table* tt = (*texts)[i].as_table();
        if (!tt) return error(where, "expected a table");
        auto spec = text_spec(*tt, where, badge);
        if (!spec) return std::unexpected(spec.error());
        t.texts.push_back(*spec);
      }
    }

    if (const toml::node* node = root.get("qr")) {
      const toml::table* q = node->as_table();
      if (!q) return error("qr", "expected a [qr] table");
      if (auto bad = unknown_keys(*q, "qr", {"box_mm", "ecc", "quiet_zone_modules"})) return *bad;
      QrSpec qr;
      auto r = box(*q, "qr.box_mm", badge);
      if (!r) return std::unexpected(r.error());
      qr.box = *r;
      auto ecc = text(*q, "ecc", "qr.ecc", std::string("M"));
      if (!ecc) return std::unexpected(ecc.error());
      if (*ecc == "L") qr.ecc = QrEcc::low;
      else if (*ecc == "M") qr.ecc = QrEcc::medium;
      else if (*ecc == "Q") qr.ecc = QrEcc::quartile;
      else if (*ecc == "H") qr.ecc = QrEcc::high;
      else return error("qr.ecc", fmt::format("\"{}\" is not one of L, M, Q, H", *ecc));
      auto quiet = number(*q, "quiet_zone_modules", "qr.quiet_zone_modules", 4.0, 1, 10);
      if (!quiet) return std::unexpected(quiet.error());
      if (*quiet != static_cast<int>(*quiet)) return error("qr.quiet_zone_modules", "expected a whole number");
      qr.quiet_zone_modules = static_cast<int>(*quiet);
      t.qr = qr;
    }

    if (const toml::node* node = root.get("logo")) {
      const toml::table* l = node->as_table();
      if (!l) return error("logo", "expected a [logo] table");
      if (auto bad = unknown_keys(*l, "logo", {"box_mm", "file"})) return *bad;
      LogoSpec logo;
      auto r = box(*l, "logo.box_mm", badge);
      if (!r) return std::unexpected(r.error());
      logo.box = *r;
      auto file = text(*l, "file", "logo.file", std::nullopt);
      if (!file) return std::unexpected(file.error());
      std::filesystem::path path(*file);
      if (path.is_relative()) path = base_dir / path;
      std::string ext = lower_extension(path);
      if (ext == ".svg") logo.format = LogoFormat::svg;
      else if (ext == ".png") logo.format = LogoFormat::png;
      else return error("logo.file", fmt::format("{} is neither an SVG nor a PNG file", path));
      std::error_code ec;
      if (!std::filesystem::is_regular_file(path, ec))
        return error("logo.file", fmt::format("{} does not exist or is not a file", path));
      logo.file = path;
      t.logo = logo;
    }

    if (t.texts.empty() && !t.qr) return error("text", "the template prints nothing: add [[text]] boxes or a [qr] code");
    return t;
  }

private:
  std::string m_origin;
};

}  // namespace

std::string lower_extension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::ranges::transform(ext, ext.begin(), [](unsigned char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  });
  return ext;
}

std::optional<Rgb> parse_colour(std::string_view text) {
  if (text.size() != 7 || text[0] != '#') return std::nullopt;
  std::array<int, 3> channel{};
  for (std::size_t i = 0; i < 3; ++i) {
    int hi = hex_digit(text[1 + 2 * i]);
    int lo = hex_digit(text[2 + 2 * i]);
    if (hi < 0 || lo < 0) return std::nullopt;
    channel[i] = hi * 16 + lo;
  }
  return Rgb{channel[0] / 255.0, channel[1] / 255.0, channel[2] / 255.0};
}

std::string_view to_string(Field field) {
  for (auto [f, name] : k_fields)
    if (f == field) return name;
  return "first_name";
}

std::optional<Field> field_from_string(std::string_view text) {
  for (auto [f, name] : k_fields)
    if (name == text) return f;
  return std::nullopt;
}

std::string_view to_string(Media media) {
  switch (media) {
    case Media::die_cut: return "die-cut";
    case Media::continuous: return "continuous";
    case Media::sheet: return "sheet";
  }
  return "die-cut";
}

Result<BadgeTemplate> parse_template(std::string_view toml_text, std::string_view origin,
                                     const std::filesystem::path& base_dir) {
  try {
    toml::table root = toml::parse(toml_text, origin);
    return Reader(std::string(origin)).read(root, base_dir);
  } catch (const toml::parse_error& e) {
    const auto& at = e.source().begin;
    return fail(fmt::format("badge template {}:{}:{}: {}", origin, at.line, at.column, e.description()));
  }
}

Result<BadgeTemplate> load_template(const std::filesystem::path& path) {
  auto text = read_file(path);
  if (!text) return std::unexpected(text.error());
  return parse_template(*text, path.string(), path.parent_path());
}

Result<const BadgeTemplate*> TemplateShelf::get(std::string_view id) {
  if (auto it = m_kept.find(id); it != m_kept.end()) return &it->second;
  if (id.empty() || id.find('/') != std::string_view::npos || id.starts_with("."))
    return fail(fmt::format("\"{}\" is not a badge template name (a file name in {}, without .toml)", id, m_dir));
  const std::filesystem::path path = m_dir / (std::string(id) + ".toml");
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    std::vector<std::string> known;
    for (const auto& entry : std::filesystem::directory_iterator(m_dir, ec))
      if (entry.path().extension() == ".toml") known.push_back(entry.path().stem().string());
    std::ranges::sort(known);
    std::string list;
    for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
    return fail(fmt::format("no badge template \"{}\" in {} (templates: {})", id, m_dir, list.empty() ? "none" : list));
  }
  auto loaded = load_template(path);
  if (!loaded) return std::unexpected(loaded.error());
  return &m_kept.emplace(std::string(id), std::move(*loaded)).first->second;
}

}  // namespace accueil::render
