// The state of the desk's forms (desk_screens.hpp), shared by their views.
// Plain data: what staff typed and chose, and what the store worker answered.
#pragma once

#include <SDL.h>

#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/modes/desk/desk_screens.hpp"
#include "shared/domain/model.hpp"
#include "shared/store/desk.hpp"

namespace accueil::kiosk {

// Palette, as the kiosk's: dark text on white, blue for actions, amber for warnings.
inline constexpr std::uint32_t k_desk_text_rgb = 0x1A1A1A;
inline constexpr std::uint32_t k_desk_muted_rgb = 0x5A5A5A;
inline constexpr ImU32 k_desk_amber = IM_COL32(194, 65, 12, 255);
inline constexpr ImU32 k_desk_blue = IM_COL32(30, 90, 170, 255);

// A choice that is on: blue, white text, hovered or not.
inline void push_chosen() {
  ImGui::PushStyleColor(ImGuiCol_Button, k_desk_blue);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, k_desk_blue);
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
}
inline void pop_chosen() { ImGui::PopStyleColor(3); }

// Numbered reason buttons ("1. lost"), the chosen one in blue, in a row or
// one a line (long reasons); the index of the one tapped, or -1 (undo_view.cpp).
struct ReasonButton {
  std::string id;     // reported for the end-to-end test
  std::string label;  // in the desk's language
};
int reason_buttons(DeskDraw& d, const std::vector<ReasonButton>& buttons, int chosen, bool one_a_line);

struct DeskScreens::CorrectForm {
  std::string attendee_id;  // whose record the fields were filled from
  Attendee before;
  std::string first_name, last_name, organisation, function, country, category;
  std::string country_typed;
  // The badge preview: what it shows, and the record asked for since.
  SDL_Texture* preview = nullptr;
  int preview_w = 0, preview_h = 0;
  Attendee previewed;
  bool has_previewed = false;
};

struct DeskScreens::WalkinForm {
  std::string first_name, last_name, organisation, function, email;
  std::string country, country_typed, category, language;
};

struct DeskScreens::DelegationForm {
  std::string query;
  std::string searched;       // the query of the results shown
  bool searching = false;
  std::vector<std::string> found;
  std::string chosen;         // the delegation whose members are shown
  std::vector<Attendee> members;
  std::vector<char> ticked;   // per member: is here
  std::size_t head = 0;       // the member printed first
};

struct DeskScreens::ReprintForm {
  std::string attendee_id;
  ReprintReason reason = ReprintReason::lost;
  std::string other_text;
  std::string see_reception;  // the reason typed for "see reception"
};

struct DeskScreens::UndoForm {
  std::optional<UndoReason> reason;  // none until staff choose one: nothing is undone without
  std::string other_text;
};

}  // namespace accueil::kiosk
