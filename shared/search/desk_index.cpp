#include "shared/search/desk_index.hpp"

#include <algorithm>
#include <array>

#include "shared/text/text.hpp"

namespace accueil {

namespace {
constexpr std::array<std::string_view, 4> k_field_names{"e-mail", "ticket", "delegation", "note"};
}

DeskIndex::DeskIndex(std::span<const Attendee> attendees) : m_names(attendees) {
  m_extra_ends.reserve(attendees.size() * k_fields);
  for (const Attendee& a : attendees) {
    for (const std::string* field : {&a.email, &a.ticket_code, &a.delegation, &a.staff_note}) {
      m_extra += fold_key(*field);
      m_extra_ends.push_back(static_cast<std::uint32_t>(m_extra.size()));
    }
  }
}

std::vector<DeskIndexHit> DeskIndex::search(std::string_view query, std::size_t limit) const {
  std::vector<DeskIndexHit> hits;
  if (limit == 0) return hits;
  for (const SearchHit& h : m_names.search(query, limit)) hits.push_back({h.index, {}});
  if (hits.size() >= limit) return hits;
  const std::vector<std::string> words = query_words(query);
  std::size_t letters = 0;
  for (const auto& w : words) letters += w.size();
  if (words.empty() || letters < 3) return hits;  // two letters would match half the e-mails
  const std::string_view extra(m_extra);
  const auto n = static_cast<std::uint32_t>(size());
  for (std::uint32_t i = 0; i < n && hits.size() < limit; ++i) {
    for (int k = 0; k < k_fields; ++k) {
      const std::size_t slot = static_cast<std::size_t>(i) * k_fields + static_cast<std::size_t>(k);
      const std::uint32_t begin = slot == 0 ? 0 : m_extra_ends[slot - 1];
      const std::string_view field = extra.substr(begin, m_extra_ends[slot] - begin);
      if (field.empty()) continue;
      if (!std::ranges::all_of(words, [&](const std::string& w) { return field.find(w) != std::string_view::npos; }))
        continue;
      if (std::ranges::none_of(hits, [&](const DeskIndexHit& h) { return h.index == i; }))
        hits.push_back({i, k_field_names[static_cast<std::size_t>(k)]});
      break;
    }
  }
  return hits;
}

}  // namespace accueil
