#include "shared/text/text.hpp"

#include <unicode/translit.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <utf8proc.h>

#include <algorithm>
#include <map>
#include <mutex>

#include <cstdlib>
#include <memory>

namespace accueil {

namespace {

struct FreeDeleter {
  void operator()(void* p) const { std::free(p); }
};

// Latin letters that have no canonical decomposition, spelled the way French
// and English speakers type them on a keyboard without them.
const char* spelled_out(utf8proc_int32_t cp) {
  switch (cp) {
    case 0x0153: return "oe";  // œ
    case 0x00E6: return "ae";  // æ
    case 0x00F8: return "o";   // ø
    case 0x0142: return "l";   // ł
    case 0x0111: return "d";   // đ
    case 0x00F0: return "d";   // ð
    case 0x00FE: return "th";  // þ
    case 0x0127: return "h";   // ħ
    case 0x0131: return "i";   // dotless ı
    default: return nullptr;
  }
}

bool is_word_char(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
    case UTF8PROC_CATEGORY_MC:  // spacing marks carry vowels in Indic scripts
      return true;
    default:
      return false;
  }
}

// Apostrophes and hyphens that join the parts of one name: d'Estaing, Jean-Pierre.
bool is_joiner(utf8proc_int32_t cp) {
  switch (cp) {
    case '\'': case '`': case 0x2019: case 0x2018: case 0x02BC: case 0x00B4:
    case '-': case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x00B7:
    case '.':  // "St.-Denis", initials
      return true;
    default:
      return false;
  }
}

// Calls `visit(cp)` for each code point of the folded form of `text`.
template <class Visit>
void for_each_folded(std::string_view text, Visit&& visit) {
  if (text.empty()) return;
  utf8proc_uint8_t* raw = nullptr;
  const auto options = static_cast<utf8proc_option_t>(
      UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
      UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
  auto len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                          static_cast<utf8proc_ssize_t>(text.size()), &raw, options);
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owned(raw);
  if (len < 0) return;  // invalid UTF-8: callers validate input at the edges
  const utf8proc_uint8_t* p = raw;
  const utf8proc_uint8_t* end = raw + len;
  while (p < end) {
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(p, end - p, &cp);
    if (n <= 0) break;
    p += n;
    if (const char* s = spelled_out(cp)) {
      for (; *s; ++s) visit(static_cast<utf8proc_int32_t>(*s));
    } else {
      visit(cp);
    }
  }
}

}  // namespace

void append_utf8(std::string& out, char32_t cp) {
  utf8proc_uint8_t buf[4];
  auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

bool is_valid_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    if (*p < 0x80) { ++p; continue; }
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(p, end - p, &cp);
    if (n <= 0) return false;
    p += n;
  }
  return true;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for_each_folded(text, [&](utf8proc_int32_t cp) { append_utf8(out, cp); });
  return out;
}

std::string fold_key(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for_each_folded(text, [&](utf8proc_int32_t cp) {
    if (is_word_char(cp)) append_utf8(out, cp);
  });
  return out;
}

std::vector<std::string> index_words(std::string_view text) {
  std::vector<std::string> words;
  std::string part;    // current run of letters and digits
  std::string joined;  // current word with its joiners removed
  int parts = 0;
  auto end_part = [&] {
    if (!part.empty()) {
      words.push_back(part);
      ++parts;
      part.clear();
    }
  };
  auto end_word = [&] {
    end_part();
    if (parts > 1) words.push_back(joined);
    joined.clear();
    parts = 0;
  };
  for_each_folded(text, [&](utf8proc_int32_t cp) {
    if (is_word_char(cp)) {
      append_utf8(part, cp);
      append_utf8(joined, cp);
    } else if (is_joiner(cp)) {
      end_part();
    } else {
      end_word();
    }
  });
  end_word();
  return words;
}

std::vector<std::string> query_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for_each_folded(text, [&](utf8proc_int32_t cp) {
    if (is_word_char(cp)) {
      append_utf8(word, cp);
    } else if (!is_joiner(cp) && !word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  });
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

namespace {

// Marks that start the inclusive ending of a word: Élu·e, Délégué.e.s, Invité(e)s.
bool is_inclusive_mark(utf8proc_int32_t cp) {
  switch (cp) {
    case 0x00B7: case 0x2022: case 0x2027: case 0x22C5: case 0x2219: case 0x30FB: case '.': case '(':
      return true;
    default:
      return false;
  }
}

bool is_hyphen(utf8proc_int32_t cp) { return cp == '-' || (cp >= 0x2010 && cp <= 0x2012); }

}  // namespace

void make_singular(std::string& word) {
  if (word.size() <= 3 || word.find_first_of("0123456789") != std::string::npos) return;
  if (word.ends_with("aux")) {
    word.replace(word.size() - 3, 3, "al");
  } else if (word.back() == 's' || word.back() == 'x') {
    word.pop_back();
  }
}

std::vector<std::string> reading_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool inclusive_ending = false;  // inside "·e·s": letters are skipped until the word ends
  auto end_word = [&] {
    if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
    inclusive_ending = false;
  };
  for_each_folded(text, [&](utf8proc_int32_t cp) {
    if (is_word_char(cp)) {
      if (!inclusive_ending) append_utf8(word, cp);
    } else if (is_hyphen(cp) && !word.empty()) {
      // joins: e-mail, Jean-Pierre
    } else if (is_inclusive_mark(cp) && !word.empty()) {
      inclusive_ending = true;
    } else if (cp == ')' && inclusive_ending) {
      // the end of "(e)": the word may go on ("Invité(e)s")
    } else {
      end_word();  // spaces, apostrophes, other punctuation
    }
  });
  end_word();
  return words;
}

namespace {

// The script of the first letter that is not Latin, Common or Inherited.
UScriptCode other_script(std::string_view text) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(p, end - p, &cp);
    if (n <= 0) break;
    p += n;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(cp, &status);
    if (U_SUCCESS(status) && script != USCRIPT_LATIN && script != USCRIPT_COMMON && script != USCRIPT_INHERITED)
      return script;
  }
  return USCRIPT_LATIN;
}

// ICU transliterators are costly to build and not thread-safe: one per rule, used under a lock.
std::string transliterate(const char* id, const icu::UnicodeString& text) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<icu::Transliterator>> cache;
  std::lock_guard lock(mutex);
  auto& t = cache[id];
  if (!t) {
    UErrorCode status = U_ZERO_ERROR;
    t.reset(icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, status));
    if (U_FAILURE(status)) t.reset();
  }
  if (!t) return {};
  icu::UnicodeString out = text;
  t->transliterate(out);
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

}  // namespace

std::vector<std::string> latin_keys(std::string_view text) {
  std::vector<std::string> keys;
  const UScriptCode script = other_script(text);
  if (script == USCRIPT_LATIN) return keys;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  auto add = [&](const char* id) {
    std::string key;
    for (const std::string& w : query_words(transliterate(id, u))) key += (key.empty() ? "" : " ") + w;
    if (!key.empty() && std::ranges::find(keys, key) == keys.end()) keys.push_back(std::move(key));
  };
  add("Any-Latin; Latin-ASCII");
  switch (script) {
    case USCRIPT_CYRILLIC:
      add("Russian-Latin/BGN; Latin-ASCII");
      add("Ukrainian-Latin/BGN; Latin-ASCII");
      break;
    case USCRIPT_GREEK: add("Greek-Latin/BGN; Latin-ASCII"); break;
    case USCRIPT_ARMENIAN: add("Armenian-Latin/BGN; Latin-ASCII"); break;
    case USCRIPT_GEORGIAN: add("Georgian-Latin/BGN; Latin-ASCII"); break;
    case USCRIPT_ARABIC: add("Arabic-Latin/BGN; Latin-ASCII"); break;
    default: break;
  }
  return keys;
}

std::string_view trim(std::string_view text) {
  auto is_space_at_front = [](std::string_view t) -> std::size_t {
    if (t.empty()) return 0;
    unsigned char c = static_cast<unsigned char>(t[0]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') return 1;
    if (t.starts_with("\xC2\xA0")) return 2;        // U+00A0 no-break space
    if (t.starts_with("\xE2\x80\xAF")) return 3;    // U+202F narrow no-break space
    if (t.starts_with("\xEF\xBB\xBF")) return 3;    // U+FEFF byte order mark
    return 0;
  };
  auto is_space_at_back = [](std::string_view t) -> std::size_t {
    if (t.empty()) return 0;
    unsigned char c = static_cast<unsigned char>(t.back());
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') return 1;
    if (t.ends_with("\xC2\xA0")) return 2;
    if (t.ends_with("\xE2\x80\xAF")) return 3;
    return 0;
  };
  while (std::size_t n = is_space_at_front(text)) text.remove_prefix(n);
  while (std::size_t n = is_space_at_back(text)) text.remove_suffix(n);
  return text;
}

}  // namespace accueil
