// Correcting a record at the desk: name, organisation, function, country,
// category, with the badge preview redrawn as staff type; then saved (one
// correction event) and printed (a reprint "name corrected": the old badge
// stops passing).
#include <fmt/core.h>

#include "kiosk/app/modes/desk/desk_forms.hpp"
#include "shared/text/countries.hpp"

namespace accueil::kiosk {

void DeskScreens::start_correct(const Attendee& person) {
  CorrectForm& f = *m_correct;
  f.attendee_id = person.id;
  f.before = person;
  f.first_name = person.first_name;
  f.last_name = person.last_name;
  f.organisation = person.organisation;
  f.function = person.function;
  f.country = person.country;
  f.category = person.category;
  f.country_typed.clear();
  if (f.preview) SDL_DestroyTexture(f.preview);  // another person's badge
  f.preview = nullptr;
  f.has_previewed = false;
}

AttendeeChanges DeskScreens::correct_changes() const {
  const CorrectForm& f = *m_correct;
  AttendeeChanges c;
  auto changed = [](std::optional<std::string>& field, const std::string& now, const std::string& before) {
    if (now != before) field = now;
  };
  changed(c.first_name, f.first_name, f.before.first_name);
  changed(c.last_name, f.last_name, f.before.last_name);
  changed(c.organisation, f.organisation, f.before.organisation);
  changed(c.function, f.function, f.before.function);
  changed(c.country, f.country, f.before.country);
  changed(c.category, f.category, f.before.category);
  return c;
}

void DeskScreens::submit_correct(const DeskState& s, bool print) {
  if (m_correct->attendee_id != s.selected_id) return;
  if (!settle_country(m_correct->country, m_correct->country_typed, "correct:country")) return;
  m_flow.request(DeskAction{.kind = DeskActionKind::correct, .attendee_id = s.selected_id, .day = m_today,
                            .changes = correct_changes(), .print = print});
}

void DeskScreens::draw_correct(const DeskState& s, DeskDraw& d, const Attendee& person) {
  if (m_correct->attendee_id != person.id) start_correct(person);
  CorrectForm& f = *m_correct;
  const float px = d.fonts.body->FontSize;
  const float w = d.frame.width;
  if (d.button("correct:back", d.tr("Back"), ImVec2(0, 0))) m_flow.go(DeskScreen::person);
  ImGui::SameLine();
  ImGui::PushFont(d.fonts.large);
  ImGui::TextUnformatted(d.tr("Correct the record").c_str());
  ImGui::PopFont();

  ImGui::BeginChild("correct-form", ImVec2(w * 0.56f, d.frame.height * 0.68f));
  const float field_w = w * 0.56f - px * 9;
  text_field(d, "correct:first_name", d.tr("First name"), f.first_name, field_w);
  text_field(d, "correct:last_name", d.tr("Last name"), f.last_name, field_w);
  text_field(d, "correct:organisation", d.tr("Organisation"), f.organisation, field_w);
  text_field(d, "correct:function", d.tr("Function"), f.function, field_w);
  country_picker(d, "correct:country", f.country, f.country_typed);
  category_picker(d, "correct:category", f.category);
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Button, k_desk_blue);
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
  if (d.button("correct:print", d.tr("Save and print (Ctrl+P)"), ImVec2(0, px * 2)) && !s.busy) submit_correct(s, true);
  ImGui::PopStyleColor(2);
  ImGui::SameLine();
  if (d.button("correct:save", d.tr("Save without printing"), ImVec2(0, px * 2)) && !s.busy) submit_correct(s, false);
  ImGui::EndChild();

  // The badge as it will print, redrawn as the fields change.
  ImGui::SameLine();
  ImGui::BeginChild("correct-preview", ImVec2(0, d.frame.height * 0.68f));
  const Attendee after = apply_changes(f.before, correct_changes());
  const float preview_h = d.frame.height * 0.6f;
  want_preview(after, preview_h);
  if (f.preview) {
    const float scale = std::min(1.0f, preview_h / static_cast<float>(f.preview_h));
    ImGui::Image(reinterpret_cast<ImTextureID>(f.preview),
                 ImVec2(static_cast<float>(f.preview_w) * scale, static_cast<float>(f.preview_h) * scale));
  } else {
    ImGui::TextUnformatted(d.tr("One moment…").c_str());
  }
  ImGui::EndChild();
}

}  // namespace accueil::kiosk
