#include "shared/search/search.hpp"

#include <algorithm>
#include <unordered_map>

#include "shared/text/text.hpp"

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

std::uint64_t letter_pair(char32_t a, char32_t b) { return (std::uint64_t{a} << 32) | b; }

// Scratch arrays reused by every search on a thread. Between searches every
// entry is zero; a search resets the entries it touched before returning.
struct Scratch {
  std::vector<int> total;               // per attendee: summed score of the words matched so far
  std::vector<std::uint16_t> matched;   // per attendee: how many query words it matched
  std::vector<int> best;                // per attendee: best score for the current query word
  std::vector<std::uint32_t> first_touched, touched, candidates;
  std::vector<std::uint32_t> word_seen;  // per word: the search that last visited it
  std::uint32_t search_id = 0;

  void fit(std::size_t attendees, std::size_t words) {
    if (total.size() < attendees) {
      total.resize(attendees, 0);
      matched.resize(attendees, 0);
      best.resize(attendees, 0);
    }
    if (word_seen.size() < words) word_seen.resize(words, 0);
  }
};

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

bool offered_by_name(const Attendee& attendee, const NameSearchRules& rules) {
  if (attendee.status == AttendeeStatus::cancelled) return false;
  return !attendee.vip || rules.vip;
}

std::string check_key(const Attendee& attendee, const NameSearchRules& rules) {
  std::string_view source;
  switch (rules.check) {
    case NameSearchRules::Check::none: return {};
    case NameSearchRules::Check::email: source = attendee.email; break;
    case NameSearchRules::Check::organisation: source = attendee.organisation; break;
  }
  const std::string folded = fold_key(source);
  std::size_t end = 0;
  for (int letters = 0; end < folded.size() && letters < rules.check_letters; ++letters) {
    const unsigned char c = static_cast<unsigned char>(folded[end]);
    end += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  return folded.substr(0, std::min(end, folded.size()));
}

SearchIndex::SearchIndex(std::span<const Attendee> attendees, const NameSearchRules& rules) {
  struct Entry {
    std::string word;
    std::uint32_t attendee;
    std::uint32_t weight;
  };
  std::vector<Entry> entries;
  entries.reserve(attendees.size() * 8);
  m_shown_ends.reserve(attendees.size() * 4);
  // Transliterating is slow and names repeat: each distinct name once.
  std::unordered_map<std::string, std::vector<std::string>> latin_keys_of;
  for (std::uint32_t i = 0; i < attendees.size(); ++i) {
    const Attendee& a = attendees[i];
    const std::string shown_name = display_name(a);
    const std::string key = accueil::check_key(a, rules);
    for (std::string_view piece : {std::string_view(a.id), std::string_view(shown_name), std::string_view(a.organisation),
                                   std::string_view(key)}) {
      m_shown += piece;
      m_shown_ends.push_back(static_cast<std::uint32_t>(m_shown.size()));
    }
    auto add = [&](std::string_view text, std::uint32_t weight) {
      for (std::string& w : index_words(text)) entries.push_back({std::move(w), i, weight});
    };
    // Names in another script also under their Latin keys, for searching only
    // (never shown): "ivanov" finds Иванов even when the export gave no Latin form.
    auto add_latin_keys = [&](const std::string& name, std::uint32_t weight) {
      if (name.empty()) return;
      auto [known, fresh] = latin_keys_of.try_emplace(name);
      if (fresh) known->second = latin_keys(name);
      for (const std::string& latin : known->second) add(latin, weight);
    };
    add(a.last_name, k_weight_last_name);
    add(a.last_name_latin, k_weight_last_name);
    add_latin_keys(a.last_name, k_weight_last_name);
    add(a.first_name, k_weight_first_name);
    add(a.first_name_latin, k_weight_first_name);
    add_latin_keys(a.first_name, k_weight_first_name);
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

  for (std::uint32_t w = 0; w < m_words.size(); ++w) {
    const std::u32string& cp = m_words[w].code_points;
    if (cp.size() < 4) continue;  // too short to be within one edit of a typed word of 5+ letters
    m_letters_1_2.push_back({letter_pair(cp[1], cp[2]), w});
    m_letters_2_3.push_back({letter_pair(cp[2], cp[3]), w});
    m_letters_0_3.push_back({letter_pair(cp[0], cp[3]), w});
  }
  for (PairIndex* index : {&m_letters_1_2, &m_letters_2_3, &m_letters_0_3}) {
    std::ranges::sort(*index, {}, &PairEntry::pair);
    index->shrink_to_fit();
  }
  // Grown by doubling: give back the slack, up to half of each (the index lives all day).
  m_words.shrink_to_fit();
  m_shown.shrink_to_fit();

  std::vector<std::uint32_t> order(attendees.size());
  std::vector<std::string> keys(attendees.size());
  for (std::uint32_t i = 0; i < attendees.size(); ++i) {
    order[i] = i;
    keys[i] = fold(attendees[i].last_name) + '\x01' + fold(attendees[i].first_name);
  }
  std::ranges::stable_sort(order, [&](std::uint32_t x, std::uint32_t y) { return keys[x] < keys[y]; });
  m_alphabetical_rank.resize(attendees.size());
  for (std::uint32_t r = 0; r < order.size(); ++r) m_alphabetical_rank[order[r]] = r;
}

std::size_t SearchIndex::memory_bytes() const {
  auto bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  std::size_t total = m_shown.capacity() + bytes(m_shown_ends) + bytes(m_alphabetical_rank) + bytes(m_words) +
                      bytes(m_postings) + bytes(m_letters_1_2) + bytes(m_letters_2_3) + bytes(m_letters_0_3);
  for (const Word& w : m_words) {
    if (w.text.capacity() > std::string().capacity()) total += w.text.capacity() + 1;
    if (w.code_points.capacity() > std::u32string().capacity()) total += (w.code_points.capacity() + 1) * sizeof(char32_t);
  }
  return total;
}

// The words that may have a prefix within one edit of `typed` (5+ letters).
// If the first difference is at position 2 or later, the word starts with the
// typed word's first two letters: a range of the sorted vocabulary. If it is
// at position 0 or 1, what follows lines up at a fixed offset:
//   a letter substituted, or two swapped at 0-1:  typed[2..3] == word[2..3]
//   a letter too many in what was typed:          typed[2..3] == word[1..2]
//   a letter missing from what was typed:         typed[1..2] == word[2..3]
//   letters 1 and 2 swapped:                      typed[0], typed[3] == word[0], word[3]
// Candidates may repeat or not match; within_one_edit decides.
void SearchIndex::typo_candidates(std::u32string_view t, std::string_view typed_utf8,
                                  std::vector<std::uint32_t>& out) const {
  std::size_t two_letters = 0;
  for (int letters = 0; two_letters < typed_utf8.size() && letters < 2; ++letters) {
    unsigned char c = static_cast<unsigned char>(typed_utf8[two_letters]);
    two_letters += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  const std::string_view prefix = typed_utf8.substr(0, two_letters);
  auto first = std::ranges::lower_bound(m_words, prefix, {}, [](const Word& w) -> std::string_view { return w.text; });
  for (auto it = first; it != m_words.end() && it->text.starts_with(prefix); ++it)
    out.push_back(static_cast<std::uint32_t>(it - m_words.begin()));
  auto add = [&](const PairIndex& index, std::uint64_t pair) {
    auto range = std::ranges::equal_range(index, pair, {}, &PairEntry::pair);
    for (const PairEntry& e : range) out.push_back(e.word);
  };
  add(m_letters_2_3, letter_pair(t[2], t[3]));
  add(m_letters_1_2, letter_pair(t[2], t[3]));
  add(m_letters_2_3, letter_pair(t[1], t[2]));
  add(m_letters_0_3, letter_pair(t[0], t[3]));
}

std::vector<SearchHit> SearchIndex::search(std::string_view query, std::size_t limit) const {
  const std::vector<std::string> typed = query_words(query);
  if (typed.empty() || size() == 0 || limit == 0) return {};

  thread_local Scratch scratch;
  Scratch& s = scratch;
  s.fit(size(), m_words.size());
  if (++s.search_id == 0) {  // wrapped: forget which words earlier searches saw
    std::ranges::fill(s.word_seen, 0);
    s.search_id = 1;
  }
  s.first_touched.clear();
  // Only attendees that matched the first word are ever written to; put them
  // back to zero however this search ends.
  struct Reset {
    Scratch& s;
    ~Reset() {
      for (std::uint32_t a : s.first_touched) s.total[a] = s.matched[a] = 0;
    }
  } reset{s};

  for (std::size_t q = 0; q < typed.size(); ++q) {
    const std::string& word = typed[q];
    std::vector<std::uint32_t>& touched = q == 0 ? s.first_touched : s.touched;
    touched.clear();
    auto visit = [&](const Word& w, int quality) {
      for (std::uint32_t p = w.first_posting; p < w.first_posting + w.posting_count; ++p) {
        const Posting& posting = m_postings[p];
        const std::uint32_t a = posting.attendee;
        if (s.matched[a] < q) continue;  // missed an earlier word
        const int score = quality * static_cast<int>(posting.weight);
        if (s.matched[a] == q) {
          s.matched[a] = static_cast<std::uint16_t>(q + 1);
          s.best[a] = score;
          touched.push_back(a);
        } else if (score > s.best[a]) {
          s.best[a] = score;
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
      ++s.search_id;
      s.candidates.clear();
      typo_candidates(typed_cp, word, s.candidates);
      for (std::uint32_t c : s.candidates) {
        if (s.word_seen[c] == s.search_id) continue;
        s.word_seen[c] = s.search_id;
        const Word& w = m_words[c];
        if (w.text.starts_with(word)) continue;  // already a prefix match
        if (within_one_edit(typed_cp, w.code_points, false)) visit(w, k_typo);
      }
    }

    if (touched.empty()) return {};
    for (std::uint32_t a : touched) s.total[a] += s.best[a];
  }

  const auto all = static_cast<std::uint16_t>(typed.size());
  std::vector<SearchHit> hits;
  for (std::uint32_t a : s.first_touched)
    if (s.matched[a] == all) hits.push_back({a, s.total[a]});
  auto better = [&](const SearchHit& x, const SearchHit& y) {
    if (x.score != y.score) return x.score > y.score;
    return m_alphabetical_rank[x.index] < m_alphabetical_rank[y.index];
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
