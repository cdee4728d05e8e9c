#include "kiosk/app/modes/selfservice/keyboard.hpp"

#include <imgui.h>

#include <algorithm>

namespace accueil::kiosk {

namespace {

const KeyboardLayout k_azerty{
    {{"a", "z", "e", "r", "t", "y", "u", "i", "o", "p"},
     {"q", "s", "d", "f", "g", "h", "j", "k", "l", "m"},
     {"w", "x", "c", "v", "b", "n", "'", "-"}},
    {"é", "è", "ê", "ë", "à", "â", "ç", "ô", "î", "ï", "ù", "û", "œ"},
};

const KeyboardLayout k_qwerty_en{
    {{"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"},
     {"a", "s", "d", "f", "g", "h", "j", "k", "l"},
     {"z", "x", "c", "v", "b", "n", "m", "'", "-"}},
    {"é", "è", "à", "ç", "ô", "ü", "ö", "ä", "ñ", "ã", "ø"},
};

const KeyboardLayout k_qwerty_es{
    {{"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"},
     {"a", "s", "d", "f", "g", "h", "j", "k", "l", "ñ"},
     {"z", "x", "c", "v", "b", "n", "m", "'", "-"}},
    {"á", "é", "í", "ó", "ú", "ü", "ç", "à", "è", "ã", "õ"},
};

// The key cap: capitals read better from a step back.
std::string cap(std::string_view key) {
  std::string s(key);
  if (s.size() == 1 && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 32);
  return s;
}

}  // namespace

const KeyboardLayout& keyboard_for(std::string_view language) {
  if (language == "fr") return k_azerty;
  if (language == "es") return k_qwerty_es;
  return k_qwerty_en;
}

KeyboardMetrics keyboard_metrics(float width, float max_key_height) {
  constexpr float widest = 13;
  constexpr float gap_ratio = 0.12f;
  KeyboardMetrics m;
  m.key_width = width / (widest + (widest - 1) * gap_ratio);
  m.gap = m.key_width * gap_ratio;
  m.key_height = std::min(max_key_height, m.key_width);
  m.height = m.key_height * 5 + m.gap * 4;
  return m;
}

KeyboardInput draw_keyboard(const KeyboardLayout& layout, const KeyboardLabels& labels, float width, float max_key_height,
                            const std::function<void(std::string_view id)>& report) {
  auto reported = [&](std::string_view id) {
    if (report) report(id);
  };
  KeyboardInput input;
  const KeyboardMetrics m = keyboard_metrics(width, max_key_height);
  const float key_width = m.key_width, key_height = m.key_height, gap = m.gap;
  const float left = ImGui::GetCursorPosX();
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));

  auto row_of_keys = [&](const std::vector<std::string_view>& keys, bool accents) {
    const float row_width = key_width * static_cast<float>(keys.size()) + gap * static_cast<float>(keys.size() - 1);
    ImGui::SetCursorPosX(left + (width - row_width) / 2);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (i > 0) ImGui::SameLine();
      ImGui::PushID(keys[i].data());
      if (accents) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.90f, 0.92f, 0.96f, 1));
      if (ImGui::Button(cap(keys[i]).c_str(), ImVec2(key_width, key_height))) input.typed += keys[i];
      reported(std::string("key:") + std::string(keys[i]));
      if (accents) ImGui::PopStyleColor();
      ImGui::PopID();
    }
  };
  for (const auto& row : layout.rows) row_of_keys(row, false);
  row_of_keys(layout.accents, true);

  // Space, delete, clear: wide keys on the last row.
  const float space_width = width * 0.5f;
  const float side_width = (width - space_width - 2 * gap) / 2;
  ImGui::SetCursorPosX(left);
  if (ImGui::Button(std::string(labels.clear).c_str(), ImVec2(side_width, key_height))) input.clear = true;
  reported("key:clear");
  ImGui::SameLine();
  if (ImGui::Button(std::string(labels.space).c_str(), ImVec2(space_width, key_height))) input.typed += ' ';
  reported("key:space");
  ImGui::SameLine();
  if (ImGui::Button(std::string(labels.erase).c_str(), ImVec2(side_width, key_height))) input.backspace = true;
  reported("key:delete");
  ImGui::PopStyleVar();
  return input;
}

}  // namespace accueil::kiosk
