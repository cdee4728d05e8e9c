#include "shared/domain/event_file.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <sstream>

#include <fmt/core.h>
#include <fmt/std.h>

#include "shared/domain/clock.hpp"
#include "shared/base/files.hpp"

namespace accueil {

namespace {

bool is_identifier(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::ranges::all_of(s, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

bool is_colour(std::string_view s) {
  if (s.size() != 7 || s[0] != '#') return false;
  return std::ranges::all_of(s.substr(1), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

bool is_language(std::string_view s) {
  return s.size() == 2 && std::ranges::all_of(s, [](char c) { return c >= 'a' && c <= 'z'; });
}

bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  int day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// Reads a table of language code -> text ("label = { fr = "...", en = "..." }").
Result<std::map<std::string, std::string>> read_labels(const toml::node_view<const toml::node>& node,
                                                       const std::string& where) {
  std::map<std::string, std::string> labels;
  if (!node) return labels;
  const toml::table* table = node.as_table();
  if (!table) return fail(fmt::format("{}: expected a table of language = \"text\"", where));
  for (auto&& [lang, value] : *table) {
    auto text = value.value<std::string>();
    if (!is_language(lang.str()) || !text)
      return fail(fmt::format("{}.{}: expected a two-letter language code with a text", where, lang.str()));
    labels.emplace(std::string(lang.str()), *text);
  }
  return labels;
}

Result<Event> read_event(const toml::table& root, std::string_view origin) {
  Event event;
  auto where = [&](std::string_view field) { return fmt::format("{}: {}", origin, field); };

  event.id = root["id"].value_or(std::string());
  if (!is_identifier(event.id))
    return fail(where("id") + ": expected a short identifier of lower-case letters, digits and - _ . (\"rencontres-2026\")");
  event.name = root["name"].value_or(std::string());
  if (event.name.empty()) return fail(where("name") + ": the event needs a name");
  event.venue = root["venue"].value_or(std::string());
  event.country = root["country"].value_or(std::string("FR"));
  if (event.country.size() != 2 || !std::ranges::all_of(event.country, [](char c) { return c >= 'A' && c <= 'Z'; }))
    return fail(where("country") + ": expected an ISO 3166-1 alpha-2 code such as \"FR\"");
  event.timezone = root["timezone"].value_or(std::string("Europe/Paris"));
  // A misspelt zone would silently be UTC and move every day boundary.
  if (const toml::node* zone = root.get("timezone")) {
    const auto& at = zone->source().begin;
    if (!zone->is_string())
      return fail(fmt::format("{}:{}:{}: timezone: expected a name such as \"Europe/Paris\"", origin, at.line, at.column));
    if (!is_known_timezone(event.timezone))
      return fail(fmt::format("{}:{}:{}: timezone: \"{}\" is not a time zone of the tz database; did you mean \"{}\"?",
                              origin, at.line, at.column, event.timezone, closest_timezone(event.timezone)));
  }
  event.public_key = root["public_key"].value_or(std::string());

  if (const toml::array* langs = root["languages"].as_array()) {
    for (std::size_t i = 0; i < langs->size(); ++i) {
      auto lang = (*langs)[i].value<std::string>();
      if (!lang || !is_language(*lang))
        return fail(fmt::format("{}[{}]: expected a two-letter language code such as \"fr\"", where("languages"), i));
      event.languages.push_back(*lang);
    }
  }
  if (event.languages.empty()) event.languages = {"fr", "en"};

  const toml::array* days = root["days"].as_array();
  if (!days || days->empty())
    return fail(where("days") + ": the event needs at least one [[days]] entry with a date");
  if (days->size() > 32) return fail(where("days") + ": at most 32 days are supported");
  for (std::size_t i = 0; i < days->size(); ++i) {
    const toml::table* day = (*days)[i].as_table();
    std::string at = fmt::format("{}[{}]", where("days"), i);
    if (!day) return fail(at + ": expected a table with a date");
    EventDay d;
    if (auto date = (*day)["date"].value<toml::date>()) {
      d.date = fmt::format("{:04}-{:02}-{:02}", date->year, date->month, date->day);
    } else {
      d.date = (*day)["date"].value_or(std::string());
    }
    if (!is_iso_date(d.date)) return fail(at + ".date: expected a date such as 2026-12-03");
    if (!event.days.empty() && d.date <= event.days.back().date)
      return fail(at + ".date: days must be listed in order, each after the one before");
    auto labels = read_labels((*day)["label"], at + ".label");
    if (!labels) return std::unexpected(labels.error());
    d.labels = std::move(*labels);
    event.days.push_back(std::move(d));
  }

  const toml::array* categories = root["categories"].as_array();
  if (!categories || categories->empty())
    return fail(where("categories") + ": the event needs at least one [[categories]] entry");
  for (std::size_t i = 0; i < categories->size(); ++i) {
    const toml::table* cat = (*categories)[i].as_table();
    std::string at = fmt::format("{}[{}]", where("categories"), i);
    if (!cat) return fail(at + ": expected a table with a key");
    Category c;
    c.key = (*cat)["key"].value_or(std::string());
    if (!is_identifier(c.key)) return fail(at + ".key: expected a short identifier such as \"elu\"");
    if (event.category(c.key)) return fail(fmt::format("{}.key: \"{}\" is listed twice", at, c.key));
    c.colour = (*cat)["colour"].value_or(std::string("#808080"));
    if (!is_colour(c.colour)) return fail(fmt::format("{}.colour: \"{}\" is not a colour such as \"#1F5FAD\"", at, c.colour));
    std::string role = (*cat)["role"].value_or(std::string("other"));
    auto parsed_role = category_role_from_string(role);
    if (!parsed_role)
      return fail(fmt::format("{}.role: \"{}\" is not one of local_government, embassy, delegation, speaker, "
                              "exhibitor, partner, press, organiser, other", at, role));
    c.role = *parsed_role;
    auto labels = read_labels((*cat)["label"], at + ".label");
    if (!labels) return std::unexpected(labels.error());
    c.labels = std::move(*labels);
    if (const auto aliases = (*cat)["aliases"]) {
      const toml::array* list = aliases.as_array();
      if (!list) return fail(at + ".aliases: expected a list of texts such as [\"Élus locaux\", \"Maire\"]");
      for (std::size_t k = 0; k < list->size(); ++k) {
        auto alias = (*list)[k].value<std::string>();
        if (!alias || alias->empty()) return fail(fmt::format("{}.aliases[{}]: expected a text", at, k));
        c.aliases.push_back(*alias);
      }
    }
    event.categories.push_back(std::move(c));
  }
  event.default_category = root["default_category"].value_or(std::string());
  if (!event.default_category.empty() && !event.category(event.default_category))
    return fail(fmt::format("{}: \"{}\" is not the key of one of the [[categories]]", where("default_category"),
                            event.default_category));

  if (const auto search = root["name_search"]) {
    const toml::table* t = search.as_table();
    if (!t) return fail(where("name_search") + ": expected a table (vip, check, check_letters)");
    NameSearchRules& rules = event.name_search;
    if (const auto vip = (*t)["vip"]; vip) {
      if (!vip.is_boolean()) return fail(where("name_search.vip") + ": expected true or false");
      rules.vip = vip.value_or(false);
    }
    if (const auto c = (*t)["check"]; c && !c.is_string())
      return fail(where("name_search.check") + ": expected \"none\", \"email\" or \"organisation\"");
    if (const auto l = (*t)["check_letters"]; l && !l.is_integer())
      return fail(where("name_search.check_letters") + ": expected a number of letters such as 3");
    const std::string check = (*t)["check"].value_or(std::string("none"));
    if (check == "email") rules.check = NameSearchRules::Check::email;
    else if (check == "organisation") rules.check = NameSearchRules::Check::organisation;
    else if (check != "none")
      return fail(fmt::format("{}: \"{}\" is not one of none, email, organisation", where("name_search.check"), check));
    const std::int64_t letters = (*t)["check_letters"].value_or(std::int64_t{3});
    if (letters < 1 || letters > 10) return fail(where("name_search.check_letters") + ": expected 1 to 10 letters");
    rules.check_letters = static_cast<int>(letters);
  }
  return event;
}

}  // namespace

Result<Event> parse_event(std::string_view toml_text, std::string_view origin) {
  try {
    toml::table root = toml::parse(toml_text, origin);
    return read_event(root, origin);
  } catch (const toml::parse_error& e) {
    const auto& at = e.source().begin;
    return fail(fmt::format("{}:{}:{}: {}", origin, at.line, at.column, e.description()));
  }
}

Result<Event> load_event_file(const std::filesystem::path& path) {
  auto text = read_file(path);
  if (!text) return std::unexpected(text.error());
  return parse_event(*text, path.string());
}

std::string event_to_toml(const Event& event) {
  auto labels_table = [](const std::map<std::string, std::string>& labels) {
    toml::table t;
    for (const auto& [lang, text] : labels) t.insert(lang, text);
    return t;
  };
  toml::table root;
  root.insert("id", event.id);
  root.insert("name", event.name);
  root.insert("venue", event.venue);
  root.insert("country", event.country);
  root.insert("timezone", event.timezone);
  if (!event.public_key.empty()) root.insert("public_key", event.public_key);
  toml::array langs;
  for (const auto& l : event.languages) langs.push_back(l);
  root.insert("languages", langs);
  toml::array days;
  for (const auto& d : event.days) {
    toml::table t;
    t.insert("date", d.date);
    if (!d.labels.empty()) t.insert("label", labels_table(d.labels));
    days.push_back(t);
  }
  root.insert("days", days);
  toml::array cats;
  for (const auto& c : event.categories) {
    toml::table t;
    t.insert("key", c.key);
    t.insert("role", std::string(to_string(c.role)));
    t.insert("colour", c.colour);
    t.insert("label", labels_table(c.labels));
    if (!c.aliases.empty()) {
      toml::array aliases;
      for (const auto& a : c.aliases) aliases.push_back(a);
      t.insert("aliases", aliases);
    }
    cats.push_back(t);
  }
  root.insert("categories", cats);
  if (!event.default_category.empty()) root.insert("default_category", event.default_category);
  const NameSearchRules& rules = event.name_search;
  root.insert("name_search", toml::table{{"vip", rules.vip},
                                         {"check", std::string(to_string(rules.check))},
                                         {"check_letters", rules.check_letters}});
  std::ostringstream out;
  out << root;
  return out.str();
}

}  // namespace accueil
