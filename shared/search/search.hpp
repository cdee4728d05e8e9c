// Searching attendees as a person types: case-, accent- and punctuation-
// insensitive ("helene" finds "Hélène", "moncondhuy" finds "Moncond'huy"),
// word order free, every word matched as a prefix, one typo tolerated in words
// of 5+ letters, over native and Latin names, organisation and ticket code.
// A name in another script is also filed under its Latin keys (latin_keys():
// "ivanov" finds Иванов), for searching only: they are never shown.
//
// The index is built once from the attendee list and is immutable: searching
// never allocates per attendee beyond a scratch array, and several threads may
// search one index. It does not keep the attendees: hits are positions in the
// list it was built from, and it keeps only what a public screen may show of
// each person (id, name, organisation; and, never shown, the few letters a
// name-search check asks for), packed: 100,000 people take about 35-45 MB
// (memory_bytes(); accueil-bench prints it), most of it the letter-pair tables.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shared/domain/model.hpp"

namespace accueil {

struct SearchHit {
  std::uint32_t index = 0;  // the position of the attendee in the list the index was built from
  int score = 0;            // higher is better
};

// Whether "find my name" at a public kiosk may offer this person: not when
// their registration was cancelled, nor a VIP unless the event allows it.
// (A kiosk builds its index from the people offered; the desk from everyone.)
bool offered_by_name(const Attendee& attendee, const NameSearchRules& rules);

// What the person found must type before a badge prints (the rules' check):
// the first `check_letters` letters or digits of their e-mail or organisation,
// folded (fold_key); empty when there is no check, or nothing to check against.
std::string check_key(const Attendee& attendee, const NameSearchRules& rules);

class SearchIndex {
public:
  SearchIndex() = default;
  // `rules` say which check key the index keeps beside each person (none by default).
  explicit SearchIndex(std::span<const Attendee> attendees, const NameSearchRules& rules = {});

  // Best matches first, at most `limit`. Every word of the query must match.
  std::vector<SearchHit> search(std::string_view query, std::size_t limit) const;

  // What a public screen may show of the attendee at `index`.
  std::string_view id(std::uint32_t index) const { return piece(index, 0); }
  std::string_view name(std::uint32_t index) const { return piece(index, 1); }  // display_name()
  std::string_view organisation(std::uint32_t index) const { return piece(index, 2); }
  // Never shown: what the person must type to prove it is them (check_key()).
  std::string_view check_key(std::uint32_t index) const { return piece(index, 3); }

  std::size_t size() const { return m_alphabetical_rank.size(); }
  std::size_t vocabulary_size() const { return m_words.size(); }
  // The heap memory the index holds, in bytes (for benchmarks).
  std::size_t memory_bytes() const;

private:
  struct Posting {
    std::uint32_t attendee;
    std::uint32_t weight;  // how much the field counts: names above organisation
  };
  struct Word {
    std::string text;            // folded UTF-8
    std::u32string code_points;  // the same, for typo matching
    std::uint32_t first_posting = 0;
    std::uint32_t posting_count = 0;
  };

  // Words of 4+ letters filed under a pair of their letters at fixed
  // positions: where a typed word with one edit in its first two letters must
  // line up with them (see typo_candidates in search.cpp).
  struct PairEntry {
    std::uint64_t pair;  // two code points
    std::uint32_t word;  // index into m_words
  };
  using PairIndex = std::vector<PairEntry>;  // sorted by pair

  void typo_candidates(std::u32string_view typed, std::string_view typed_utf8, std::vector<std::uint32_t>& out) const;

  // Piece `k` of attendee `index`: m_shown[m_shown_ends[4 * index + k - 1] .. m_shown_ends[4 * index + k]).
  std::string_view piece(std::uint32_t index, int k) const {
    const std::size_t i = 4 * static_cast<std::size_t>(index) + static_cast<std::size_t>(k);
    const std::uint32_t begin = i == 0 ? 0 : m_shown_ends[i - 1];
    return std::string_view(m_shown).substr(begin, m_shown_ends[i] - begin);
  }

  std::string m_shown;                       // id, name, organisation and check key of everyone, end to end
  std::vector<std::uint32_t> m_shown_ends;   // where each piece ends in m_shown
  std::vector<std::uint32_t> m_alphabetical_rank;  // by folded last name, then first name
  std::vector<Word> m_words;  // sorted by text
  std::vector<Posting> m_postings;
  PairIndex m_letters_1_2, m_letters_2_3, m_letters_0_3;
};

// True when a prefix of `word` (or all of it, with `whole_word`) is within one
// edit (substitution, insertion, deletion or swap of neighbours) of `typed`.
bool within_one_edit(std::u32string_view typed, std::u32string_view word, bool whole_word);

}  // namespace accueil
