// Undoing today's check-in for a reason a receptionist would give (the wrong
// person, by mistake or for the wrong day, not attending after all, or
// another one said in a few words), and the numbered reason buttons it shares
// with the reprint screen. Nothing is undone until a reason is chosen; Esc or
// "Cancel" goes back to the person page and changes nothing.
#include <fmt/core.h>

#include "kiosk/app/modes/desk/desk_forms.hpp"
#include "shared/text/text.hpp"

namespace accueil::kiosk {

namespace {
constexpr UndoReason k_undo_reasons[] = {UndoReason::wrong_person, UndoReason::by_mistake, UndoReason::not_attending,
                                         UndoReason::other};
}

int reason_buttons(DeskDraw& d, const std::vector<ReasonButton>& buttons, int chosen, bool one_a_line) {
  const float px = d.fonts.body->FontSize;
  int pressed = -1;
  for (std::size_t i = 0; i < buttons.size(); ++i) {
    const bool on = static_cast<int>(i) == chosen;
    if (on) push_chosen();
    if (d.button(buttons[i].id, fmt::format("{}. {}", i + 1, buttons[i].label), ImVec2(0, px * 1.8f)))
      pressed = static_cast<int>(i);
    if (on) pop_chosen();
    if (!one_a_line) ImGui::SameLine();
  }
  if (!one_a_line) ImGui::NewLine();
  return pressed;
}

void DeskScreens::choose_undo_reason(std::size_t index) {
  if (index >= std::size(k_undo_reasons)) return;
  m_undo->reason = k_undo_reasons[index];
  if (m_undo->reason == UndoReason::other) m_focus = "undo:other";
}

bool DeskScreens::undo_ready() const {
  return m_undo->reason && (*m_undo->reason != UndoReason::other || !trim(m_undo->other_text).empty());
}

void DeskScreens::submit_undo(const DeskState& s, const Attendee& person) {
  if (person.id != s.selected_id || s.busy || !undo_ready()) return;
  m_flow.request(DeskAction{.kind = DeskActionKind::undo, .attendee_id = person.id, .day = m_today,
                            .undo_reason = m_undo->reason, .other_text = m_undo->other_text});
}

void DeskScreens::draw_undo(const DeskState& s, DeskDraw& d, const Attendee& person) {
  UndoForm& f = *m_undo;
  const float px = d.fonts.body->FontSize;
  if (d.button("undo:back", d.tr("Back"), ImVec2(0, 0))) m_flow.go(DeskScreen::person);
  ImGui::SameLine();
  ImGui::PushFont(d.fonts.large);
  ImGui::TextUnformatted(d.tr("Undo today's check-in").c_str());
  ImGui::PopFont();
  draw_name_line(d, display_name(person), d.fonts.large->FontSize, true);
  ImGui::TextUnformatted(d.tr("Why?").c_str());
  std::vector<ReasonButton> buttons;
  int chosen = -1;
  for (std::size_t i = 0; i < std::size(k_undo_reasons); ++i) {
    const UndoReason r = k_undo_reasons[i];
    buttons.push_back({fmt::format("undo:reason:{}", to_string(r)), d.tr(undo_reason_words(r))});
    if (f.reason == r) chosen = static_cast<int>(i);
  }
  if (int pressed = reason_buttons(d, buttons, chosen, true); pressed >= 0)
    choose_undo_reason(static_cast<std::size_t>(pressed));
  if (f.reason == UndoReason::other) {
    text_field(d, "undo:other", d.tr("Which reason?"), f.other_text, d.frame.width * 0.5f);
    if (trim(f.other_text).empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, k_desk_amber);
      ImGui::TextUnformatted(d.tr("Say the reason in a few words.").c_str());
      ImGui::PopStyleColor();
    }
  } else if (!f.reason) {
    ImGui::PushStyleColor(ImGuiCol_Text, k_desk_amber);
    ImGui::TextUnformatted(d.tr("Choose a reason: nothing is undone without one.").c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  const bool ready = undo_ready();
  if (!ready) ImGui::BeginDisabled();
  ImGui::PushStyleColor(ImGuiCol_Button, k_desk_blue);
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
  if (d.button("undo:confirm", d.tr("Undo the check-in (Enter)"), ImVec2(0, px * 2))) submit_undo(s, person);
  ImGui::PopStyleColor(2);
  if (!ready) ImGui::EndDisabled();
  ImGui::SameLine();
  if (d.button("undo:cancel", d.tr("Cancel (Esc)"), ImVec2(0, px * 2))) m_flow.go(DeskScreen::person);
}

}  // namespace accueil::kiosk
