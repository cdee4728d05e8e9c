// A delegation that arrives together: found by its name, its country or any
// member's name; staff tick who is here and check them in as one batch whose
// badges print head of delegation first (shared/store/desk.hpp check_in_group).
#include <algorithm>

#include <fmt/core.h>

#include "kiosk/app/modes/desk/desk_forms.hpp"
#include "kiosk/app/shell/trace.hpp"
#include "kiosk/app/shell/ui_queue.hpp"
#include "shared/text/catalog.hpp"
#include "shared/text/countries.hpp"
#include "shared/text/text.hpp"

namespace accueil::kiosk {

// On the store worker, one search at a time; the query typed meanwhile is searched when it answers.
void DeskScreens::search_delegations() {
  DelegationForm& f = *m_delegation;
  if (f.searching || f.query == f.searched) return;
  f.searching = true;
  m_store.run([this, query = f.query](Store& store) {
    auto found = find_delegations(store, query);
    if (!found) fmt::print(stderr, "accueil: delegations: {}\n", found.error().message);
    m_shell.ui.post([this, query, found = found.value_or(std::vector<std::string>{})] {
      DelegationForm& g = *m_delegation;
      g.searching = false;
      g.searched = query;
      g.found = trim(query).empty() ? std::vector<std::string>{} : found;
      m_shell.trace.log("delegations", fmt::format("{}", g.found.size()));
      if (g.query != g.searched) search_delegations();
    });
  });
}

void DeskScreens::load_members(const std::string& delegation) {
  m_store.run([this, delegation](Store& store) {
    auto members = delegation_members(store, delegation);
    if (!members) fmt::print(stderr, "accueil: delegation {}: {}\n", delegation, members.error().message);
    m_shell.ui.post([this, delegation, members = members.value_or(std::vector<Attendee>{})] {
      DelegationForm& f = *m_delegation;
      f.chosen = delegation;
      f.members = members;
      f.ticked.assign(members.size(), 1);  // most of a delegation arrives together: untick who is missing
      f.head = delegation_head(members).value_or(0);
      m_shell.trace.log("delegation", fmt::format("{} {}", delegation, members.size()));
    });
  });
}

void DeskScreens::submit_delegation(const DeskState& s) {
  (void)s;
  const DelegationForm& f = *m_delegation;
  DeskAction a{.kind = DeskActionKind::group_check_in, .day = m_today};
  for (std::size_t i = 0; i < f.members.size(); ++i)
    if (f.ticked[i]) a.group.push_back(f.members[i].id);
  if (f.head < f.members.size()) a.head_id = f.members[f.head].id;
  m_flow.request(std::move(a));
}

void DeskScreens::draw_delegation(const DeskState& s, DeskDraw& d) {
  DelegationForm& f = *m_delegation;
  const float px = d.fonts.body->FontSize;
  const float w = d.frame.width;
  if (d.button("delegation:back", d.tr("Back to search"), ImVec2(0, 0))) m_flow.go(DeskScreen::find);
  ImGui::SameLine();
  ImGui::PushFont(d.fonts.large);
  ImGui::TextUnformatted(d.tr("Check in a delegation").c_str());
  ImGui::PopFont();
  text_field(d, "delegation:query", d.tr("Delegation, country or member"), f.query, w * 0.5f);
  if (f.query != f.searched) search_delegations();

  // The lists scroll; the check-in button stays below them, always in view
  // (inside the members' list, a long delegation pushed it out of reach of a
  // touch screen, and out of the window at 1280x800).
  const float button_row = px * 2.6f;
  const float lists_h = std::max(px * 6, ImGui::GetContentRegionAvail().y - button_row);
  // Delegations' names are long and alike ("Délégation de la commune de
  // Franceville", "... de Sokodé"): rows two lines high, so the end that tells
  // them apart shows.
  ImGui::BeginChild("delegations", ImVec2(w * 0.3f, lists_h));
  for (std::size_t i = 0; i < f.found.size() && i < 12; ++i)
    if (name_button(d, fmt::format("delegation:{}", i), f.found[i], "", ImVec2(w * 0.28f, px * 2.8f),
                    f.found[i] == f.chosen))
      load_members(f.found[i]);
  if (f.found.empty() && !trim(f.query).empty() && !f.searching)
    ImGui::TextWrapped("%s", d.tr("No delegation matches.").c_str());
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("members", ImVec2(0, lists_h));
  std::size_t ticked = 0;
  if (!f.chosen.empty()) {
    draw_name_line(d, f.chosen, d.fonts.large->FontSize, true);
    ImGui::TextWrapped("%s", d.tr("Tick who is here; the head of delegation's badge prints first.").c_str());
    for (std::size_t i = 0; i < f.members.size(); ++i) {
      const Attendee& m = f.members[i];
      ImGui::PushID(static_cast<int>(i));
      if (d.button(fmt::format("member:{}", i), f.ticked[i] ? "[x]" : "[  ]", ImVec2(px * 2.4f, px * 1.9f)))
        f.ticked[i] = !f.ticked[i];
      ImGui::SameLine();
      std::string detail = m.function.empty() ? m.organisation : m.function;
      if (!m.country.empty()) detail += " · " + country_name(m.country, d.language);
      if (name_button(d, fmt::format("member-head:{}", i), display_name(m), detail,
                      ImVec2(ImGui::GetContentRegionAvail().x - px * 6, px * 1.9f), i == f.head, &m))
        f.head = i;
      if (i == f.head) {
        ImGui::SameLine();
        ImGui::TextUnformatted(d.tr("head").c_str());
      }
      ImGui::PopID();
      ticked += f.ticked[i] ? 1 : 0;
    }
  }
  ImGui::EndChild();
  if (!f.chosen.empty()) {
    ImGui::SetCursorPosX(w * 0.3f + ImGui::GetStyle().ItemSpacing.x);
    if (ticked == 0) ImGui::BeginDisabled();
    ImGui::PushStyleColor(ImGuiCol_Button, k_desk_blue);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
    if (d.button("delegation:checkin", fill(d.tr("Check in and print {count} badges (Ctrl+P)"),
                                              {{"count", std::to_string(ticked)}}),
                 ImVec2(0, px * 2)) && !s.busy)
      submit_delegation(s);
    ImGui::PopStyleColor(2);
    if (ticked == 0) ImGui::EndDisabled();
  }
}

}  // namespace accueil::kiosk
