// Reprinting for a reason (lost, damaged, misprint, name corrected, or
// another one said in a few words: the reason buttons are undo_view.cpp's), and the person page's further actions:
// correct, mark VIP, "see reception" with its reason.
#include <fmt/core.h>

#include "kiosk/app/modes/desk/desk_forms.hpp"
#include "shared/text/text.hpp"

namespace accueil::kiosk {

namespace {
constexpr ReprintReason k_reasons[] = {ReprintReason::lost, ReprintReason::damaged, ReprintReason::misprint,
                                       ReprintReason::name_corrected, ReprintReason::other};
}

void DeskScreens::choose_reprint_reason(std::size_t index) {
  if (index >= std::size(k_reasons)) return;
  m_reprint->reason = k_reasons[index];
  if (m_reprint->reason == ReprintReason::other) m_focus = "reprint:other";
}

void DeskScreens::submit_reprint(const DeskState& s, const Attendee& person) {
  if (person.id != s.selected_id) return;
  m_flow.request(DeskAction{.kind = DeskActionKind::reprint, .attendee_id = person.id, .day = m_today,
                            .reprint_reason = m_reprint->reason, .other_text = m_reprint->other_text,
                            .printer = reprint_printer});
}

void DeskScreens::draw_reprint(const DeskState& s, DeskDraw& d, const Attendee& person, std::string_view) {
  ReprintForm& f = *m_reprint;
  const float px = d.fonts.body->FontSize;
  if (d.button("reprint:back", d.tr("Back"), ImVec2(0, 0))) m_flow.go(DeskScreen::person);
  ImGui::SameLine();
  ImGui::PushFont(d.fonts.large);
  ImGui::TextUnformatted(d.tr("Reprint the badge").c_str());
  ImGui::PopFont();
  draw_name_line(d, display_name(person), d.fonts.large->FontSize, true);
  ImGui::TextUnformatted(d.tr("Why?").c_str());
  std::vector<ReasonButton> buttons;
  int chosen = -1;
  for (std::size_t i = 0; i < std::size(k_reasons); ++i) {
    buttons.push_back({fmt::format("reprint:reason:{}", to_string(k_reasons[i])), d.tr(to_string(k_reasons[i]))});
    if (f.reason == k_reasons[i]) chosen = static_cast<int>(i);
  }
  if (int pressed = reason_buttons(d, buttons, chosen, false); pressed >= 0)
    choose_reprint_reason(static_cast<std::size_t>(pressed));
  if (f.reason == ReprintReason::other) {
    text_field(d, "reprint:other", d.tr("Which reason?"), f.other_text, d.frame.width * 0.5f);
    if (trim(f.other_text).empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, k_desk_amber);
      ImGui::TextUnformatted(d.tr("Say the reason in a few words.").c_str());
      ImGui::PopStyleColor();
    }
  }
  ImGui::Spacing();
  const bool ready = f.reason != ReprintReason::other || !trim(f.other_text).empty();
  if (!ready) ImGui::BeginDisabled();
  ImGui::PushStyleColor(ImGuiCol_Button, k_desk_blue);
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
  if (d.button("reprint:print", d.tr("Print (Ctrl+P)"), ImVec2(0, px * 2)) && !s.busy) submit_reprint(s, person);
  ImGui::PopStyleColor(2);
  if (!ready) ImGui::EndDisabled();
}

void DeskScreens::person_actions(const DeskState& s, DeskDraw& d, const Attendee& person,
                                 std::string_view see_reception, bool badge_handed) {
  const float px = d.fonts.body->FontSize;
  if (m_reprint->attendee_id != person.id) {
    *m_reprint = ReprintForm{};
    m_reprint->attendee_id = person.id;
    if (m_focus == "person:see_reception") m_focus.clear();
  }
  if (d.button("person:correct", d.tr("Correct the record"), ImVec2(0, px * 1.8f))) m_flow.go(DeskScreen::correct);
  ImGui::SameLine();
  if (!badge_handed) ImGui::BeginDisabled();
  if (d.button("person:reprint", d.tr("Reprint for another reason…"), ImVec2(0, px * 1.8f)) && badge_handed)
    m_flow.go(DeskScreen::reprint);
  if (!badge_handed) ImGui::EndDisabled();
  ImGui::SameLine();
  if (d.button("person:vip", person.vip ? d.tr("Remove VIP") : d.tr("Mark VIP"), ImVec2(0, px * 1.8f)) && !s.busy) {
    AttendeeChanges c;
    c.vip = !person.vip;
    m_flow.request(DeskAction{.kind = DeskActionKind::correct, .attendee_id = person.id, .day = m_today, .changes = c});
  }
  // "See reception": the kiosk checks them in but sends them here instead of printing.
  text_field(d, "person:see_reception", d.tr("See reception"), m_reprint->see_reception, d.frame.width * 0.35f);
  ImGui::SameLine();
  if (d.button("person:see_reception:set", d.tr("Send to reception"), ImVec2(0, 0)) && !s.busy) {
    AttendeeChanges c;
    c.see_reception = m_reprint->see_reception;
    if (trim(m_reprint->see_reception).empty()) {
      m_focus = "person:see_reception";
    } else {
      m_flow.request(DeskAction{.kind = DeskActionKind::correct, .attendee_id = person.id, .day = m_today, .changes = c});
      m_reprint->see_reception.clear();
      m_focus.clear();
    }
  }
  if (!see_reception.empty()) {
    ImGui::SameLine();
    if (d.button("person:see_reception:clear", d.tr("Clear"), ImVec2(0, 0)) && !s.busy) {
      AttendeeChanges c;
      c.see_reception = "";
      m_flow.request(DeskAction{.kind = DeskActionKind::correct, .attendee_id = person.id, .day = m_today, .changes = c});
    }
  }
}

}  // namespace accueil::kiosk
