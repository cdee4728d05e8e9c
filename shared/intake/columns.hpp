// Reading an export's header line and its category values the way a person at
// a desk reads them. Pure functions of the text, the event and a mapping file:
// no store, so that every importer (the kiosk's SQLite, the central store) reads
// files the same way.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/base/error.hpp"
#include "shared/domain/model.hpp"

namespace accueil {

enum class Field {
  external_ref, ticket_code, civility, first_name, last_name, first_name_latin, last_name_latin,
  organisation, function, country, category, language, days, delegation, vip, staff_note, email, status,
  full_name,  // "Nom et prénom", "Name": split into first and last name when no column gives them apart
  timestamp,  // a form's "Horodateur" / "Timestamp": recognised, used for nothing
  ignore,     // a mapping file's way to silence a column
};
std::string_view to_string(Field field);
std::optional<Field> field_from_string(std::string_view name);
// Every field a mapping file may name, for messages: "external_ref, ticket_code, ...".
std::string field_names();

// A mapping file (TOML) for exports whose headers or values are not recognised:
//   [columns]     "Header text" = "field"   (a Field name, or "ignore")
//   [categories]  "Value in the file" = "category key"
//   [defaults]    category = "key", language = "fr"
struct ColumnMapping {
  std::map<std::string, Field> columns;            // fold_key(header) -> field
  std::map<std::string, std::string> categories;   // fold_key(value) -> category key
  std::string default_category;
  std::string default_language;
};
Result<ColumnMapping> parse_mapping(std::string_view toml_text, std::string_view origin);
Result<ColumnMapping> load_mapping(const std::filesystem::path& path);

// How much a column is the attendee's own: "Email payeur" (the buyer) is a
// fallback, "Attendee email" is preferred over a plain "Email".
enum class HeaderRank { buyer = 0, plain = 1, attendee = 2 };

struct HeaderMatch {
  std::optional<Field> field;     // nothing: the column feeds nothing
  HeaderRank rank = HeaderRank::plain;
  bool last_name_first = false;   // for full_name: "Nom Prénom" rather than "Prénom Nom"
  std::string how;                // "mapping file", "known header", "numbered", "combined", ...
  std::string problem;            // why a header that looked like one is not used ("could be X or Y")
};

// The field one header feeds.
HeaderMatch match_header(std::string_view header, const ColumnMapping* mapping = nullptr);

// The columns of a header line, after the choices that need all of them: a
// buyer's column dropped where the attendee's exists, a full name unused where
// first and last names are given apart, Microsoft Forms' "Nom"/"Name" read as
// the full name of the person who answered.
struct ColumnChoice {
  std::map<Field, std::vector<std::size_t>> by_field;  // the columns feeding each field, preferred first
  std::vector<std::pair<Field, std::string>> used;     // field, header as written, in file order
  std::vector<std::string> ignored;                    // headers that feed nothing
  std::vector<std::string> problems;                   // headers left unused, and why
  bool last_name_first = false;                        // of the full-name column
  bool email_is_reference = false;                     // no reference nor ticket column: the e-mail is
};
ColumnChoice choose_columns(const std::vector<std::string>& headers, const ColumnMapping* mapping = nullptr);

// One row of the table of recognised headers (shared/intake/headers.md).
struct KnownHeader {
  std::string header;
  Field field;
  std::string source;
};
const std::vector<KnownHeader>& known_headers();

// Splits a full name: an upper-case word is the family name ("DUPONT Jean",
// "Jean DUPONT"); otherwise the header's order decides, and particles (de,
// van, da, ben...) stay with the family name ("Charles de Gaulle").
std::pair<std::string, std::string> split_full_name(std::string_view name, bool last_name_first);

// How a category value of a file was read.
enum class CategoryHow {
  mapping,    // the mapping file's [categories]
  exact,      // the key, a label or an alias, as written (case, accents and punctuation aside)
  reading,    // the same words as a label or an alias: plural, inclusive writing, small words aside
  extends,    // starts with or contains a label's words: "Délégation du Japon" for "Délégation"
  ambiguous,  // could be several categories: not guessed, the fallback is given
  unknown,    // no category: the fallback is given
  empty,      // no value: the fallback is given
};
std::string_view to_string(CategoryHow how);

struct CategoryMatch {
  std::string key;                      // the category given (the fallback for ambiguous/unknown/empty)
  CategoryHow how = CategoryHow::unknown;
  std::string matched;                  // the label or alias it matched
  std::vector<std::string> candidates;  // for ambiguous: the keys it could be
  bool flagged() const { return how == CategoryHow::ambiguous || how == CategoryHow::unknown || how == CategoryHow::empty; }
};

// Matches category values against an event's categories (keys, labels in
// every language, aliases) and a mapping file. `fallback` is given to values
// it cannot tell.
class CategoryMatcher {
public:
  CategoryMatcher(const Event& event, const ColumnMapping* mapping, std::string fallback);
  CategoryMatch match(std::string_view value) const;
  const std::string& fallback() const { return m_fallback; }

private:
  struct Name {
    std::vector<std::string> words;
    std::string key;
    std::string text;
  };
  const Event& m_event;
  const ColumnMapping* m_mapping;
  std::string m_fallback;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> m_exact;  // fold_key -> (key, text)
  std::vector<Name> m_names;
};

// The category given to registrations whose category cannot be told: the
// option's, else the mapping file's default, else the event file's
// default_category, else its first category of role "other", else its first.
std::string fallback_category(const Event& event, const ColumnMapping* mapping, std::string_view option);

}  // namespace accueil
