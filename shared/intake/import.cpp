#include "shared/intake/import.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <fmt/core.h>

#include "shared/domain/ticket.hpp"
#include "shared/text/countries.hpp"
#include <tuple>
#include "shared/base/files.hpp"
#include "shared/text/text.hpp"
#include "shared/base/uuid.hpp"

namespace accueil {

namespace {

// Longest value accepted in a field: a badge line or a note, not a document.
constexpr std::size_t k_max_field_bytes = 1000;

// Trims, turns line breaks and tabs into spaces and collapses runs of spaces.
std::string clean(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool space = false;
  for (char c : trim(value)) {
    if (c == '\r' || c == '\n' || c == '\t' || c == ' ') {
      space = true;
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) continue;
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

bool any_of_words(const std::string& folded, std::initializer_list<std::string_view> words) {
  return std::ranges::any_of(words, [&](std::string_view w) { return folded == w; });
}

// Hashes std::string and std::string_view alike, so that memo lookups by view allocate nothing.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <class T>
using Memo = std::unordered_map<std::string, T, TextHash, std::equal_to<>>;

// The badge language for someone from `country` when the export does not say:
// the country's language if the event offers it, else its second language
// (French in Lebanon or Tunisia), else English for a foreign guest if offered,
// else the event's first language.
std::string language_for(const Event& event, std::string_view country, const std::string& fallback) {
  if (country.empty()) return fallback;
  auto offered = [&](const std::string& lang) { return std::ranges::find(event.languages, lang) != event.languages.end(); };
  for (const std::string& lang : country_languages(country))
    if (offered(lang)) return lang;
  if (country != event.country && offered("en")) return "en";
  return fallback;
}

class RowReader {
public:
  RowReader(const Event& event, const ImportOptions& options, const CsvRecord& header, const ColumnChoice& columns,
            ImportPlan& plan)
      : m_event(event), m_options(options), m_header(header), m_columns(columns), m_plan(plan),
        m_matcher(event, options.mapping, plan.fallback_category) {}

  // Fills `a` from `record`; on the first problem, records it in `issue`.
  bool read(const CsvRecord& record, Attendee& a, RowIssue& issue, std::vector<RowIssue>& warnings) {
    m_record = &record;
    m_issue = &issue;
    issue.line = record.line;
    return text(Field::external_ref, a.external_ref) && text(Field::ticket_code, a.ticket_code) &&
           text(Field::civility, a.civility) && text(Field::first_name, a.first_name) &&
           text(Field::last_name, a.last_name) && text(Field::first_name_latin, a.first_name_latin) &&
           text(Field::last_name_latin, a.last_name_latin) && text(Field::organisation, a.organisation) &&
           text(Field::function, a.function) && text(Field::delegation, a.delegation) &&
           text(Field::staff_note, a.staff_note) && text(Field::email, a.email) && full_name(a) && names(a) &&
           reference(a) && country(a) && category(a) && language(a, warnings) && days(a, warnings) && vip(a) && status(a);
  }

private:
  struct Raw {
    std::string_view value;   // as written in the file
    std::string_view header;  // the column it came from
  };
  // The first non-empty value among the columns feeding `field`, and its column.
  Raw raw(Field field) const {
    auto it = m_columns.by_field.find(field);
    if (it == m_columns.by_field.end()) return {};
    for (std::size_t index : it->second) {
      std::string_view value = m_record->fields[index];
      if (!trim(value).empty()) return {value, m_header.fields[index]};
    }
    return {{}, m_header.fields[it->second.front()]};
  }
  bool reject(std::string_view field, std::string reason) const {
    m_issue->field = std::string(field);
    m_issue->reason = std::move(reason);
    return false;
  }
  // A value parsed once per distinct text: exports repeat a few dozen
  // countries, categories and day lists over thousands of rows.
  template <class T, class Parse>
  const T& memo(Memo<T>& cache, std::string_view value, Parse&& parse) {
    auto it = cache.find(value);
    if (it == cache.end()) it = cache.emplace(std::string(value), parse(clean(value))).first;
    return it->second;
  }

  bool text(Field field, std::string& out) const {
    Raw r = raw(field);
    if (r.value.size() > k_max_field_bytes)
      return reject(r.header, fmt::format("{} characters long; at most {} are accepted", utf8_length(r.value),
                                          k_max_field_bytes));
    out = clean(r.value);
    return true;
  }
  // A full-name column fills the names when no column gives them apart, or gives them empty.
  bool full_name(Attendee& a) const {
    if (!m_columns.by_field.contains(Field::full_name) || !a.first_name.empty() || !a.last_name.empty()) return true;
    std::string name;
    if (!text(Field::full_name, name)) return false;
    std::tie(a.first_name, a.last_name) = split_full_name(name, m_columns.last_name_first);
    return true;
  }
  bool names(Attendee& a) const {
    // Microsoft Forms writes "anonymous" where an anonymous form has no e-mail.
    if (a.email == "anonymous" || a.email == "anonyme") a.email.clear();
    // Without a name column, only new attendees need one (apply_import says so).
    if (!m_columns.by_field.contains(Field::last_name) && !m_columns.by_field.contains(Field::first_name) &&
        !m_columns.by_field.contains(Field::full_name))
      return true;
    if (a.last_name.empty() && a.first_name.empty())
      return reject(raw(m_columns.by_field.contains(Field::last_name) ? Field::last_name
                        : m_columns.by_field.contains(Field::first_name) ? Field::first_name : Field::full_name).header,
                    "the name is empty");
    return true;
  }
  bool reference(Attendee& a) const {
    if (m_columns.email_is_reference) {
      // A form: the e-mail is the reference, as the person typed it but for case.
      a.external_ref = fold(a.email);
      if (a.external_ref.empty())
        return reject(raw(Field::email).header, "the e-mail is empty: the file has no reference column, so the "
                                                "e-mail is what matches this row on a later import");
      return true;
    }
    if (!m_columns.by_field.contains(Field::external_ref)) a.external_ref = a.ticket_code;
    if (!m_columns.by_field.contains(Field::ticket_code)) a.ticket_code = a.external_ref;
    if (a.external_ref.empty()) {
      auto column = raw(m_columns.by_field.contains(Field::external_ref) ? Field::external_ref : Field::ticket_code);
      return reject(column.header, "the reference is empty: without it the row cannot be matched on a later import");
    }
    if (is_ticket_ref(a.external_ref))
      return reject(raw(Field::external_ref).header,
                    fmt::format("references starting with \"{}\" are reserved", k_ticket_ref_prefix));
    return true;
  }

  // Each parser below returns the value, or why the text is refused.
  using Parsed = std::expected<std::string, std::string>;

  bool country(Attendee& a) {
    Raw r = raw(Field::country);
    const Parsed& p = memo(m_country_memo, r.value, [](const std::string& v) -> Parsed {
      if (v.empty()) return std::string();
      if (auto code = country_code(v)) return *code;
      return std::unexpected(fmt::format("\"{}\" is not a country name (French or English) or ISO code", v));
    });
    if (!p) return reject(r.header, p.error());
    a.country = *p;
    return true;
  }
  // Never refuses a row: a value that is not a category gives the fallback, flagged.
  bool category(Attendee& a) {
    Raw r = raw(Field::category);
    auto it = m_category_index.find(r.value);
    if (it == m_category_index.end()) {
      std::string value = clean(r.value);
      CategoryMatch match = m_columns.by_field.contains(Field::category) ? m_matcher.match(value) : CategoryMatch{};
      if (!m_columns.by_field.contains(Field::category)) {
        match.key = m_matcher.fallback();
        match.how = CategoryHow::empty;
      }
      m_plan.categories.push_back({std::move(value), std::move(match), 0, m_record->line});
      it = m_category_index.emplace(std::string(r.value), m_plan.categories.size() - 1).first;
    }
    CategoryValue& v = m_plan.categories[it->second];
    ++v.rows;
    a.category = v.match.key;
    if (v.match.flagged()) m_plan.fallback_lines.insert(m_record->line);
    return true;
  }
  bool language(Attendee& a, std::vector<RowIssue>& warnings) {
    Raw r = raw(Field::language);
    const bool mapped = m_options.mapping && !m_options.mapping->default_language.empty();
    auto by_country = m_language_by_country.find(a.country);
    if (!mapped && by_country == m_language_by_country.end())
      by_country = m_language_by_country.emplace(a.country, language_for(m_event, a.country, m_event.languages.front())).first;
    const std::string& fallback = mapped ? m_options.mapping->default_language : by_country->second;
    // An unknown language is defaulted with a warning, not refused: it only
    // chooses the badge's language.
    if (trim(r.value).empty()) {
      a.language = fallback;
      return true;
    }
    const Parsed& p = memo(m_language_memo, r.value, [&](const std::string& v) -> Parsed {
      if (auto code = language_code(v)) return *code;
      return std::unexpected(fmt::format("\"{}\" is not a language; using \"{}\"", v, fallback));
    });
    if (!p) warnings.push_back({m_record->line, std::string(r.header), p.error()});
    a.language = p ? *p : fallback;
    return true;
  }
  bool days(Attendee& a, std::vector<RowIssue>& warnings) {
    Raw r = raw(Field::days);
    const auto& p = memo(m_days_memo, r.value, [&](const std::string& v) { return parse_days(v); });
    if (!p) return reject(r.header, p.error());
    // A value that cannot be read does not lose the person: all the event's days, flagged.
    if (!p->days) {
      warnings.push_back({m_record->line, std::string(r.header),
                          fmt::format("cannot read \"{}\" as event days; imported for all days (write 1, 2, "
                                      "\"1,2\", a date such as {} or \"{}\")",
                                      clean(r.value), m_event.days.front().date, day_example())});
      a.days = DaySet::all(m_event.day_count());
      return true;
    }
    a.days = *p->days;
    return true;
  }
  // "3 décembre" for the event's first day, the way a person writes it.
  std::string day_example() const {
    static constexpr std::array<std::string_view, 12> months{"janvier", "février", "mars", "avril", "mai", "juin",
                                                             "juillet", "août", "septembre", "octobre", "novembre",
                                                             "décembre"};
    const std::string& iso = m_event.days.front().date;
    return fmt::format("{} {}", std::stoi(iso.substr(8, 2)), months[static_cast<std::size_t>(std::stoi(iso.substr(5, 2)) - 1)]);
  }
  // The days a value names; no value (std::nullopt) when it cannot be read; an
  // error when it names a day outside the event (a real mistake).
  struct ReadDays {
    std::optional<DaySet> days;
  };
  std::expected<ReadDays, std::string> parse_days(const std::string& v) const {
    const int count = m_event.day_count();
    std::string folded = fold_key(v);
    if (v.empty() || any_of_words(folded, {"tous", "touslesjours", "lesdeux", "lesdeuxjours", "both", "bothdays",
                                           "all", "alldays", "x", "oui", "yes"}))
      return ReadDays{DaySet::all(count)};
    // The event's days as (year, month, day of month, weekday 0 = Sunday).
    struct Date {
      int y, m, d, wd;
    };
    std::vector<Date> dates;
    for (const EventDay& day : m_event.days) {
      int y = std::stoi(day.date.substr(0, 4)), m = std::stoi(day.date.substr(5, 2)), d = std::stoi(day.date.substr(8, 2));
      auto ymd = std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                             std::chrono::day{static_cast<unsigned>(d)}};
      dates.push_back({y, m, d, static_cast<int>(std::chrono::weekday{std::chrono::sys_days{ymd}}.c_encoding())});
    }
    auto index_of = [&](int y, int m, int d) -> int {
      for (std::size_t i = 0; i < dates.size(); ++i)
        if (dates[i].d == d && (m == 0 || dates[i].m == m) && (y == 0 || dates[i].y == y)) return static_cast<int>(i) + 1;
      return 0;
    };
    // Tokens: numbers, words (folded, accents aside), and the signs that join them.
    struct Token {
      enum Kind { number, word, sign } kind;
      std::string text;
      int value = 0;
    };
    std::vector<Token> tokens;
    for (const std::string& piece : reading_tokens(v)) {
      if (std::isdigit(static_cast<unsigned char>(piece[0]))) {
        std::size_t n = 0;
        while (n < piece.size() && std::isdigit(static_cast<unsigned char>(piece[n]))) ++n;
        if (n > 4) return ReadDays{};
        tokens.push_back({Token::number, piece.substr(0, n), std::stoi(piece.substr(0, n))});
        std::string suffix = piece.substr(n);  // 1er, 3rd, 4th, 3e
        if (!suffix.empty() && !any_of_words(suffix, {"er", "e", "eme", "st", "nd", "rd", "th"})) {
          if (suffix == "j" || suffix == "jour" || suffix == "day") tokens.push_back({Token::word, "j", 0});
          else return ReadDays{};
        }
      } else if (std::isalpha(static_cast<unsigned char>(piece[0]))) {
        // "J2", "d1": the prefix, then the number.
        std::size_t n = piece.find_first_of("0123456789");
        if (n != std::string::npos && n > 0 && piece.find_first_not_of("0123456789", n) == std::string::npos) {
          tokens.push_back({Token::word, piece.substr(0, n), 0});
          tokens.push_back({Token::number, piece.substr(n), std::stoi(piece.substr(n))});
        } else {
          tokens.push_back({Token::word, piece, 0});
        }
      } else {
        tokens.push_back({Token::sign, piece, 0});
      }
    }
    static const std::array<std::array<std::string_view, 3>, 12> month_words{{
        {"janvier", "january", "jan"}, {"fevrier", "february", "feb"}, {"mars", "march", "mar"},
        {"avril", "april", "apr"}, {"mai", "may", "may"}, {"juin", "june", "jun"},
        {"juillet", "july", "jul"}, {"aout", "august", "aug"}, {"septembre", "september", "sep"},
        {"octobre", "october", "oct"}, {"novembre", "november", "nov"}, {"decembre", "december", "dec"}}};
    static const std::array<std::array<std::string_view, 3>, 7> weekday_words{{
        {"dimanche", "sunday", "sun"}, {"lundi", "monday", "mon"}, {"mardi", "tuesday", "tue"},
        {"mercredi", "wednesday", "wed"}, {"jeudi", "thursday", "thu"}, {"vendredi", "friday", "fri"},
        {"samedi", "saturday", "sat"}}};
    auto word_index = [](const auto& table, const std::string& w) -> int {
      for (std::size_t i = 0; i < table.size(); ++i)
        for (std::size_t j = 0; j < 3; ++j)
          if (w == table[i][j] || (j < 2 && w.size() >= 3 && table[i][j].starts_with(w)))  // "déc.", "sept", "thurs"
            return static_cast<int>(i) + 1;
      return 0;
    };
    // Each number read as a date: day of month (with the month, year given by
    // "/" or a month word around it), or an event day index (1, J2, Day 2).
    struct Item {
      int day = 0, month = 0, year = 0;
      bool index = false;  // "J2", "jour 1", "day 2"
      bool range_to_next = false;
      std::size_t token = 0;
    };
    std::vector<Item> items;
    std::vector<int> weekdays;  // weekday words not followed by a number
    std::vector<std::pair<std::size_t, int>> months;  // token position, month
    bool dated = false;  // a month word, a weekday or a dd/mm: numbers are days of the month
    bool index_prefix = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const Token& t = tokens[i];
      if (t.kind == Token::number) {
        Item item{t.value, 0, 0, index_prefix, false, i};
        index_prefix = false;
        // yyyy-mm-dd
        if (t.text.size() == 4 && i + 4 < tokens.size() && tokens[i + 1].text == "-" && tokens[i + 2].kind == Token::number &&
            tokens[i + 3].text == "-" && tokens[i + 4].kind == Token::number) {
          item = {tokens[i + 4].value, tokens[i + 2].value, t.value, false, false, i};
          i += 4;
          dated = true;
        } else if (i + 2 < tokens.size() && (tokens[i + 1].text == "/" || tokens[i + 1].text == ".") &&
                   tokens[i + 2].kind == Token::number) {
          // dd/mm, dd/mm/yyyy
          item.month = tokens[i + 2].value;
          i += 2;
          if (i + 2 < tokens.size() && (tokens[i + 1].text == "/" || tokens[i + 1].text == ".") &&
              tokens[i + 2].kind == Token::number) {
            item.year = tokens[i + 2].value < 100 ? 2000 + tokens[i + 2].value : tokens[i + 2].value;
            i += 2;
          }
          dated = true;
        } else if (t.text.size() > 2) {
          return ReadDays{};
        }
        if (i + 1 < tokens.size() && (tokens[i + 1].text == "-" || tokens[i + 1].text == "au" ||
                                      tokens[i + 1].text == "to" || tokens[i + 1].text == "a"))
          item.range_to_next = true;
        items.push_back(item);
      } else if (t.kind == Token::word) {
        if (int m = word_index(month_words, t.text)) {
          months.emplace_back(i, m);
          dated = true;
        } else if (int wd = word_index(weekday_words, t.text)) {
          dated = true;
          if (i + 1 >= tokens.size() || tokens[i + 1].kind != Token::number) weekdays.push_back(wd - 1);
        } else if (any_of_words(t.text, {"j", "jour", "jours", "day", "days", "d"})) {
          index_prefix = true;
        } else if (!any_of_words(t.text, {"et", "and", "au", "a", "to", "du", "le", "les", "the", "of", "de", "on",
                                          "until", "jusqu", "puis", "ou", "or", "en", "matin", "apres", "midi",
                                          "soir", "morning", "afternoon", "evening", "pm", "am"})) {
          return ReadDays{};
        }
      } else if (!any_of_words(t.text, {",", ";", "&", "+", "-", "/", ".", "(", ")", "'", ":"})) {
        return ReadDays{};
      }
    }
    if (items.empty() && weekdays.empty()) return ReadDays{};
    DaySet days;
    auto add = [&](const Item& item) -> std::expected<int, std::string> {
      if (item.index || (!dated && item.month == 0)) {
        // A plain number: an event day (1, 2), else a day of the month of the event.
        if (item.day >= 1 && item.day <= count) return item.day;
        if (!item.index)
          if (int i = index_of(0, 0, item.day)) return i;
        return std::unexpected(fmt::format("\"{}\": day {} is not a day of this {}-day event", v, item.day, count));
      }
      int month = item.month;
      if (month == 0) {
        // The month word after the number ("3 et 4 décembre"), else before it ("décembre 3").
        for (const auto& [pos, m] : months)
          if (pos > item.token) { month = m; break; }
        if (month == 0 && !months.empty()) month = months.back().second;
      }
      if (int i = index_of(item.year, month, item.day)) return i;
      return std::unexpected(fmt::format("\"{}\" names a date outside the event (its days: {} to {})", v,
                                         m_event.days.front().date, m_event.days.back().date));
    };
    for (std::size_t k = 0; k < items.size(); ++k) {
      auto first = add(items[k]);
      if (!first) return std::unexpected(first.error());
      days.add(*first);
      if (items[k].range_to_next && k + 1 < items.size()) {
        auto last = add(items[k + 1]);
        if (!last) return std::unexpected(last.error());
        for (int d = *first; d <= *last; ++d) days.add(d);
      }
    }
    for (int wd : weekdays) {
      int found = 0;
      for (std::size_t i = 0; i < dates.size(); ++i)
        if (dates[i].wd == wd) found = static_cast<int>(i) + 1;
      if (found == 0)
        return std::unexpected(fmt::format("\"{}\" names a weekday that is not a day of the event (its days: {} to {})",
                                           v, m_event.days.front().date, m_event.days.back().date));
      days.add(found);
    }
    return ReadDays{days};
  }
  // A value cut into numbers, letter runs (folded: no case, no accents) and single signs.
  static std::vector<std::string> reading_tokens(std::string_view v) {
    std::vector<std::string> out;
    std::string current;
    auto flush = [&] {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    };
    std::string folded = fold(v);
    for (char c : folded) {
      auto u = static_cast<unsigned char>(c);
      if (std::isalnum(u)) {
        current += c;  // "1er", "4th", "J2": split by the reader
      } else if (c == ' ') {
        flush();
      } else {
        flush();
        out.emplace_back(1, c);
      }
    }
    flush();
    return out;
  }
  bool vip(Attendee& a) {
    Raw r = raw(Field::vip);
    const auto& p = memo(m_vip_memo, r.value, [](const std::string& v) -> std::expected<bool, std::string> {
      std::string k = fold_key(v);
      if (k.empty() || any_of_words(k, {"non", "no", "n", "0", "false", "faux"})) return false;
      if (any_of_words(k, {"oui", "yes", "y", "o", "1", "true", "vrai", "x", "vip"})) return true;
      return std::unexpected(fmt::format("\"{}\" is neither yes nor no", v));
    });
    if (!p) return reject(r.header, p.error());
    a.vip = *p;
    return true;
  }
  bool status(Attendee& a) {
    Raw r = raw(Field::status);
    const auto& p = memo(m_status_memo, r.value, [](const std::string& v) -> std::expected<AttendeeStatus, std::string> {
      std::string k = fold_key(v);
      // Eventbrite (Attendee Status), pretix, Indico (Registration state), HelloAsso and Weezevent words too.
      if (k.empty() || any_of_words(k, {"active", "actif", "confirme", "confirmee", "confirmed", "valide", "validee",
                                        "inscrit", "inscrite", "registered", "paid", "paye", "payee", "ok",
                                        "attending", "checkedin", "complete", "completed", "pending", "unpaid",
                                        "awaitingpayment", "enattente", "nonpaye", "enregistre", "present"}))
        return AttendeeStatus::active;
      if (any_of_words(k, {"annule", "annulee", "annulation", "cancelled", "canceled", "cancellation", "rembourse",
                           "refunded", "desinscrit", "desinscrite", "notattending", "deleted", "transferred",
                           "withdrawn", "rejected", "expired", "refuse", "refusee", "supprime", "expire"}))
        return AttendeeStatus::cancelled;
      return std::unexpected(fmt::format("\"{}\" is not a registration status (confirmed or cancelled)", v));
    });
    if (!p) return reject(r.header, p.error());
    a.status = *p;
    return true;
  }

  const Event& m_event;
  const ImportOptions& m_options;
  const CsvRecord& m_header;
  const ColumnChoice& m_columns;
  ImportPlan& m_plan;
  CategoryMatcher m_matcher;
  Memo<std::size_t> m_category_index;  // value as written -> index in m_plan.categories
  Memo<Parsed> m_country_memo, m_language_memo;
  Memo<std::string> m_language_by_country;  // the default language of a country's guests
  Memo<std::expected<ReadDays, std::string>> m_days_memo;
  Memo<std::expected<bool, std::string>> m_vip_memo;
  Memo<std::expected<AttendeeStatus, std::string>> m_status_memo;
  const CsvRecord* m_record = nullptr;
  RowIssue* m_issue = nullptr;
};

bool blank(const CsvRecord& r) {
  return std::ranges::all_of(r.fields, [](const std::string& f) { return trim(f).empty(); });
}

}  // namespace

Result<ImportPlan> plan_import(std::string_view bytes, std::string_view origin, const Event& event,
                               const ImportOptions& options) {
  auto table = parse_csv(bytes, origin);
  if (!table) return std::unexpected(table.error());
  auto& records = table->records;
  auto first = std::ranges::find_if_not(records, blank);
  if (first == records.end()) return fail(fmt::format("{}: the file has no header line", origin));
  const CsvRecord header = std::move(*first);
  records.erase(records.begin(), first + 1);

  ImportPlan plan;
  plan.encoding = table->encoding;
  plan.separator = table->separator;

  std::vector<std::string> header_texts;
  header_texts.reserve(header.fields.size());
  for (const auto& h : header.fields) header_texts.emplace_back(trim(h));
  ColumnChoice columns = choose_columns(header_texts, options.mapping);
  plan.columns = columns.used;
  plan.ignored_columns = columns.ignored;
  plan.column_problems = columns.problems;
  plan.email_is_reference = columns.email_is_reference;
  auto missing = [&](Field f) { return !columns.by_field.contains(f); };
  std::string found;
  for (const auto& h : header.fields) found += (found.empty() ? "" : ", ") + std::string(trim(h));
  if (missing(Field::last_name) && missing(Field::first_name) && missing(Field::full_name) &&
      missing(Field::external_ref) && missing(Field::ticket_code))
    return fail(fmt::format("{}: line {}: no column gives the name (Nom/Last name, Prénom/First name); the columns "
                            "are: {}. A mapping file can name them.", origin, header.line, found));
  if (missing(Field::external_ref) && missing(Field::ticket_code) && !columns.email_is_reference)
    return fail(fmt::format("{}: line {}: no column gives a reference (Référence/Reference), a ticket code "
                            "(Code/Billet/Ticket) or an e-mail, needed to match rows on a later import; the columns "
                            "are: {}",
                            origin, header.line, found));
  for (const auto& [field, ignored] : plan.columns)
    if (field != Field::full_name && field != Field::timestamp) plan.fields.insert(field);
  if (columns.by_field.contains(Field::full_name)) plan.fields.insert({Field::first_name, Field::last_name});
  if (columns.email_is_reference) plan.fields.insert(Field::external_ref);
  for (const std::string* key : {&options.default_category, options.mapping ? &options.mapping->default_category : nullptr})
    if (key && !key->empty() && !event.category(*key))
      return fail(fmt::format("the default category \"{}\" is not a category of the event", *key));
  if (options.mapping)
    for (const auto& [value, key] : options.mapping->categories)
      if (!event.category(key)) return fail(fmt::format("the mapping sends \"{}\" to \"{}\", which is not a category of the event", value, key));

  plan.fallback_category = fallback_category(event, options.mapping, options.default_category);
  if (!event.category(plan.fallback_category))
    return fail(fmt::format("the fallback category \"{}\" is not a category of the event", plan.fallback_category));
  RowReader reader(event, options, header, columns, plan);
  std::unordered_map<std::string, std::size_t> line_of_ref, line_of_code;
  line_of_ref.reserve(records.size());
  line_of_code.reserve(records.size());
  plan.rows.reserve(records.size());
  const auto& key_columns = columns.by_field[columns.email_is_reference        ? Field::email
                                             : missing(Field::external_ref) ? Field::ticket_code
                                                                            : Field::external_ref];
  for (const CsvRecord& record : records) {
    if (blank(record)) continue;
    for (std::size_t index : key_columns)
      if (index < record.fields.size() && !trim(record.fields[index]).empty()) {
        plan.keys.insert(columns.email_is_reference ? fold(clean(record.fields[index])) : clean(record.fields[index]));
        break;
      }
    RowIssue issue;
    if (record.fields.size() < header.fields.size()) {
      plan.rejected.push_back({record.line, "",
                               fmt::format("{} fields where the header has {} (a separator or a quote too "
                                           "few?)", record.fields.size(), header.fields.size())});
      continue;
    }
    if (record.fields.size() > header.fields.size()) {
      // Values after the header's last column (a note typed beside the
      // table, a separator too many): the person is imported from the
      // header's columns, never lost, and the row is flagged with what was
      // left out, for someone to check.
      std::string extra;
      std::size_t filled = 0;
      for (std::size_t i = header.fields.size(); i < record.fields.size(); ++i) {
        const std::string_view value = trim(record.fields[i]);
        if (value.empty()) continue;
        ++filled;
        if (extra.size() < 120) extra += fmt::format("{}\"{}\"", extra.empty() ? "" : ", ", value.substr(0, 60));
      }
      if (filled > 0)
        plan.warnings.push_back(
            {record.line, "",
             fmt::format("{} fields where the header has {}: imported from the header's columns, {} left out ({}); "
                         "check the row (a separator or a quote too many?)",
                         record.fields.size(), header.fields.size(), filled == 1 ? "this value" : "these values",
                         extra)});
    }
    Attendee a;
    if (!reader.read(record, a, issue, plan.warnings)) {
      plan.rejected.push_back(std::move(issue));
      continue;
    }
    if (auto [it, fresh] = line_of_ref.emplace(a.external_ref, record.line); !fresh) {
      plan.rejected.push_back({record.line, std::string(to_string(plan.email_is_reference ? Field::email : Field::external_ref)),
                               fmt::format("{} \"{}\" is already used on line {}",
                                           plan.email_is_reference ? "e-mail (the reference of this file)" : "reference",
                                           a.external_ref, it->second)});
      continue;
    }
    if (!a.ticket_code.empty())
      if (auto [it, fresh] = line_of_code.emplace(a.ticket_code, record.line); !fresh) {
        plan.rejected.push_back({record.line, std::string(to_string(Field::ticket_code)),
                                 fmt::format("ticket code \"{}\" is already used on line {}", a.ticket_code, it->second)});
        continue;
      }
    plan.rows.emplace_back(record.line, std::move(a));
  }
  return plan;
}

namespace {

// Gives `row` the values of `current` for the fields the file has no column for.
void keep_absent_fields(Attendee& row, const Attendee& current, const std::set<Field>& given) {
  auto keep = [&]<class T>(Field field, T Attendee::*member) {
    if (!given.contains(field)) row.*member = current.*member;
  };
  keep(Field::external_ref, &Attendee::external_ref);
  keep(Field::ticket_code, &Attendee::ticket_code);
  keep(Field::civility, &Attendee::civility);
  keep(Field::first_name, &Attendee::first_name);
  keep(Field::last_name, &Attendee::last_name);
  keep(Field::first_name_latin, &Attendee::first_name_latin);
  keep(Field::last_name_latin, &Attendee::last_name_latin);
  keep(Field::organisation, &Attendee::organisation);
  keep(Field::function, &Attendee::function);
  keep(Field::country, &Attendee::country);
  keep(Field::category, &Attendee::category);
  keep(Field::language, &Attendee::language);
  keep(Field::days, &Attendee::days);
  keep(Field::delegation, &Attendee::delegation);
  keep(Field::vip, &Attendee::vip);
  keep(Field::staff_note, &Attendee::staff_note);
  keep(Field::email, &Attendee::email);
  keep(Field::status, &Attendee::status);
}

// What applying a plan will write, decided against one read of the store.
struct Changes {
  std::vector<Attendee> inserts;
  std::vector<Attendee> updates;  // cancellations of missing rows included
};

Result<Changes> decide(Store& store, ImportPlan& plan, const ApplyOptions& apply, ImportReport& report) {
  auto existing = store.attendees();
  if (!existing) return std::unexpected(existing.error());
  const bool by_reference = plan.fields.contains(Field::external_ref);
  // Who holds each reference and ticket code: existing records, then the
  // file's rows as they are decided (pointers into `existing` and `plan`,
  // neither of which grows below).
  std::unordered_map<std::string_view, Attendee*> by_ref, by_code;
  by_ref.reserve(existing->size() + plan.rows.size());
  by_code.reserve(existing->size() + plan.rows.size());
  for (Attendee& a : *existing) {
    by_ref.emplace(a.external_ref, &a);
    if (!a.ticket_code.empty()) by_code.emplace(a.ticket_code, &a);
  }
  Changes changes;
  std::size_t first_uncategorised = 0, uncategorised = 0, first_nameless = 0, nameless = 0;
  for (auto& [line, row] : plan.rows) {
    Attendee* current = nullptr;
    auto& key_index = by_reference ? by_ref : by_code;
    if (auto it = key_index.find(by_reference ? row.external_ref : row.ticket_code); it != key_index.end())
      current = it->second;
    Attendee* holder = nullptr;
    if (!current && !row.ticket_code.empty())
      if (auto it = by_code.find(row.ticket_code); it != by_code.end() && is_ticket_ref(it->second->external_ref))
        current = it->second;  // checked in from a signed ticket before the list reached this kiosk: completed here
    if (current) keep_absent_fields(row, *current, plan.fields);
    const bool fallback = plan.fallback_lines.contains(line);
    if (current && fallback) row.category = current->category;  // known: keep the category it has
    if (!row.ticket_code.empty())
      if (auto it = by_code.find(row.ticket_code); it != by_code.end()) holder = it->second;
    if (holder && holder != current) {
      report.rejected.push_back({line, std::string(to_string(Field::ticket_code)),
                                 fmt::format("ticket code \"{}\" already belongs to {} {} (reference {})",
                                             row.ticket_code, holder->first_name, holder->last_name,
                                             holder->external_ref)});
      continue;
    }
    if (current) {
      if (fallback && plan.fields.contains(Field::category)) ++report.fallback_kept;
      row.id = current->id;
      if (row == *current) {
        ++report.unchanged;
        continue;
      }
      by_ref.erase(current->external_ref);
      if (!current->ticket_code.empty()) by_code.erase(current->ticket_code);
      ++report.updated;
      changes.updates.push_back(row);
    } else {
      if (row.category.empty() && uncategorised++ == 0) first_uncategorised = line;
      if (fallback) ++report.fallback_new;
      if (row.first_name.empty() && row.last_name.empty() && nameless++ == 0) first_nameless = line;
      row.id = new_uuid();
      ++report.inserted;
      changes.inserts.push_back(row);
    }
    by_ref[row.external_ref] = &row;
    if (!row.ticket_code.empty()) by_code[row.ticket_code] = &row;
  }
  if (nameless > 0)
    return fail(fmt::format("no column gives the name (Nom/Last name, Prénom/First name), and {} rows are new "
                            "registrations (the first on line {}); add the columns", nameless, first_nameless));
  if (uncategorised > 0)
    return fail(fmt::format("no column gives the category (Catégorie/Category), and {} rows are new registrations "
                            "(the first on line {}); add the column, or give a default category "
                            "(accueilctl import --category KEY)", uncategorised, first_uncategorised));
  // Registrations of earlier imports that the file no longer has.
  auto imported = store.database().prepare(
      "SELECT id FROM attendees WHERE source = 'import' AND status = 'active' ORDER BY rowid");
  if (!imported) return std::unexpected(imported.error());
  auto imported_ids = imported->rows([](const sql::Statement& s) { return s.text(0); });
  if (!imported_ids) return std::unexpected(imported_ids.error());
  std::unordered_set<std::string> ids(imported_ids->begin(), imported_ids->end());
  for (const Attendee& a : *existing) {
    if (!ids.contains(a.id) || plan.keys.contains(by_reference ? a.external_ref : a.ticket_code)) continue;
    report.missing.push_back({a.external_ref, a.ticket_code, display_name(a)});
    if (apply.cancel_missing) {
      Attendee cancelled = a;
      cancelled.status = AttendeeStatus::cancelled;
      changes.updates.push_back(std::move(cancelled));
      ++report.cancelled;
    }
  }
  // Another event's export, or a partial one, given as "the full export"
  // would cancel most of the list the night before: asked for explicitly.
  if (apply.cancel_missing && !apply.cancel_many && report.cancelled * 2 > ids.size())
    return fail(fmt::format(
        "--cancel-missing would cancel {} of the {} registrations imported so far, more than half: the file lists "
        "only {} of them. Is it this event's full export (not a partial one, not another event's)? Look with "
        "--dry-run without --cancel-missing; if it is, run again with --cancel-many",
        report.cancelled, ids.size(), ids.size() - report.cancelled));
  return changes;
}

}  // namespace

Result<ImportReport> apply_import(Store& store, ImportPlan plan, const ApplyOptions& apply) {
  ImportReport report;
  report.encoding = plan.encoding;
  report.separator = plan.separator;
  report.columns = plan.columns;
  report.ignored_columns = plan.ignored_columns;
  report.column_problems = plan.column_problems;
  report.email_is_reference = plan.email_is_reference;
  report.categories = plan.categories;
  report.fallback_category = plan.fallback_category;
  report.rows = plan.rows.size() + plan.rejected.size();
  report.rejected = std::move(plan.rejected);
  report.warnings = std::move(plan.warnings);
  if (apply.cancel_missing && !report.rejected.empty())
    return fail(fmt::format("{} rows were rejected (the first on line {}): fix them before cancelling the "
                            "registrations the file does not list, or import without --cancel-missing",
                            report.rejected.size(), std::ranges::min(report.rejected, {}, &RowIssue::line).line));
  auto changes = decide(store, plan, apply, report);
  if (!changes) return std::unexpected(changes.error());
  std::ranges::sort(report.rejected, {}, &RowIssue::line);
  if (apply.dry_run) return report;

  if (changes->updates.empty() && changes->inserts.empty()) return report;
  // A 100,000-row list and its three indexes fit in 64 MB of page cache:
  // inserts then never wait for a page to be read back.
  (void)store.set_cache_mb(64);
  auto applied = store.write_attendees_staged(changes->updates, changes->inserts);
  (void)store.set_cache_mb(Store::default_cache_mb);
  if (!applied) return std::unexpected(applied.error());
  return report;
}

namespace {

std::string toml_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04X}", static_cast<unsigned>(c));
      continue;
    }
    out += c;
  }
  return out + '"';
}

}  // namespace

std::string mapping_file_for(const ImportReport& report, const Event& event) {
  std::string out =
      "# Mapping file for accueilctl import --mapping FILE (written by --write-mapping).\n"
      "# Edit it, then import again with it: what it says is used as written.\n\n"
      "# The field each column feeds, \"ignore\" for none. Fields: " + field_names() + "\n[columns]\n";
  std::set<std::string> written;  // a header written twice ("Company" in pretix) is one TOML key
  for (const auto& [field, header] : report.columns)
    if (written.insert(fold_key(header)).second)
      out += fmt::format("{} = {}\n", toml_string(header), toml_string(to_string(field)));
  for (const auto& header : report.ignored_columns)
    if (written.insert(fold_key(header)).second) out += fmt::format("{} = \"ignore\"\n", toml_string(header));
  std::string keys;
  for (const Category& c : event.categories)
    keys += fmt::format("{}{} ({})", keys.empty() ? "" : ", ", c.key, c.label(event.languages.front()));
  out += "\n# The category of each value of the file. Categories: " + keys + ".\n"
         "# Lines starting with # are values Accueil could not tell: choose a key and remove the #.\n[categories]\n";
  written.clear();
  for (const CategoryValue& v : report.categories) {
    if (v.value.empty() || !written.insert(fold_key(v.value)).second) continue;
    std::string line = fmt::format("{} = {}", toml_string(v.value), toml_string(v.match.key));
    std::string rows = fmt::format("{} row{}, first on line {}", v.rows, v.rows == 1 ? "" : "s", v.first_line);
    if (v.match.how == CategoryHow::ambiguous) {
      std::string candidates;
      for (const auto& k : v.match.candidates) candidates += (candidates.empty() ? "" : " or ") + k;
      out += fmt::format("# {}  # AMBIGUOUS: {}? imported as \"{}\"; {}\n", line, candidates, v.match.key, rows);
    } else if (v.match.how == CategoryHow::unknown) {
      out += fmt::format("# {}  # UNKNOWN: imported as \"{}\"; {}\n", line, v.match.key, rows);
    } else {
      out += fmt::format("{}  # {}{}; {}\n", line, to_string(v.match.how),
                         v.match.matched.empty() ? "" : fmt::format(" \"{}\"", v.match.matched), rows);
    }
  }
  out += "\n[defaults]\n# The category of rows whose value is none of the above (and of files without a category column).\n";
  out += fmt::format("category = {}\n", toml_string(report.fallback_category));
  return out;
}

Result<ImportReport> import_registrations(Store& store, const Event& event, std::string_view bytes,
                                          std::string_view origin, const ImportOptions& options,
                                          const ApplyOptions& apply) {
  auto plan = plan_import(bytes, origin, event, options);
  if (!plan) return std::unexpected(plan.error());
  return apply_import(store, std::move(*plan), apply);
}

}  // namespace accueil
