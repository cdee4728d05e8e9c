// Registering a walk-in: name, organisation, function, country (by name),
// category, optional e-mail, language. Someone already registered under that
// name or e-mail is shown first ("Marie Dupont, Mairie de Lyon, is already
// registered"): open their record, or register anyway. The badge prints at once.
#include <fmt/core.h>

#include "kiosk/app/modes/desk/desk_forms.hpp"
#include "shared/text/catalog.hpp"
#include "shared/text/countries.hpp"
#include "shared/text/text.hpp"

namespace accueil::kiosk {

namespace {
// A language by its own name, as language pickers show it.
std::string own_name(const std::string& code) {
  if (code == "fr") return "Français";
  if (code == "en") return "English";
  if (code == "es") return "Español";
  if (code == "pt") return "Português";
  if (code == "de") return "Deutsch";
  if (code == "it") return "Italiano";
  return code;
}
}  // namespace

void DeskScreens::submit_walkin(const DeskState& s, bool despite_duplicates) {
  (void)s;
  if (!settle_country(m_walkin->country, m_walkin->country_typed, "walkin:country")) return;
  const WalkinForm& f = *m_walkin;
  WalkIn w;
  w.first_name = std::string(trim(f.first_name));
  w.last_name = std::string(trim(f.last_name));
  w.organisation = std::string(trim(f.organisation));
  w.function = std::string(trim(f.function));
  w.country = f.country;
  w.category = f.category;
  w.email = std::string(trim(f.email));
  w.language = f.language;
  m_flow.request(DeskAction{.kind = DeskActionKind::walk_in, .day = m_today, .walkin = std::move(w),
                            .despite_duplicates = despite_duplicates});
}

void DeskScreens::draw_walkin(const DeskState& s, DeskDraw& d) {
  WalkinForm& f = *m_walkin;
  const float px = d.fonts.body->FontSize;
  const float field_w = d.frame.width * 0.5f;
  if (d.button("walkin:back", d.tr("Back to search"), ImVec2(0, 0))) m_flow.go(DeskScreen::find);
  ImGui::SameLine();
  ImGui::PushFont(d.fonts.large);
  ImGui::TextUnformatted(d.tr("Register a walk-in").c_str());
  ImGui::PopFont();
  text_field(d, "walkin:first_name", d.tr("First name"), f.first_name, field_w);
  text_field(d, "walkin:last_name", d.tr("Last name"), f.last_name, field_w);
  text_field(d, "walkin:organisation", d.tr("Organisation"), f.organisation, field_w);
  text_field(d, "walkin:function", d.tr("Function"), f.function, field_w);
  country_picker(d, "walkin:country", f.country, f.country_typed);
  category_picker(d, "walkin:category", f.category);
  text_field(d, "walkin:email", d.tr("E-mail (optional)"), f.email, field_w);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(d.tr("Language").c_str());
  ImGui::SameLine(px * 7.5f);
  for (const std::string& l : m_event.languages) {
    const bool on = l == f.language;
    if (on) push_chosen();
    if (d.button(fmt::format("walkin:language:{}", l), own_name(l), ImVec2(0, px * 1.6f)))
      f.language = l;
    if (on) pop_chosen();
    ImGui::SameLine();
  }
  ImGui::NewLine();
  ImGui::Spacing();

  // Who may be the same person: said before anything is written.
  if (!s.duplicates.empty()) {
    for (std::size_t i = 0; i < s.duplicates.size() && i < 3; ++i) {
      const Attendee& dup = s.duplicates[i];
      const std::string line =
          dup.organisation.empty()
              ? fill(d.tr("{name} is already registered."), {{"name", display_name(dup)}})
              : fill(d.tr("{name}, {organisation}, is already registered."),
                     {{"name", display_name(dup)}, {"organisation", dup.organisation}});
      draw_name_line(d, line, px, true, 0xC2410C);
      if (d.button(fmt::format("walkin:open:{}", i), d.tr("Open their record"), ImVec2(0, 0))) m_flow.select(dup.id);
    }
    if (d.button("walkin:anyway", d.tr("Not the same person: register"), ImVec2(0, px * 2)) && !s.busy)
      submit_walkin(s, true);
    ImGui::SameLine();
  }
  const bool ready = !trim(f.last_name).empty() && !f.category.empty();
  if (!ready) ImGui::BeginDisabled();
  ImGui::PushStyleColor(ImGuiCol_Button, k_desk_blue);
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
  if (d.button("walkin:register", d.tr("Register and print (Ctrl+P)"), ImVec2(0, px * 2)) && !s.busy)
    submit_walkin(s, false);
  ImGui::PopStyleColor(2);
  if (!ready) ImGui::EndDisabled();
  if (!ready) {
    ImGui::SameLine();
    ImGui::TextUnformatted(d.tr("A last name and a category are needed.").c_str());
  }
}

}  // namespace accueil::kiosk
