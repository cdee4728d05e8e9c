#include "shared/intake/columns.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/core.h>

#include "shared/base/files.hpp"
#include "shared/text/text.hpp"

namespace accueil {

namespace {

constexpr std::array<std::pair<Field, std::string_view>, 21> k_field_names{{
    {Field::external_ref, "external_ref"}, {Field::ticket_code, "ticket_code"}, {Field::civility, "civility"},
    {Field::first_name, "first_name"}, {Field::last_name, "last_name"},
    {Field::first_name_latin, "first_name_latin"}, {Field::last_name_latin, "last_name_latin"},
    {Field::organisation, "organisation"}, {Field::function, "function"}, {Field::country, "country"},
    {Field::category, "category"}, {Field::language, "language"}, {Field::days, "days"},
    {Field::delegation, "delegation"}, {Field::vip, "vip"}, {Field::staff_note, "staff_note"},
    {Field::email, "email"}, {Field::status, "status"}, {Field::full_name, "full_name"},
    {Field::timestamp, "timestamp"}, {Field::ignore, "ignore"},
}};

// shared/intake/headers.md, built in by CMake.
constexpr std::string_view k_headers_table =
#include "headers_table.inc"
    ;

using WordSet = std::unordered_set<std::string_view>;

// Small words of headers and questions, folded: "Quel est votre nom de famille ?" is "nom famille".
const WordSet& header_stop_words() {
  static const WordSet words{
      "le", "la", "les", "l", "de", "du", "des", "d", "un", "une", "au", "aux", "a", "en", "et", "votre", "vos",
      "ton", "ta", "tes", "son", "sa", "ses", "mon", "ma", "mes", "quel", "quelle", "quels", "quelles", "est",
      "sont", "etes", "es", "serez", "seras", "vous", "tu", "merci", "svp", "sil", "plait", "veuillez", "indiquer",
      "indiquez", "preciser", "precisez", "saisir", "saisissez", "renseigner", "renseignez", "par", "pour", "sur",
      "the", "of", "your", "you", "what", "is", "are", "please", "enter", "provide", "and", "my", "do", "which",
      "for", "s", "serezvous", "etesvous", "avezvous", "souhaitezvous"};
  return words;
}
// Words naming whose value a column holds (after make_singular).
const WordSet& attendee_words() {
  static const WordSet words{"participant", "participante", "attendee", "registrant", "inscrit", "inscrite",
                             "adherent", "adherente", "holder", "contact", "personne", "invite", "invitee"};
  return words;
}
const WordSet& buyer_words() {
  static const WordSet words{"payeur", "payeuse", "acheteur", "acheteuse", "buyer", "purchaser", "facturation",
                             "billing", "invoice", "facture", "commande", "order", "client", "cliente", "commanditaire"};
  return words;
}
bool is_numbering_word(std::string_view w) {
  return w == "n" || w == "no" || w == "nr" || w == "num" || w == "numero" || w == "number" || w == "nbr";
}

struct HeaderWords {
  std::vector<std::string> words;
  HeaderRank rank = HeaderRank::plain;
};

HeaderWords header_words(std::string_view text) {
  std::vector<std::string> raw = reading_words(text);
  if (text.find('#') != std::string_view::npos) raw.push_back("no");
  std::vector<std::string> words;
  for (std::string& w : raw) {
    if (is_numbering_word(w)) w = "no";
    if (!header_stop_words().contains(w)) words.push_back(w);
  }
  if (words.empty()) words = raw;  // "Vous êtes": nothing but small words
  for (std::string& w : words) make_singular(w);
  HeaderWords out;
  auto qualifier = [](const std::string& w) { return attendee_words().contains(w) || buyer_words().contains(w); };
  if (!std::ranges::all_of(words, qualifier)) {
    bool buyer = std::ranges::any_of(words, [](const std::string& w) { return buyer_words().contains(w); });
    bool attendee = std::ranges::any_of(words, [](const std::string& w) { return attendee_words().contains(w); });
    out.rank = buyer ? HeaderRank::buyer : attendee ? HeaderRank::attendee : HeaderRank::plain;
    std::erase_if(words, qualifier);
  }
  out.words = std::move(words);
  return out;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

struct Table {
  std::vector<KnownHeader> rows;
  std::unordered_map<std::string, Field> by_key;
};

const Table& table() {
  static const Table built = [] {
    Table t;
    std::string_view rest = k_headers_table;
    bool in_table = false;
    while (!rest.empty()) {
      std::size_t end = rest.find('\n');
      std::string_view line = rest.substr(0, end);
      rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
      if (!line.starts_with("|")) continue;
      std::vector<std::string> cells;
      std::size_t pos = 1;
      while (pos < line.size()) {
        std::size_t bar = line.find('|', pos);
        if (bar == std::string_view::npos) break;
        cells.emplace_back(trim(line.substr(pos, bar - pos)));
        pos = bar + 1;
      }
      if (cells.size() < 3) continue;
      if (!in_table) {  // the header row and the --- row
        in_table = cells[0] == "---";
        continue;
      }
      auto field = field_from_string(cells[1]);
      if (!field) continue;  // the table test names such rows
      t.rows.push_back({cells[0], *field, cells[2]});
      t.by_key.emplace(join(header_words(cells[0]).words), *field);
    }
    return t;
  }();
  return built;
}

std::optional<Field> lookup(const std::vector<std::string>& words) {
  const auto& keys = table().by_key;
  if (auto it = keys.find(join(words)); it != keys.end()) return it->second;
  if (std::ranges::find(words, "no") == words.end()) return std::nullopt;
  std::vector<std::string> rest;
  for (const auto& w : words)
    if (w != "no") rest.push_back(w);
  if (rest.empty()) return Field::external_ref;  // "N°", "#"
  if (auto it = keys.find(join(rest)); it != keys.end()) return it->second;
  return std::nullopt;
}

bool last_name_first(const std::vector<std::string>& words) {
  auto at = [&](std::initializer_list<std::string_view> set) {
    for (std::size_t i = 0; i < words.size(); ++i)
      if (std::ranges::find(set, words[i]) != set.end()) return i;
    return words.size();
  };
  std::size_t last = at({"nom", "last", "surname", "family"});
  std::size_t first = at({"prenom", "first", "given", "forename"});
  return last < words.size() && first < words.size() && last < first;
}

// Splits a header on the separators of combined headers.
std::vector<std::string> header_parts(std::string_view text, std::size_t& colon_part) {
  std::string s(text);
  // Word separators are matched on a lower-case copy; both have the same length.
  std::string lower = s;
  std::ranges::transform(lower, lower.begin(), [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  for (std::string_view sep : {" ou ", " or ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "})
    for (auto pos = lower.find(sep); pos != std::string::npos; pos = lower.find(sep, pos + 1)) {
      s.replace(pos, sep.size(), std::string(sep.size(), '\x1F'));
      lower.replace(pos, sep.size(), std::string(sep.size(), '\x1F'));
    }
  colon_part = std::string::npos;
  std::vector<std::string> parts;
  std::string part;
  for (char c : s) {
    if (c == '/' || c == '(' || c == ')' || c == '|' || c == '&' || c == '\x1F' || c == ':') {
      if (!trim(part).empty()) parts.emplace_back(trim(part));
      part.clear();
      if (c == ':' && colon_part == std::string::npos) colon_part = parts.size();
      continue;
    }
    part += c;
  }
  if (!trim(part).empty()) parts.emplace_back(trim(part));
  return parts;
}

bool buyer_may_feed(Field f) {
  return f == Field::first_name || f == Field::last_name || f == Field::full_name || f == Field::email ||
         f == Field::organisation || f == Field::country || f == Field::status;
}

}  // namespace

std::string_view to_string(Field field) {
  for (auto [f, name] : k_field_names)
    if (f == field) return name;
  return "ignore";
}

std::optional<Field> field_from_string(std::string_view name) {
  for (auto [f, n] : k_field_names)
    if (n == name) return f;
  return std::nullopt;
}

std::string field_names() {
  std::string names;
  for (auto [f, n] : k_field_names) names += (names.empty() ? "" : ", ") + std::string(n);
  return names;
}

Result<ColumnMapping> parse_mapping(std::string_view toml_text, std::string_view origin) {
  toml::table root;
  try {
    root = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    return fail(fmt::format("{}:{}:{}: {}", origin, e.source().begin.line, e.source().begin.column, e.description()));
  }
  ColumnMapping mapping;
  if (const toml::table* columns = root["columns"].as_table()) {
    for (auto&& [header, value] : *columns) {
      auto name = value.value<std::string>();
      auto field = name ? field_from_string(*name) : std::nullopt;
      if (!field)
        return fail(fmt::format("{}: columns.\"{}\" = \"{}\": expected one of {}", origin, header.str(),
                                name.value_or("?"), field_names()));
      mapping.columns.emplace(fold_key(header.str()), *field);
    }
  }
  if (const toml::table* categories = root["categories"].as_table()) {
    for (auto&& [value, key] : *categories) {
      auto k = key.value<std::string>();
      if (!k) return fail(fmt::format("{}: categories.\"{}\": expected a category key", origin, value.str()));
      mapping.categories.emplace(fold_key(value.str()), *k);
    }
  }
  mapping.default_category = root["defaults"]["category"].value_or(std::string());
  mapping.default_language = root["defaults"]["language"].value_or(std::string());
  return mapping;
}

Result<ColumnMapping> load_mapping(const std::filesystem::path& path) {
  auto text = read_file(path);
  if (!text) return std::unexpected(text.error());
  return parse_mapping(*text, path.string());
}

const std::vector<KnownHeader>& known_headers() { return table().rows; }

HeaderMatch match_header(std::string_view header, const ColumnMapping* mapping) {
  HeaderMatch m;
  if (trim(header).empty()) return m;
  if (mapping)
    if (auto it = mapping->columns.find(fold_key(header)); it != mapping->columns.end()) {
      m.field = it->second;
      m.how = "mapping file";
      m.last_name_first = last_name_first(header_words(header).words);
      return m;
    }
  HeaderWords whole = header_words(header);
  m.rank = whole.rank;
  if (auto f = lookup(whole.words)) {
    m.field = f;
    m.how = "known header";
    m.last_name_first = last_name_first(whole.words);
    return m;
  }
  std::size_t colon = std::string::npos;
  std::vector<std::string> parts = header_parts(header, colon);
  if (parts.size() < 2) return m;
  struct Part {
    Field field;
    std::size_t index;
  };
  std::vector<Part> found;
  for (std::size_t i = 0; i < parts.size(); ++i)
    if (auto f = lookup(header_words(parts[i]).words)) found.push_back({*f, i});
  if (found.empty()) return m;
  m.how = "combined header";
  if (colon != std::string::npos) {  // "Attendee name: Given name": the part after the colon decides
    auto after = std::ranges::find_if(found, [&](const Part& p) { return p.index >= colon; });
    m.field = after != found.end() ? after->field : found.front().field;
    return m;
  }
  std::set<Field> fields;
  for (const Part& p : found) fields.insert(p.field);
  if (fields.size() == 1) {
    m.field = found.front().field;
    return m;
  }
  auto index_of = [&](Field f) { return std::ranges::find(found, f, &Part::field)->index; };
  if (fields == std::set<Field>{Field::first_name, Field::last_name}) {
    m.field = Field::full_name;
    m.last_name_first = index_of(Field::last_name) < index_of(Field::first_name);
    return m;
  }
  if (fields.contains(Field::full_name) && fields.size() == 2) {
    fields.erase(Field::full_name);
    m.field = *fields.begin();
    return m;
  }
  std::string names;
  for (Field f : fields) names += (names.empty() ? "" : " or ") + std::string(to_string(f));
  m.problem = fmt::format("\"{}\" could be {}: name it in a mapping file", trim(header), names);
  m.how.clear();
  return m;
}

ColumnChoice choose_columns(const std::vector<std::string>& headers, const ColumnMapping* mapping) {
  ColumnChoice choice;
  std::vector<HeaderMatch> matches;
  matches.reserve(headers.size());
  for (const auto& h : headers) matches.push_back(match_header(h, mapping));
  // Microsoft Forms: "Name"/"Nom" beside its start and completion times is the
  // name of the account that answered, first name first.
  auto has_words = [&](std::string_view words) {
    return std::ranges::any_of(headers, [&](const std::string& h) { return join(header_words(h).words) == words; });
  };
  const bool ms_forms = (has_words("start time") && has_words("completion time")) ||
                        (has_words("heure debut") && has_words("heure fin"));
  for (std::size_t i = 0; i < headers.size(); ++i) {
    HeaderMatch& m = matches[i];
    if (ms_forms && m.how == "known header" && (join(header_words(headers[i]).words) == "nom")) {
      m.field = Field::full_name;
      m.last_name_first = false;
    }
    if (m.field && m.rank == HeaderRank::buyer && !buyer_may_feed(*m.field)) m.field.reset();
  }
  // Per field, the attendee's columns first; the buyer's only where nothing else feeds the field.
  std::map<Field, std::vector<std::size_t>> columns;
  for (std::size_t i = 0; i < headers.size(); ++i)
    if (matches[i].field && *matches[i].field != Field::ignore) columns[*matches[i].field].push_back(i);
  for (auto& [field, list] : columns) {
    std::ranges::stable_sort(list, [&](std::size_t a, std::size_t b) { return matches[a].rank > matches[b].rank; });
    if (matches[list.front()].rank != HeaderRank::buyer)
      std::erase_if(list, [&](std::size_t i) { return matches[i].rank == HeaderRank::buyer; });
  }
  std::set<std::size_t> used;
  for (const auto& [field, list] : columns) used.insert(list.begin(), list.end());
  for (std::size_t i = 0; i < headers.size(); ++i) {
    std::string header(trim(headers[i]));
    if (used.contains(i)) {
      choice.used.emplace_back(*matches[i].field, header);
      if (*matches[i].field == Field::full_name && i == columns[Field::full_name].front())
        choice.last_name_first = matches[i].last_name_first;
    } else if (matches[i].field && *matches[i].field == Field::ignore) {
      // silenced on purpose by the mapping file
    } else if (!header.empty()) {
      choice.ignored.push_back(header);
      if (!matches[i].problem.empty()) choice.problems.push_back(matches[i].problem);
    }
  }
  choice.by_field = std::move(columns);
  choice.email_is_reference = !choice.by_field.contains(Field::external_ref) &&
                              !choice.by_field.contains(Field::ticket_code) && choice.by_field.contains(Field::email);
  return choice;
}

std::pair<std::string, std::string> split_full_name(std::string_view name, bool last_name_first) {
  std::vector<std::string> words;
  std::string w;
  for (char c : trim(name)) {
    if (c == ' ') {
      if (!w.empty()) words.push_back(std::move(w));
      w.clear();
    } else {
      w += c;
    }
  }
  if (!w.empty()) words.push_back(std::move(w));
  if (words.size() < 2) return {"", words.empty() ? "" : words.front()};
  auto upper = [](const std::string& word) {
    bool letters = false;
    for (char c : word) {
      if (std::islower(static_cast<unsigned char>(c))) return false;
      letters |= std::isupper(static_cast<unsigned char>(c)) != 0;
    }
    // Accented capitals are multi-byte: a word whose folded form differs only by case is upper-case too.
    return letters && fold(word) != word && word.size() > 1;
  };
  auto joined = [&](std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to; ++i) out += (out.empty() ? "" : " ") + words[i];
    return out;
  };
  // Upper-case words together at one end are the family name.
  std::size_t n = words.size();
  std::size_t lead = 0, tail = 0;
  while (lead < n && upper(words[lead])) ++lead;
  while (tail < n && upper(words[n - 1 - tail])) ++tail;
  if (lead > 0 && lead < n) return {joined(lead, n), joined(0, lead)};
  if (tail > 0 && tail < n) return {joined(0, n - tail), joined(n - tail, n)};
  static const WordSet particles{"de", "du", "des", "d'", "van", "von", "der", "den", "da", "das", "do", "dos",
                                 "di", "del", "della", "la", "le", "ben", "bin", "ibn", "abu", "al", "el", "ter", "ten"};
  if (last_name_first) return {joined(1, n), words[0]};
  std::size_t split = n - 1;
  while (split > 1 && particles.contains(fold(words[split - 1]))) --split;
  return {joined(0, split), joined(split, n)};
}

std::string_view to_string(CategoryHow how) {
  switch (how) {
    case CategoryHow::mapping: return "mapping file";
    case CategoryHow::exact: return "key or label";
    case CategoryHow::reading: return "label, read as a person reads it";
    case CategoryHow::extends: return "extends a label";
    case CategoryHow::ambiguous: return "ambiguous";
    case CategoryHow::unknown: return "unknown";
    case CategoryHow::empty: return "empty";
  }
  return "unknown";
}

namespace {

std::vector<std::string> category_words(std::string_view text) {
  static const WordSet small{"de", "du", "des", "la", "le", "les", "l", "d", "the", "of", "et", "and", "a", "au", "aux"};
  std::vector<std::string> words;
  for (std::string& w : reading_words(text))
    if (!small.contains(w)) {
      make_singular(w);
      if (w.size() > 4 && w.ends_with("ee")) w.pop_back();  // Déléguée, Invitée: as Délégué, Invité
      words.push_back(std::move(w));
    }
  return words;
}

}  // namespace

CategoryMatcher::CategoryMatcher(const Event& event, const ColumnMapping* mapping, std::string fallback)
    : m_event(event), m_mapping(mapping), m_fallback(std::move(fallback)) {
  for (const Category& c : event.categories) {
    std::vector<std::string> texts{c.key};
    for (const auto& [lang, label] : c.labels) texts.push_back(label);
    texts.insert(texts.end(), c.aliases.begin(), c.aliases.end());
    for (const std::string& text : texts) {
      auto& exact = m_exact[fold_key(text)];
      if (std::ranges::find(exact, c.key, &std::pair<std::string, std::string>::first) == exact.end())
        exact.emplace_back(c.key, text);
      auto words = category_words(text);
      if (!words.empty()) m_names.push_back({std::move(words), c.key, text});
    }
  }
}

CategoryMatch CategoryMatcher::match(std::string_view value) const {
  CategoryMatch m;
  m.key = m_fallback;
  if (trim(value).empty()) {
    m.how = CategoryHow::empty;
    return m;
  }
  const std::string folded = fold_key(value);
  if (m_mapping)
    if (auto it = m_mapping->categories.find(folded); it != m_mapping->categories.end()) {
      m.key = it->second;
      m.how = CategoryHow::mapping;
      return m;
    }
  // Several names, several keys: ambiguous; one key: that category.
  auto decide = [&](const std::vector<const Name*>& names, CategoryHow how) {
    std::vector<std::string> keys;
    for (const Name* n : names)
      if (std::ranges::find(keys, n->key) == keys.end()) keys.push_back(n->key);
    if (keys.size() == 1) {
      m.key = keys.front();
      m.how = how;
      m.matched = names.front()->text;
    } else {
      m.how = CategoryHow::ambiguous;
      m.candidates = std::move(keys);
    }
  };
  if (auto it = m_exact.find(folded); it != m_exact.end()) {
    if (it->second.size() == 1) {
      m.key = it->second.front().first;
      m.how = CategoryHow::exact;
      m.matched = it->second.front().second;
    } else {
      m.how = CategoryHow::ambiguous;
      for (const auto& [key, text] : it->second) m.candidates.push_back(key);
    }
    return m;
  }
  const std::vector<std::string> words = category_words(value);
  std::vector<const Name*> same, within;
  std::size_t longest = 0;
  for (const Name& n : m_names) {
    if (n.words == words) {
      same.push_back(&n);
    } else if (n.words.size() < words.size() && n.words.size() >= longest &&
               std::ranges::search(words, n.words).begin() != words.end()) {
      if (n.words.size() > longest) within.clear();
      longest = n.words.size();
      within.push_back(&n);
    }
  }
  if (!same.empty()) decide(same, CategoryHow::reading);
  else if (!within.empty()) decide(within, CategoryHow::extends);
  else m.how = CategoryHow::unknown;
  return m;
}

std::string fallback_category(const Event& event, const ColumnMapping* mapping, std::string_view option) {
  if (!option.empty()) return std::string(option);
  if (mapping && !mapping->default_category.empty()) return mapping->default_category;
  if (!event.default_category.empty()) return event.default_category;
  for (const Category& c : event.categories)
    if (c.role == CategoryRole::other) return c.key;
  return event.categories.empty() ? std::string() : event.categories.front().key;
}

}  // namespace accueil
