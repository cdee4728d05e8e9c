// Searching attendees as a person types: case-, accent- and punctuation-
// insensitive ("helene" finds "Hélène", "moncondhuy" finds "Moncond'huy"),
// word order free, every word matched as a prefix, one typo tolerated in words
// of 5+ letters, over native and Latin names, organisation and ticket code.
//
// The index is built once from the attendee list and is immutable: searching
// never allocates per attendee beyond a scratch array, and several threads may
// search one index.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shared/model.hpp"

namespace accueil {

struct SearchHit {
  std::uint32_t index = 0;  // into SearchIndex::attendee()
  int score = 0;            // higher is better
};

class SearchIndex {
public:
  SearchIndex() = default;
  explicit SearchIndex(std::vector<Attendee> attendees);

  // Best matches first, at most `limit`. Every word of the query must match.
  std::vector<SearchHit> search(std::string_view query, std::size_t limit) const;

  const Attendee& attendee(std::uint32_t index) const { return m_attendees[index]; }
  std::span<const Attendee> attendees() const { return m_attendees; }
  std::size_t size() const { return m_attendees.size(); }
  std::size_t vocabulary_size() const { return m_words.size(); }

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

  std::vector<Attendee> m_attendees;
  std::vector<Word> m_words;  // sorted by text
  std::vector<Posting> m_postings;
};

// True when a prefix of `word` (or all of it, with `whole_word`) is within one
// edit (substitution, insertion, deletion or swap of neighbours) of `typed`.
bool within_one_edit(std::u32string_view typed, std::u32string_view word, bool whole_word);

}  // namespace accueil
