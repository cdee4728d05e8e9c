// The desk's forms: what they share (text fields typed into by key, the
// country and category pickers, names drawn by Pango, the badge preview
// worker) and the keys. The screens themselves are in *_view.cpp.
#include "kiosk/app/modes/desk/desk_forms.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "kiosk/app/modes/selfservice/kiosk_mode.hpp"  // PreviewMaker: the kiosk's badge preview, reused
#include "kiosk/app/shell/trace.hpp"
#include "kiosk/app/shell/ui_queue.hpp"
#include "shared/domain/name_fit.hpp"
#include "shared/text/countries.hpp"
#include "shared/text/text.hpp"

namespace accueil::kiosk {

// --- Names in any script ----------------------------------------------------------------

void draw_name_line(DeskDraw& d, std::string_view text, float size_px, bool bold, std::uint32_t rgb) {
  const float width = std::max(1.0f, ImGui::GetContentRegionAvail().x);
  TextTexture t = d.names.get(text, static_cast<int>(size_px), bold, rgb, static_cast<int>(width));
  if (!t.texture) {
    ImGui::Dummy(ImVec2(1, size_px));
    return;
  }
  ImGui::Image(reinterpret_cast<ImTextureID>(t.texture), ImVec2(static_cast<float>(t.width), static_cast<float>(t.height)));
}

bool name_button(DeskDraw& d, std::string_view id, std::string_view name, std::string_view detail, ImVec2 size,
                 bool highlighted, const Attendee* person) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  if (highlighted) ImGui::PushStyleColor(ImGuiCol_Button, k_desk_blue);
  const bool pressed = d.button(id, "", size);
  if (highlighted) ImGui::PopStyleColor();
  const float px = d.fonts.body->FontSize;
  const float pad = px * 0.5f;
  const std::uint32_t ink = highlighted ? 0xFFFFFF : k_desk_text_rgb;
  const float name_w = detail.empty() ? size.x - 2 * pad : size.x * 0.5f - pad;
  const float detail_w = size.x * 0.48f - pad;
  // Long names and functions wrap to two lines, or to one, ellipsized, when
  // two would not fit the button's height: nothing is drawn outside it.
  auto fitted = [&](std::string_view text, float size_px, bool bold, std::uint32_t colour, float width) {
    TextTexture t = d.names.get(text, static_cast<int>(size_px), bold, colour, static_cast<int>(width));
    if (t.texture && t.height > size.y) t = d.names.get(text, static_cast<int>(size_px), bold, colour, static_cast<int>(width), 1);
    return t;
  };
  TextTexture n = fitted(name, px, true, ink, name_w);
  if (person && n.texture && n.height < d.names.get(name, static_cast<int>(px), true, ink, static_cast<int>(name_w)).height) {
    // On one line, the end is cut: let that be the given names' part, never the family name.
    const int size_px = static_cast<int>(px);
    const std::string shown = fit_display_name(*person, name_w, [&](std::string_view text) {
      return static_cast<float>(d.names.get(text, size_px, true, ink).width);
    });
    n = d.names.get(shown, size_px, true, ink, static_cast<int>(name_w), 1);
  }
  TextTexture o = fitted(detail, px * 0.85f, false, highlighted ? 0xFFFFFF : k_desk_muted_rgb, detail_w);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  auto place = [&](const TextTexture& t, float x, std::string_view part, bool drawn = true) {
    if (!t.texture) return;
    const ImVec2 min(x, at.y + (size.y - static_cast<float>(t.height)) / 2);
    const ImVec2 max(min.x + static_cast<float>(t.width), min.y + static_cast<float>(t.height));
    if (drawn) draw->AddImage(reinterpret_cast<ImTextureID>(t.texture), min, max);
    // Where the text went, for the end-to-end tests' layout checks (not a touch target).
    if (d.frame.report_widget) d.frame.report_widget(fmt::format("{}:{}", id, part), min, max);
  };
  place(n, at.x + pad, "name");
  // The family name shown whole: where the end-to-end test looks for it.
  if (person && !n.cut && !person->last_name.empty()) place(n, at.x + pad, "family", false);
  place(o, at.x + size.x * 0.52f, "detail");
  return pressed;
}

KeyMods mods_now() {
  const SDL_Keymod mod = SDL_GetModState();
  return {(mod & KMOD_SHIFT) != 0, (mod & KMOD_CTRL) != 0, (mod & (KMOD_RALT | KMOD_MODE)) != 0};
}

std::string typed_text(SDL_Scancode key, KeyMods mods) {
  if (mods.ctrl || mods.altgr) return {};
  const SDL_Keycode code = SDL_GetKeyFromScancode(key);
  const bool shift = mods.shift;
  if (code >= 0x20 && code < 0x7F) {
    char c = static_cast<char>(code);
    if (shift && c >= 'a' && c <= 'z') return std::string(1, static_cast<char>(c - 'a' + 'A'));
    // Shifted symbols as on a US keyboard (SDL names the unshifted key):
    // the e-mail's @ and the names' apostrophes and hyphens.
    if (shift) {
      static constexpr std::string_view plain = "1234567890-=[]\\;',./`", shifted = "!@#$%^&*()_+{}|:\"<>?~";
      if (auto i = plain.find(c); i != std::string_view::npos) c = shifted[i];
    }
    return std::string(1, c);
  }
  // Latin-1 letters a French keyboard has keys for (é è à ç ù).
  if (code >= 0xC0 && code <= 0xFF && code != 0xD7 && code != 0xF7) {
    char32_t cp = static_cast<char32_t>(code);
    if (shift && cp >= 0xE0 && cp <= 0xFE) cp -= 0x20;
    std::string out;
    append_utf8(out, cp);
    return out;
  }
  return {};
}

// --- The forms' common parts ------------------------------------------------------------

DeskScreens::DeskScreens(DeskFlow& flow, const Event& event, const ShellServices& shell, Worker<Store>& store,
                         std::function<std::string(std::string_view)> template_for)
    : m_flow(flow), m_event(event), m_shell(shell), m_template_for(std::move(template_for)), m_store(store),
      m_correct(std::make_unique<CorrectForm>()), m_walkin(std::make_unique<WalkinForm>()),
      m_delegation(std::make_unique<DelegationForm>()), m_reprint(std::make_unique<ReprintForm>()),
      m_undo(std::make_unique<UndoForm>()) {
  m_previews = std::make_unique<Worker<PreviewMaker>>(
      []() -> Result<PreviewMaker> {
        auto t = render::Typesetter::create();
        if (!t) return std::unexpected(t.error());
        return PreviewMaker{std::move(*t)};
      },
      m_shell.ui, [](Error e) { fmt::print(stderr, "accueil: desk badge previews: {}\n", e.message); });
}

DeskScreens::~DeskScreens() {
  m_previews.reset();
  if (m_correct->preview) SDL_DestroyTexture(m_correct->preview);
}

bool DeskScreens::text_field(DeskDraw& d, std::string_view id, const std::string& label, std::string& value,
                             float width) {
  m_inputs_drawn.push_back({&value, std::string(id)});
  const bool focused = m_focus == id;
  const float px = d.fonts.body->FontSize;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label.c_str());
  // Fields line up after the labels, unless a label (a long translation) would run under its field.
  const float column = px * 7.5f;
  if (ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().ItemSpacing.x <= column) ImGui::SameLine(column);
  else ImGui::SameLine();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 size(std::min(width, std::max(px * 4, ImGui::GetContentRegionAvail().x)), px * 1.7f);
  ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(255, 255, 255, 255));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(245, 248, 255, 255));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, IM_COL32(235, 242, 255, 255));
  const bool pressed = d.button(fmt::format("field:{}", id), "", size);
  ImGui::PopStyleColor(3);
  if (pressed) m_focus = std::string(id);
  // A field given the keys (by a tap, Tab or Enter) or typed into is kept in
  // sight: the screen may be shorter than its form (an on-screen keyboard below).
  if (focused && m_reveal_focus) {
    m_reveal_focus = false;
    const float top = ImGui::GetWindowPos().y, bottom = top + ImGui::GetWindowHeight();
    if (ImGui::GetItemRectMin().y < top || ImGui::GetItemRectMax().y > bottom) ImGui::SetScrollHereY(0.5f);
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRect(at, ImVec2(at.x + size.x, at.y + size.y), focused ? k_desk_blue : IM_COL32(150, 150, 150, 255), 4,
                0, focused ? 3.0f : 1.0f);
  // What is typed, in any script, as Pango sets it.
  TextTexture t = d.names.get(value, static_cast<int>(px), false, k_desk_text_rgb, static_cast<int>(size.x - px), 1);
  const float x = at.x + px * 0.4f;
  float caret_x = x;
  if (t.texture) {
    const float y = at.y + (size.y - t.height) / 2;
    draw->AddImage(reinterpret_cast<ImTextureID>(t.texture), ImVec2(x, y), ImVec2(x + t.width, y + t.height));
    caret_x = x + t.width + 2;
  }
  if (focused)
    draw->AddLine(ImVec2(caret_x, at.y + size.y * 0.2f), ImVec2(caret_x, at.y + size.y * 0.8f), k_desk_blue, 2);
  return pressed;
}

bool DeskScreens::country_picker(DeskDraw& d, std::string_view id, std::string& code, std::string& typed) {
  const float px = d.fonts.body->FontSize;
  text_field(d, id, d.tr("Country"), typed, px * 9);
  if (!code.empty()) {
    ImGui::SameLine();
    ImGui::TextUnformatted(fmt::format("({})", country_name(code, d.language)).c_str());
  }
  bool chosen = false;
  if (!trim(typed).empty()) {
    ImGui::Dummy(ImVec2(px * 7.2f, 1));
    ImGui::SameLine();
    const auto found = find_countries(typed, d.language, 5);
    if (found.empty()) ImGui::TextUnformatted(d.tr("No country has that name.").c_str());
    for (const std::string& c : found) {
      if (d.button(fmt::format("country:{}", c), country_name(c, d.language), ImVec2(0, px * 1.6f))) {
        code = c;
        typed.clear();
        chosen = true;
      }
      ImGui::SameLine();
    }
    ImGui::NewLine();
  }
  return chosen;
}

bool DeskScreens::settle_country(std::string& code, std::string& typed, std::string_view focus_id) {
  if (trim(typed).empty()) return true;
  const auto found = find_countries(typed, m_language, 2);
  if (found.size() != 1) {
    m_focus = std::string(focus_id);
    m_shell.trace.log("country", fmt::format("unsettled {}", found.size()));
    return false;
  }
  code = found.front();
  typed.clear();
  return true;
}

void DeskScreens::category_picker(DeskDraw& d, std::string_view id, std::string& key) {
  const float px = d.fonts.body->FontSize;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(d.tr("Category").c_str());
  ImGui::SameLine(px * 7.5f);
  float used = px * 7.5f;
  const float room = ImGui::GetContentRegionAvail().x + used;
  for (const Category& c : m_event.categories) {
    const std::string& label = c.label(d.language);
    const float w = ImGui::CalcTextSize(label.c_str()).x + px;
    if (used + w > room) {
      ImGui::NewLine();
      ImGui::Dummy(ImVec2(px * 7.2f, 1));
      ImGui::SameLine();
      used = px * 7.5f;
    }
    const bool on = c.key == key;
    if (on) push_chosen();
    if (d.button(fmt::format("{}:{}", id, c.key), label, ImVec2(w, px * 1.6f))) key = c.key;
    if (on) pop_chosen();
    ImGui::SameLine();
    used += w + ImGui::GetStyle().ItemSpacing.x;
  }
  ImGui::NewLine();
}

// --- The screens ---------------------------------------------------------------------------

std::string DeskScreens::shot_suffix(const DeskState& s) const {
  if (s.screen == DeskScreen::find && !s.results.empty()) return "-results";
  if (s.screen == DeskScreen::walkin && !s.duplicates.empty()) return "-duplicate";
  if (s.screen == DeskScreen::delegation && !m_delegation->chosen.empty()) return "-members";
  if (s.screen == DeskScreen::correct && m_correct->preview && m_correct->attendee_id == s.selected_id &&
      !m_preview_busy)
    return "-preview";
  return {};
}

void DeskScreens::begin_frame(const DeskState& s, int today) {
  m_inputs_drawn.clear();
  m_today = today;
  if (s.screen != m_last_screen) {
    // Entering a form: its first field takes the keys.
    m_focus.clear();
    if (s.screen == DeskScreen::walkin) {
      *m_walkin = WalkinForm{};
      m_walkin->language = m_event.languages.empty() ? "fr" : m_event.languages.front();
      m_focus = "walkin:first_name";
    } else if (s.screen == DeskScreen::delegation) {
      *m_delegation = DelegationForm{};  // a fresh search (one still under way is followed by the new query)
      m_focus = "delegation:query";
    } else if (s.screen == DeskScreen::correct) {
      m_correct->attendee_id.clear();
      m_focus = "correct:last_name";
    } else if (s.screen == DeskScreen::reprint) {
      *m_reprint = ReprintForm{};
    } else if (s.screen == DeskScreen::undo) {
      *m_undo = UndoForm{};  // no reason until one is chosen
    }
    m_last_screen = s.screen;
  }
  if (m_focus != m_focus_before) {
    m_focus_before = m_focus;
    m_reveal_focus = true;
  }
}

bool DeskScreens::draw(const DeskState& s, DeskDraw& d, const Attendee* person, std::string_view see_reception) {
  m_language = d.language;
  switch (s.screen) {
    case DeskScreen::correct:
      if (person) draw_correct(s, d, *person);
      return true;
    case DeskScreen::reprint:
      if (person) draw_reprint(s, d, *person, see_reception);
      return true;
    case DeskScreen::undo:
      if (person) draw_undo(s, d, *person);
      return true;
    case DeskScreen::walkin: draw_walkin(s, d); return true;
    case DeskScreen::delegation: draw_delegation(s, d); return true;
    default: return false;
  }
}

void DeskScreens::find_actions(DeskDraw& d) {
  const float px = d.fonts.body->FontSize;
  if (d.button("find:walkin", d.tr("Register a walk-in"), ImVec2(0, px * 1.8f))) m_flow.go(DeskScreen::walkin);
  ImGui::SameLine();
  if (d.button("find:delegation", d.tr("Check in a delegation"), ImVec2(0, px * 1.8f))) m_flow.go(DeskScreen::delegation);
}

bool DeskScreens::on_key(const DeskState& s, SDL_Scancode key, KeyMods mods, const Attendee* person) {
  const bool ctrl = mods.ctrl;
  auto focused = [&]() -> std::string* {
    for (const TextInput& f : m_inputs)
      if (f.id == m_focus) return f.value;
    return nullptr;
  };
  if (s.screen == DeskScreen::person) {
    if (ctrl && key == SDL_SCANCODE_P) {
      m_flow.go(DeskScreen::reprint);
      return true;
    }
    // The "see reception" field of the person page takes the keys while focused.
    if (m_focus != "person:see_reception" || !focused()) return false;
  } else if (s.screen == DeskScreen::find) {
    return false;
  } else if (s.screen != DeskScreen::correct && s.screen != DeskScreen::reprint && s.screen != DeskScreen::walkin &&
             s.screen != DeskScreen::delegation && s.screen != DeskScreen::undo) {
    return false;
  }
  const bool about_person = s.screen == DeskScreen::correct || s.screen == DeskScreen::reprint ||
                            s.screen == DeskScreen::undo || s.screen == DeskScreen::person;
  if (key == SDL_SCANCODE_ESCAPE) {
    m_focus.clear();
    if (about_person) {
      if (s.screen != DeskScreen::person) m_flow.go(DeskScreen::person);
    } else {
      m_flow.go(DeskScreen::find);
    }
    return true;
  }
  // A reason's number, while no field takes the keys.
  if ((s.screen == DeskScreen::reprint || s.screen == DeskScreen::undo) && !focused() && !ctrl &&
      key >= SDL_SCANCODE_1 && key <= SDL_SCANCODE_9) {
    const auto index = static_cast<std::size_t>(key - SDL_SCANCODE_1);
    if (s.screen == DeskScreen::reprint) choose_reprint_reason(index);
    else choose_undo_reason(index);
    return true;
  }
  if (s.screen == DeskScreen::undo && (key == SDL_SCANCODE_RETURN || key == SDL_SCANCODE_KP_ENTER)) {
    if (person) submit_undo(s, *person);
    return true;
  }
  if (ctrl && key == SDL_SCANCODE_P) {
    switch (s.screen) {
      case DeskScreen::correct: submit_correct(s, true); break;
      case DeskScreen::reprint: if (person) submit_reprint(s, *person); break;
      case DeskScreen::walkin: submit_walkin(s, false); break;
      case DeskScreen::delegation: submit_delegation(s); break;
      default: break;
    }
    return true;
  }
  if (key == SDL_SCANCODE_TAB || key == SDL_SCANCODE_RETURN || key == SDL_SCANCODE_KP_ENTER) {
    if (s.screen == DeskScreen::delegation && key != SDL_SCANCODE_TAB) {
      if (m_delegation->found.size() == 1 || (!m_delegation->found.empty() && m_delegation->chosen.empty()))
        load_members(m_delegation->found.front());
      return true;
    }
    if (m_inputs.empty()) return true;
    auto it = std::ranges::find_if(m_inputs, [&](const TextInput& f) { return f.id == m_focus; });
    const bool back = mods.shift;
    if (it == m_inputs.end()) m_focus = m_inputs.front().id;
    else if (back) m_focus = it == m_inputs.begin() ? m_inputs.back().id : std::prev(it)->id;
    else m_focus = std::next(it) == m_inputs.end() ? m_inputs.front().id : std::next(it)->id;
    return true;
  }
  std::string* value = focused();
  if (!value) return s.screen != DeskScreen::person;  // no field: keys do not jump to the search
  if (key == SDL_SCANCODE_BACKSPACE) {
    if (!value->empty()) {
      value->pop_back();
      while (!value->empty() && (static_cast<unsigned char>(value->back()) & 0xC0) == 0x80) value->pop_back();
    }
  } else if (std::string t = typed_text(key, mods); !t.empty() && value->size() < 200) {
    *value += t;
  }
  if (s.screen == DeskScreen::delegation && value == &m_delegation->query) search_delegations();
  return true;
}

bool DeskScreens::type_text(const DeskState& s, std::string_view text) {
  if (s.screen == DeskScreen::find) return false;
  auto it = std::ranges::find_if(m_inputs, [&](const TextInput& f) { return f.id == m_focus; });
  if (it == m_inputs.end() || !it->value) return false;
  if (it->value->size() + text.size() <= 200) *it->value += text;
  m_reveal_focus = true;
  if (s.screen == DeskScreen::delegation && it->value == &m_delegation->query) search_delegations();
  return true;
}

// --- The badge preview ----------------------------------------------------------------------

void DeskScreens::want_preview(const Attendee& a, float height_px) {
  if (m_preview_busy || (m_correct->has_previewed && m_correct->previewed == a)) return;
  m_preview_busy = true;
  m_correct->previewed = a;
  m_correct->has_previewed = true;
  const std::string template_id = m_template_for(a.category);
  m_previews->run([this, a, template_id, height_px](PreviewMaker& maker) {
    auto image = maker.make(m_event, a, a.ticket_code, template_id, height_px);
    if (!image) fmt::print(stderr, "accueil: desk badge preview: {}\n", image.error().message);
    std::optional<render::RgbaImage> made;
    if (image) made = std::move(*image);
    m_shell.ui.post([this, made = std::move(made), name = display_name(a)] {
      m_preview_busy = false;
      if (!made) return;
      if (m_correct->preview) SDL_DestroyTexture(m_correct->preview);
      m_correct->preview = SDL_CreateTexture(m_shell.renderer, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC,
                                             made->width, made->height);
      if (!m_correct->preview) return;
      SDL_UpdateTexture(m_correct->preview, nullptr, made->pixels.data(), made->pitch());
      SDL_SetTextureBlendMode(m_correct->preview, SDL_BLENDMODE_BLEND);
      m_correct->preview_w = made->width;
      m_correct->preview_h = made->height;
      m_shell.trace.log("desk_preview", name);
    });
  });
}

}  // namespace accueil::kiosk
