// The desk's search: everyone (cancelled and VIPs included), by name and
// organisation as at the kiosk (typo-tolerant, SearchIndex), and also by
// e-mail, ticket code, delegation and staff note, matched as folded
// substrings ("dupont@lyon" finds marie.dupont@lyon.fr). Immutable once built;
// several threads may search it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shared/domain/model.hpp"
#include "shared/search/search.hpp"

namespace accueil {

struct DeskIndexHit {
  std::uint32_t index = 0;     // position in the list the index was built from
  std::string_view matched;    // "" (name or organisation), "e-mail", "ticket", "delegation", "note"
};

class DeskIndex {
public:
  DeskIndex() = default;
  explicit DeskIndex(std::span<const Attendee> attendees);

  // Name matches first (best first), then the other fields, at most `limit`.
  std::vector<DeskIndexHit> search(std::string_view query, std::size_t limit) const;

  std::string_view id(std::uint32_t index) const { return m_names.id(index); }
  std::string_view name(std::uint32_t index) const { return m_names.name(index); }
  std::string_view organisation(std::uint32_t index) const { return m_names.organisation(index); }
  std::size_t size() const { return m_names.size(); }

private:
  static constexpr int k_fields = 4;  // e-mail, ticket, delegation, note
  SearchIndex m_names;
  std::string m_extra;                    // the folded fields of everyone, end to end
  std::vector<std::uint32_t> m_extra_ends;  // k_fields per attendee
};

}  // namespace accueil
