// Unicode text helpers: validation and the folding that makes search and header
// matching insensitive to case, accents and punctuation ("Hélène" ~ "helene",
// "Moncond'huy" ~ "moncondhuy").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace accueil {

bool is_valid_utf8(std::string_view text);

// Number of code points in valid UTF-8.
std::size_t utf8_length(std::string_view text);
// Appends one code point, encoded as UTF-8 (nothing for an invalid one).
void append_utf8(std::string& out, char32_t cp);

// Case-folded, compatibility-decomposed text without combining marks, with the
// Latin letters that do not decompose spelled out (œ -> oe, ß -> ss, ø -> o).
// Punctuation and spaces are kept as they are.
std::string fold(std::string_view text);

// fold() keeping only letters and digits: "E-mail" -> "email",
// "Côte d’Ivoire" -> "cotedivoire". For matching headers and names exactly.
std::string fold_key(std::string_view text);

// The folded words of `text` for a search index. Words are split on spaces and
// punctuation; a word with inner apostrophes or hyphens also yields its joined
// form, so "Moncond'huy" gives {"moncond", "huy", "moncondhuy"}.
std::vector<std::string> index_words(std::string_view text);

// The folded words of what a person typed: split on spaces only, punctuation
// removed inside a word ("jean-pierre" -> "jeanpierre", "d'estaing" -> "destaing").
std::vector<std::string> query_words(std::string_view text);

// The words of `text` as a person reads them, for matching a value against a
// list (category labels, column headers): folded as fold() does; split on
// spaces, punctuation and apostrophes ("d'inscription" -> "d", "inscription");
// hyphens inside a word join ("E-mail" -> "email"); the endings of inclusive
// writing dropped ("Élu·e·s", "Délégué.e.s", "Invité(e)s" -> "elus", "delegues",
// "invites"). The same rules on both sides make two spellings of one thing equal.
std::vector<std::string> reading_words(std::string_view text);

// A folded word made singular the simple French and English way, the same on
// both sides of a comparison: "elus" -> "elu", "journaux" -> "journal",
// "delegations" -> "delegation" (words of three letters or fewer, and words
// with digits, are left alone).
void make_singular(std::string& word);

// Latin keys for finding a name written in another script by typing it in
// Latin letters (search only, never printed): ICU transliteration, folded as
// fold_key() folds. The first is `Any-Latin; Latin-ASCII` (scholarly: Шевченко
// -> "sevcenko"); where ICU has the BGN/PCGN romanisation that passports and
// newspapers use (Russian, Ukrainian, Greek, Armenian, Georgian...), a second
// key follows (Шевченко -> "shevchenko"). Empty for text already in Latin.
std::vector<std::string> latin_keys(std::string_view text);

// Trims ASCII and Unicode white space (including no-break spaces) at both ends.
std::string_view trim(std::string_view text);

}  // namespace accueil
