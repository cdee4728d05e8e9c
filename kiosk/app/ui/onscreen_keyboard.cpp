#include "kiosk/app/ui/onscreen_keyboard.hpp"

#include <utf8proc.h>

#include <algorithm>

namespace accueil::kiosk {

namespace {

using K = OskKeyKind;

constexpr OskKey t(std::string_view s) { return OskKey{K::text, s, 1}; }
// The accented letters' keys are narrower: sixteen of them fill a row of twelve.
constexpr OskKey a(std::string_view s) { return OskKey{K::text, s, 0.75f}; }

const std::vector<OskKey> k_digits{t("1"), t("2"), t("3"), t("4"), t("5"), t("6"), t("7"),
                                   t("8"), t("9"), t("0"), OskKey{K::backspace, {}, 2}};
const std::vector<OskKey> k_bottom{OskKey{K::hide, {}, 2}, OskKey{K::space, {}, 6.5f}, OskKey{K::enter, {}, 2.5f}};

// The accents of a venue in France, whatever the screen's language.
const std::vector<OskKey> k_french_accents{a("é"), a("è"), a("ê"), a("ë"), a("à"), a("â"), a("ç"), a("ô"),
                                           a("ö"), a("ù"), a("û"), a("ü"), a("ï"), a("î"), a("ñ"), a("œ")};

// Defined in order: each layout copies the rows above it.
const OskLayout k_azerty{
    "azerty",
    {k_digits,
     {t("a"), t("z"), t("e"), t("r"), t("t"), t("y"), t("u"), t("i"), t("o"), t("p"), t("-"), t("'")},
     {t("q"), t("s"), t("d"), t("f"), t("g"), t("h"), t("j"), t("k"), t("l"), t("m"), t("@"), t(".")},
     {OskKey{K::shift, {}, 2}, t("w"), t("x"), t("c"), t("v"), t("b"), t("n"), t("_")},
     k_french_accents,
     k_bottom},
};

const std::vector<OskKey> k_qwerty_rows[] = {
    {t("q"), t("w"), t("e"), t("r"), t("t"), t("y"), t("u"), t("i"), t("o"), t("p"), t("-"), t("'")},
    {t("a"), t("s"), t("d"), t("f"), t("g"), t("h"), t("j"), t("k"), t("l"), t("@"), t(".")},
    {OskKey{K::shift, {}, 2}, t("z"), t("x"), t("c"), t("v"), t("b"), t("n"), t("m"), t("_")},
};

const OskLayout k_qwerty{"qwerty", {k_digits, k_qwerty_rows[0], k_qwerty_rows[1], k_qwerty_rows[2], k_french_accents, k_bottom}};

// Spanish: its own acute vowels first, and the French ones a venue in France meets.
const OskLayout k_qwerty_es{
    "qwerty-es",
    {k_digits, k_qwerty_rows[0], k_qwerty_rows[1], k_qwerty_rows[2],
     {a("á"), a("é"), a("í"), a("ó"), a("ú"), a("ü"), a("ñ"), a("ç"), a("à"), a("è"), a("ê"), a("ë"), a("â"),
      a("ô"), a("ï"), a("î")},
     k_bottom},
};

constexpr float k_gap_ratio = 0.12f;     // of a key's width
constexpr float k_widest_row = 12.5f;    // key widths, the longest row and its margin
constexpr float k_max_width_px = 1400;   // wider screens: the keyboard stays within reach
constexpr float k_max_share = 0.42f;     // of the window's height
constexpr float k_min_key_px = 40;       // a fingertip (about 1 cm on a kiosk's screen), before the share above
constexpr float k_shown_button_rows = 1.2f;

}  // namespace

const OskLayout& osk_layout_for(std::string_view language) {
  if (language == "fr") return k_azerty;
  if (language == "es") return k_qwerty_es;
  return k_qwerty;
}

std::string osk_key_id(const OskKey& key) {
  switch (key.kind) {
    case K::space: return "osk:space";
    case K::shift: return "osk:shift";
    case K::backspace: return "osk:backspace";
    case K::enter: return "osk:enter";
    case K::hide: return "osk:hide";
    case K::text: break;
  }
  // Punctuation by name: the tests find a key by a grep of its id.
  if (key.text == "@") return "osk:at";
  if (key.text == ".") return "osk:dot";
  if (key.text == "-") return "osk:hyphen";
  if (key.text == "'") return "osk:apostrophe";
  if (key.text == "_") return "osk:underscore";
  return "osk:" + std::string(key.text);
}

std::string osk_upper(std::string_view key) {
  std::string out;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(key.data());
  const auto* end = p + key.size();
  while (p < end) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(p, end - p, &cp);
    if (n <= 0) return std::string(key);  // not UTF-8: as it is
    p += n;
    utf8proc_uint8_t buf[4];
    const auto written = utf8proc_encode_char(utf8proc_toupper(cp), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(written));
  }
  return out;
}

OskMetrics osk_metrics(const OskLayout& layout, float screen_w, float screen_h) {
  OskMetrics m;
  const float rows = static_cast<float>(layout.rows.size());
  m.width = std::min(screen_w, k_max_width_px);
  m.unit = m.width / (k_widest_row + (k_widest_row - 1) * k_gap_ratio);
  m.gap = m.unit * k_gap_ratio;
  // rows of keys, the gaps between them, and a gap above and below
  const float max_key_h = (screen_h * k_max_share - m.gap * (rows + 1)) / rows;
  m.key_height = std::max(1.0f, std::min(m.unit, std::max(max_key_h, k_min_key_px)));
  m.height = m.key_height * rows + m.gap * (rows + 1);
  return m;
}

void OnscreenKeyboard::press(const OskKey& key, OskInput& out) {
  switch (key.kind) {
    case K::text:
      out.push_back({OskPress::Kind::text, m_shift ? osk_upper(key.text) : std::string(key.text)});
      m_shift = false;  // one capital, as phones do
      break;
    case K::space: out.push_back({OskPress::Kind::text, " "}); break;
    case K::shift: m_shift = !m_shift; break;
    case K::backspace: out.push_back({OskPress::Kind::backspace, {}}); break;
    case K::enter: out.push_back({OskPress::Kind::enter, {}}); break;
    case K::hide:
      m_hidden = true;
      m_shift = false;
      break;
  }
}

float OnscreenKeyboard::height(const OskLayout& layout, float screen_w, float screen_h) const {
  const OskMetrics m = osk_metrics(layout, screen_w, screen_h);
  return m_hidden ? m.key_height * k_shown_button_rows + 2 * m.gap : m.height;
}

OskInput OnscreenKeyboard::draw(const OskLayout& layout, const OskLabels& labels, float screen_w, float screen_h,
                                const std::function<void(std::string_view, ImVec2, ImVec2)>& report) {
  OskInput input;
  const OskMetrics m = osk_metrics(layout, screen_w, screen_h);
  const float area_h = height(layout, screen_w, screen_h);
  ImGui::SetNextWindowPos(ImVec2(0, screen_h - area_h));
  ImGui::SetNextWindowSize(ImVec2(screen_w, area_h));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, m.gap));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(m.gap, m.gap));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, m.gap);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(226, 230, 236, 255));
  // A window of its own that never takes focus: the field being typed into keeps it.
  ImGui::Begin("onscreen keyboard", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollWithMouse);
  // A key of width 2 spans two keys and the gap between them.
  auto key_width = [&](const OskKey& k) { return k.width * m.unit + std::max(0.0f, k.width - 1) * m.gap; };
  auto reported = [&](const std::string& id) {
    if (report) report(id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  };
  if (m_hidden) {
    const float w = m.unit * 3;
    ImGui::SetCursorPosX(screen_w - w - m.gap);
    if (ImGui::Button((labels.show + "##osk").c_str(), ImVec2(w, m.key_height * k_shown_button_rows))) m_hidden = false;
    reported("osk:show");
  } else {
    const float left = (screen_w - m.width) / 2;
    for (const std::vector<OskKey>& row : layout.rows) {
      float row_w = -m.gap;
      for (const OskKey& k : row) row_w += key_width(k) + m.gap;
      ImGui::SetCursorPosX(left + (m.width - row_w) / 2);
      for (std::size_t i = 0; i < row.size(); ++i) {
        const OskKey& k = row[i];
        if (i > 0) ImGui::SameLine();
        std::string cap;
        switch (k.kind) {
          case K::text: cap = m_shift ? osk_upper(k.text) : std::string(k.text); break;
          case K::space: cap = labels.space; break;
          case K::shift: cap = labels.shift; break;
          case K::backspace: cap = labels.erase; break;
          case K::enter: cap = labels.enter; break;
          case K::hide: cap = labels.hide; break;
        }
        const std::string id = osk_key_id(k);
        const bool on = k.kind == K::shift && m_shift;
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(30, 90, 170, 255));
        if (on) ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
        const ImVec2 size(key_width(k), m.key_height);
        if (ImGui::Button((cap + "##" + id).c_str(), size)) press(k, input);
        if (on) ImGui::PopStyleColor(2);
        reported(id);
      }
    }
  }
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(3);
  return input;
}

}  // namespace accueil::kiosk
