#include "printer/queue/printer_config.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include <fmt/core.h>

namespace accueil::printer {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::optional<int> parse_int(std::string_view s) {
  int value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::optional<double> parse_number(std::string_view s) {
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || !(value > 0) || value > 10'000) return std::nullopt;
  return value;
}

std::string format_mm(double v) {
  return v == std::floor(v) ? fmt::format("{}", static_cast<long>(v)) : fmt::format("{:g}", v);
}

constexpr std::string_view k_languages_help =
    "brother-ql-MODEL (e.g. brother-ql-820nwb), zpl or zpl-300";

}  // namespace

// --- Languages ---------------------------------------------------------------------------

Result<LanguageSpec> parse_language(std::string_view text) {
  const std::string t = lower(text);
  if (t == "brother-ql") return LanguageSpec{Language::brother_ql, std::nullopt, brother::k_dpi};
  if (t.starts_with("brother-ql-")) {
    const std::string wanted = t.substr(std::string_view("brother-").size());  // "ql-820nwb"
    for (const auto& m : brother::models())
      if (lower(m.name) == wanted) return LanguageSpec{Language::brother_ql, m.model, brother::k_dpi};
    std::string known;
    for (const auto& m : brother::models()) known += (known.empty() ? "" : ", ") + ("brother-" + lower(m.name));
    return fail(fmt::format("unknown Brother model \"{}\": known models are {}", text, known));
  }
  if (t == "zpl") return LanguageSpec{Language::zpl, std::nullopt, 203};
  if (t.starts_with("zpl-")) {
    auto dpi = parse_int(std::string_view(t).substr(4));
    if (dpi && (*dpi == 152 || *dpi == 203 || *dpi == 300 || *dpi == 600))
      return LanguageSpec{Language::zpl, std::nullopt, *dpi};
    return fail(fmt::format("\"{}\": a Zebra prints at 152, 203, 300 or 600 dpi (zpl-300)", text));
  }
  return fail(fmt::format("unknown printer language \"{}\": expected {}", text, k_languages_help));
}

std::string to_string(const LanguageSpec& l) {
  if (l.language == Language::zpl) return l.dpi == 203 ? "zpl" : fmt::format("zpl-{}", l.dpi);
  if (!l.model) return "brother-ql";
  return "brother-" + lower(brother::info(*l.model).name);
}

// --- URIs ----------------------------------------------------------------------------------

std::string_view to_string(Connection c) {
  switch (c) {
    case Connection::cups: return "cups";
    case Connection::usb: return "usb";
    case Connection::tcp: return "tcp";
    case Connection::file: return "file";
    case Connection::lp: return "lp";
  }
  return "file";
}

Result<PrinterUri> parse_printer_uri(std::string_view text) {
  const auto colon = text.find(':');
  const std::string scheme = lower(text.substr(0, colon));
  const std::string_view rest = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
  auto bad = [&](std::string_view why) {
    return fail(fmt::format("printer URI \"{}\": {}", text, why));
  };
  PrinterUri uri;
  if (scheme == "cups") {
    uri.connection = Connection::cups;
    if (rest.empty()) return bad("expected cups:QUEUE, the name of a CUPS queue");
    if (rest.find_first_of(" \t/#\\") != std::string_view::npos)
      return bad("a CUPS queue name has no spaces, slashes or #");
    uri.queue = std::string(rest);
    return uri;
  }
  if (scheme == "usb") {
    uri.connection = Connection::usb;
    const auto sep = rest.find(':');
    auto language = parse_language(rest.substr(0, sep));
    if (!language) return bad(fmt::format("expected usb:brother-ql or usb:zpl, then :SERIAL if needed ({})",
                                          language.error().message));
    uri.language = *language;
    if (sep != std::string_view::npos) {
      uri.serial = std::string(rest.substr(sep + 1));
      if (uri.serial.empty()) return bad("the serial number after the last colon is empty");
    }
    return uri;
  }
  if (scheme == "tcp") {
    uri.connection = Connection::tcp;
    std::string_view after_host;
    if (rest.starts_with('[')) {
      const auto close = rest.find(']');
      if (close == std::string_view::npos || close + 1 >= rest.size() || rest[close + 1] != ':')
        return bad("an IPv6 address goes in brackets: tcp:[fd00::7]:9100:zpl");
      uri.host = std::string(rest.substr(1, close - 1));
      after_host = rest.substr(close + 2);
    } else {
      const auto sep = rest.find(':');
      if (sep == std::string_view::npos) return bad("expected tcp:HOST:PORT:LANGUAGE, e.g. tcp:10.0.0.7:9100:zpl");
      uri.host = std::string(rest.substr(0, sep));
      after_host = rest.substr(sep + 1);
    }
    if (uri.host.empty()) return bad("the host is empty");
    const auto sep = after_host.find(':');
    if (sep == std::string_view::npos) return bad("expected tcp:HOST:PORT:LANGUAGE, e.g. tcp:10.0.0.7:9100:zpl");
    auto port = parse_int(after_host.substr(0, sep));
    if (!port || *port < 1 || *port > 65535) return bad("the port is a number from 1 to 65535 (usually 9100)");
    uri.port = *port;
    auto language = parse_language(after_host.substr(sep + 1));
    if (!language) return bad(language.error().message);
    uri.language = *language;
  } else if (scheme == "file" || scheme == "lp") {
    uri.connection = scheme == "file" ? Connection::file : Connection::lp;
    const auto sep = rest.rfind(':');
    if (sep == std::string_view::npos || sep == 0)
      return bad(fmt::format("expected {}:PATH:LANGUAGE, e.g. {}", scheme,
                             scheme == "file" ? "file:/tmp/badges.prn:brother-ql-820nwb"
                                              : "lp:/dev/usb/lp0:brother-ql-820nwb"));
    uri.path = std::string(rest.substr(0, sep));
    auto language = parse_language(rest.substr(sep + 1));
    if (!language) return bad(language.error().message);
    uri.language = *language;
  } else {
    return bad("expected it to start with cups:, usb:, tcp:, file: or lp:");
  }
  if (uri.language && uri.language->language == Language::brother_ql && !uri.language->model)
    return bad("say which Brother model (brother-ql-820nwb, ...): only USB finds the model by itself");
  return uri;
}

std::string to_string(const PrinterUri& u) {
  switch (u.connection) {
    case Connection::cups: return "cups:" + u.queue;
    case Connection::usb:
      return fmt::format("usb:{}{}", u.language ? to_string(*u.language) : "brother-ql",
                         u.serial.empty() ? "" : ":" + u.serial);
    case Connection::tcp: {
      const std::string host = u.host.find(':') != std::string::npos ? "[" + u.host + "]" : u.host;
      return fmt::format("tcp:{}:{}:{}", host, u.port, u.language ? to_string(*u.language) : "");
    }
    case Connection::file:
    case Connection::lp:
      return fmt::format("{}:{}:{}", to_string(u.connection), u.path, u.language ? to_string(*u.language) : "");
  }
  return {};
}

// --- Media -----------------------------------------------------------------------------------

Result<MediaSpec> parse_media(std::string_view text) {
  const std::string t = lower(text);
  auto bad = [&] {
    return fail(fmt::format("media \"{}\": expected WIDTHxLENGTH in millimetres for labels (62x100), a tape width "
                            "for continuous tape (62), or a PWG media name (oe_62x100mm_62x100mm)", text));
  };
  auto strip_mm = [](std::string_view s) { return s.ends_with("mm") ? s.substr(0, s.size() - 2) : s; };
  MediaSpec media;
  if (t.find('_') != std::string::npos) {
    // class_name_WxHunit: the size is the last part.
    const auto last = t.rfind('_');
    std::string_view size = std::string_view(t).substr(last + 1);
    double unit = 1;
    if (size.ends_with("mm")) size.remove_suffix(2);
    else if (size.ends_with("in")) { size.remove_suffix(2); unit = 25.4; }
    else return bad();
    const auto x = size.find('x');
    if (x == std::string_view::npos) return bad();
    auto w = parse_number(size.substr(0, x));
    auto l = parse_number(size.substr(x + 1));
    if (!w || !l) return bad();
    media.width_mm = *w * unit;
    media.length_mm = *l * unit;
    media.name = t;
    return media;
  }
  const auto x = t.find('x');
  auto w = parse_number(strip_mm(std::string_view(t).substr(0, x)));
  if (!w) return bad();
  media.width_mm = *w;
  if (x != std::string::npos) {
    auto l = parse_number(strip_mm(std::string_view(t).substr(x + 1)));
    if (!l) return bad();
    media.length_mm = *l;
  }
  return media;
}

std::string to_string(const MediaSpec& m) {
  if (!m.name.empty()) return m.name;
  if (m.continuous()) return format_mm(m.width_mm);
  return format_mm(m.width_mm) + "x" + format_mm(m.length_mm);
}

std::optional<brother::Media> brother_media(const MediaSpec& m) {
  for (const auto& info : brother::media_table()) {
    const bool die_cut = info.kind == brother::MediaKind::die_cut;
    if (std::abs(info.width_mm - m.width_mm) > 0.5) continue;
    if (die_cut && std::abs(info.length_mm - m.length_mm) <= 0.5) return info.media;
    if (!die_cut && m.length_mm == 0) return info.media;
  }
  return std::nullopt;
}

// --- Lists ---------------------------------------------------------------------------------------

const PrinterConfig* find_printer(const std::vector<PrinterConfig>& printers, std::string_view name) {
  auto it = std::find_if(printers.begin(), printers.end(), [&](const PrinterConfig& p) { return p.name == name; });
  return it == printers.end() ? nullptr : &*it;
}

Status check_printers(const std::vector<PrinterConfig>& printers, std::string_view origin) {
  std::set<std::string> names;
  for (std::size_t i = 0; i < printers.size(); ++i) {
    const PrinterConfig& p = printers[i];
    const std::string where = fmt::format("{}: printers[{}]{}", origin, i + 1, p.name.empty() ? "" : " (" + p.name + ")");
    const bool name_ok = !p.name.empty() && p.name.size() <= 64 && std::all_of(p.name.begin(), p.name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
             c == '.';
    });
    if (!name_ok)
      return fail(fmt::format("{}: a printer's name is 1 to 64 letters, digits, '-', '_' or '.' (\"{}\")", where, p.name));
    if (!names.insert(p.name).second) return fail(fmt::format("{}: another printer has the name {}", where, p.name));
    if (p.uri.connection == Connection::cups) continue;  // a size, a PWG name, or none: the queue's default
    if (!p.uri.language) return fail(fmt::format("{}: its URI says no printer language", where));
    if (!p.media.name.empty())
      return fail(fmt::format("{}: media \"{}\" is a CUPS media name; give the size, e.g. 62x100", where, p.media.name));
    if (p.media.width_mm <= 0) return fail(fmt::format("{}: say which labels are loaded: media = \"62x100\"", where));
    if (p.uri.language->language == Language::brother_ql) {
      auto media = brother_media(p.media);
      if (!media) {
        std::string known;
        for (const auto& m : brother::media_table())
          known += fmt::format("{}{} ({})", known.empty() ? "" : ", ",
                               m.kind == brother::MediaKind::die_cut ? fmt::format("{}x{}", m.width_mm, m.length_mm)
                                                                     : fmt::format("{}", m.width_mm),
                               m.name);
        return fail(fmt::format("{}: Brother QL printers take media {}, not {}", where, known, to_string(p.media)));
      }
      if (p.uri.language->model && !brother::print_area_offset(*p.uri.language->model, *media))
        return fail(fmt::format("{}: the {} cannot print on {}", where, brother::info(*p.uri.language->model).name,
                                brother::info(*media).name));
    }
  }
  for (std::size_t i = 0; i < printers.size(); ++i) {
    const PrinterConfig& p = printers[i];
    if (p.failover.empty()) continue;
    const std::string where = fmt::format("{}: printers[{}] ({})", origin, i + 1, p.name);
    if (p.failover == p.name) return fail(fmt::format("{}: a printer cannot be its own failover", where));
    if (!find_printer(printers, p.failover))
      return fail(fmt::format("{}: its failover \"{}\" is not a printer of this list", where, p.failover));
  }
  return {};
}

}  // namespace accueil::printer
