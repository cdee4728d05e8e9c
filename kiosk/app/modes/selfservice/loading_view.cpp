// First start with a central list: "Loading the list of registered
// people… 12 000 / 20 000", in every language offered (nobody chose one yet),
// with a bar when the list's size is known.
#include <algorithm>
#include <cmath>
#include <string>

#include "kiosk/app/modes/selfservice/strings.hpp"
#include "kiosk/app/modes/selfservice/views.hpp"

namespace accueil::kiosk {

namespace {

constexpr ImU32 k_text = IM_COL32(26, 26, 26, 255);
constexpr ImU32 k_muted = IM_COL32(90, 90, 90, 255);
constexpr ImU32 k_track = IM_COL32(220, 222, 227, 255);
constexpr ImU32 k_blue = IM_COL32(31, 95, 173, 255);

// 12000 -> "12 000", as the French write it (and readable to everyone).
std::string grouped(std::int64_t n) {
  std::string digits = std::to_string(std::max<std::int64_t>(n, 0));
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), " ");
  return digits;
}

float centred(ImFont* font, const std::string& text, float y, float width, ImU32 colour) {
  const ImVec2 extent = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.c_str());
  ImGui::GetWindowDrawList()->AddText(font, font->FontSize, ImVec2((width - extent.x) / 2, y), colour, text.c_str());
  return font->FontSize * 1.25f;
}

}  // namespace

void draw_loading_screen(const ViewContext& c, std::int64_t done, std::int64_t total) {
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(c.width, c.height));
  ImGui::Begin("kiosk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
  const float u = c.height / 100.0f;
  float y = u * 14;
  y += centred(c.fonts.title, c.event.name, y, c.width, k_text) + u * 5;
  for (const std::string& lang : c.languages) {
    const bool first = &lang == &c.languages.front();
    y += centred(first ? c.fonts.title : c.fonts.large, std::string(c.catalogs.translate(lang, text::list_loading_title)),
                 y, c.width, k_text);
    y += centred(first ? c.fonts.large : c.fonts.body, std::string(c.catalogs.translate(lang, text::list_loading_body)),
                 y, c.width, k_muted) +
         u * 3;
  }
  // The bar, and the figures under it (total unknown: connecting).
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float bar_w = c.width * 0.5f, x = (c.width - bar_w) / 2;
  y += u * 2;
  draw->AddRectFilled(ImVec2(x, y), ImVec2(x + bar_w, y + u * 2.5f), k_track, u);
  if (total > 0) {
    const float part = std::clamp(static_cast<float>(done) / static_cast<float>(total), 0.0f, 1.0f);
    if (part > 0) draw->AddRectFilled(ImVec2(x, y), ImVec2(x + bar_w * part, y + u * 2.5f), k_blue, u);
    centred(c.fonts.large, grouped(done) + " / " + grouped(total), y + u * 4, c.width, k_text);
  } else {
    // Connecting: a block that sweeps the track.
    const float phase = static_cast<float>(std::fmod(c.seconds, 1.5) / 1.5);
    const float block = bar_w * 0.2f, at = x + (bar_w - block) * phase;
    draw->AddRectFilled(ImVec2(at, y), ImVec2(at + block, y + u * 2.5f), k_blue, u);
  }
  ImGui::End();
}

}  // namespace accueil::kiosk
