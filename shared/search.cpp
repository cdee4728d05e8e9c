#include "shared/search.hpp"

#include <algorithm>

#include "shared/text.hpp"

namespace accueil {

namespace {

// Field weights: a match on a name counts more than one on the organisation.
constexpr std::uint32_t k_weight_last_name = 10;
constexpr std::uint32_t k_weight_first_name = 8;
constexpr std::uint32_t k_weight_ticket = 8;
constexpr std::uint32_t k_weight_organisation = 3;

// Match qualities, multiplied by the field weight.
constexpr int k_exact = 6;
constexpr int k_prefix = 4;
constexpr int k_typo = 2;

// One typo is tolerated in typed words of at least this many letters.
constexpr std::size_t k_typo_min_length = 5;

std::u32string to_code_points(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n && i + static_cast<std::size_t>(k) < utf8.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + static_cast<std::size_t>(k)]) & 0x3F);
    out += cp;
    i += static_cast<std::size_t>(n);
  }
  return out;
}

}  // namespace

bool within_one_edit(std::u32string_view a, std::u32string_view b, bool whole_word) {
  // Compares typed `a` with `b`, or with a prefix of `b` when !whole_word.
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return whole_word ? b.size() - i <= 1 : true;
  if (i == b.size()) return a.size() - i == 1;  // one extra letter typed at the end
  auto rest_matches = [&](std::size_t ai, std::size_t bi) {
    std::u32string_view ar = a.substr(ai), br = b.substr(std::min(bi, b.size()));
    if (whole_word) return ar == br;
    return br.starts_with(ar);
  };
  return rest_matches(i + 1, i + 1)                                   // substitution
         || rest_matches(i + 1, i)                                    // a letter too many
         || rest_matches(i, i + 1)                                    // a letter missing
         || (i + 1 < a.size() && i + 1 < b.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
             rest_matches(i + 2, i + 2));                             // neighbours swapped
}

SearchIndex::SearchIndex(std::vector<Attendee> attendees) : m_attendees(std::move(attendees)) {
  struct Entry {
    std::string word;
    std::uint32_t attendee;
    std::uint32_t weight;
  };
  std::vector<Entry> entries;
  entries.reserve(m_attendees.size() * 8);
  for (std::uint32_t i = 0; i < m_attendees.size(); ++i) {
    const Attendee& a = m_attendees[i];
    auto add = [&](std::string_view text, std::uint32_t weight) {
      for (std::string& w : index_words(text)) entries.push_back({std::move(w), i, weight});
    };
    add(a.last_name, k_weight_last_name);
    add(a.last_name_latin, k_weight_last_name);
    add(a.first_name, k_weight_first_name);
    add(a.first_name_latin, k_weight_first_name);
    add(a.organisation, k_weight_organisation);
    if (std::string code = fold_key(a.ticket_code); !code.empty()) entries.push_back({std::move(code), i, k_weight_ticket});
  }
  std::ranges::sort(entries, [](const Entry& x, const Entry& y) {
    if (int c = x.word.compare(y.word); c != 0) return c < 0;
    if (x.attendee != y.attendee) return x.attendee < y.attendee;
    return x.weight > y.weight;
  });
  m_postings.reserve(entries.size());
  for (std::size_t k = 0; k < entries.size(); ++k) {
    const Entry& e = entries[k];
    if (m_words.empty() || m_words.back().text != e.word) {
      m_words.push_back({e.word, to_code_points(e.word), static_cast<std::uint32_t>(m_postings.size()), 0});
    } else if (m_postings.back().attendee == e.attendee) {
      continue;  // the same word twice for one attendee: the best weight came first
    }
    m_postings.push_back({e.attendee, e.weight});
    ++m_words.back().posting_count;
  }
}

std::vector<SearchHit> SearchIndex::search(std::string_view query, std::size_t limit) const {
  const std::vector<std::string> typed = query_words(query);
  if (typed.empty() || m_attendees.empty() || limit == 0) return {};

  // Per attendee: the summed score of the words matched so far, and how many
  // query words it matched. Only attendees that matched every earlier word
  // stay candidates.
  const std::size_t n = m_attendees.size();
  std::vector<int> total(n, 0);
  std::vector<std::uint16_t> matched(n, 0);
  std::vector<int> best(n, 0);  // best score for the current query word
  std::vector<std::uint32_t> touched;

  for (std::size_t q = 0; q < typed.size(); ++q) {
    const std::string& word = typed[q];
    touched.clear();
    auto visit = [&](const Word& w, int quality) {
      for (std::uint32_t p = w.first_posting; p < w.first_posting + w.posting_count; ++p) {
        const Posting& posting = m_postings[p];
        const std::uint32_t a = posting.attendee;
        if (matched[a] < q) continue;  // missed an earlier word
        const int score = quality * static_cast<int>(posting.weight);
        if (matched[a] == q) {
          matched[a] = static_cast<std::uint16_t>(q + 1);
          best[a] = score;
          touched.push_back(a);
        } else if (score > best[a]) {
          best[a] = score;
        }
      }
    };

    // Exact and prefix matches: a range of the sorted vocabulary.
    auto first = std::ranges::lower_bound(m_words, word, {}, &Word::text);
    for (auto it = first; it != m_words.end() && it->text.starts_with(word); ++it)
      visit(*it, it->text.size() == word.size() ? k_exact : k_prefix);

    // One typo, in words long enough that a typo does not match everything.
    const std::u32string typed_cp = to_code_points(word);
    if (typed_cp.size() >= k_typo_min_length) {
      for (const Word& w : m_words) {
        if (w.code_points.size() + 1 < typed_cp.size() || w.text.starts_with(word)) continue;
        if (within_one_edit(typed_cp, w.code_points, false)) visit(w, k_typo);
      }
    }

    if (touched.empty()) return {};
    for (std::uint32_t a : touched) total[a] += best[a];
  }

  const auto all = static_cast<std::uint16_t>(typed.size());
  std::vector<SearchHit> hits;
  for (std::uint32_t a = 0; a < n; ++a)
    if (matched[a] == all) hits.push_back({a, total[a]});
  auto better = [&](const SearchHit& x, const SearchHit& y) {
    if (x.score != y.score) return x.score > y.score;
    const Attendee& ax = m_attendees[x.index];
    const Attendee& ay = m_attendees[y.index];
    if (ax.last_name != ay.last_name) return ax.last_name < ay.last_name;
    if (ax.first_name != ay.first_name) return ax.first_name < ay.first_name;
    return x.index < y.index;
  };
  if (hits.size() > limit) {
    std::ranges::partial_sort(hits, hits.begin() + static_cast<std::ptrdiff_t>(limit), better);
    hits.resize(limit);
  } else {
    std::ranges::sort(hits, better);
  }
  return hits;
}

}  // namespace accueil
