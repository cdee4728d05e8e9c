#include "kiosk/app/modes/selfservice/views.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "kiosk/app/modes/selfservice/format.hpp"
#include "kiosk/app/modes/selfservice/keyboard.hpp"
#include "kiosk/app/modes/selfservice/strings.hpp"
#include "kiosk/app/shell/camera_preview.hpp"
#include "shared/domain/clock.hpp"

namespace accueil::kiosk {

namespace {

// The palette: dark text on white, one blue for actions, green for done,
// amber for what needs reception.
constexpr ImU32 k_text = IM_COL32(26, 26, 26, 255);
constexpr ImU32 k_muted = IM_COL32(90, 90, 90, 255);
constexpr std::uint32_t k_text_rgb = 0x1A1A1A;
constexpr std::uint32_t k_muted_rgb = 0x5A5A5A;
const ImVec4 k_blue(0.12f, 0.37f, 0.68f, 1);
const ImVec4 k_blue_hover(0.16f, 0.44f, 0.78f, 1);
const ImVec4 k_green(0.18f, 0.49f, 0.20f, 1);
const ImVec4 k_grey(0.86f, 0.87f, 0.89f, 1);
constexpr ImU32 k_amber = IM_COL32(194, 65, 12, 255);
constexpr ImU32 k_green_u32 = IM_COL32(46, 125, 50, 255);

class Canvas {
public:
  explicit Canvas(const ViewContext& c) : m_c(c) {}

  std::string tr(std::string_view english) const {
    return std::string(m_c.catalogs.translate(m_c.state.language, english));
  }
  float w() const { return m_c.width; }
  float h() const { return m_c.height; }
  float unit() const { return m_c.height / 100.0f; }  // layout in hundredths of the height

  // Text centred on the window, wrapped at `max_width`; returns the height used.
  float centred(ImFont* font, std::string_view text, float y, float max_width, ImU32 colour = k_text) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float size = font->FontSize;
    std::vector<std::string> lines;
    std::string line;
    std::size_t i = 0;
    while (i <= text.size()) {
      std::size_t end = text.find(' ', i);
      if (end == std::string_view::npos) end = text.size();
      std::string word(text.substr(i, end - i));
      std::string candidate = line.empty() ? word : line + " " + word;
      if (!line.empty() && font->CalcTextSizeA(size, FLT_MAX, 0, candidate.c_str()).x > max_width) {
        lines.push_back(line);
        line = word;
      } else {
        line = candidate;
      }
      i = end + 1;
    }
    if (!line.empty()) lines.push_back(line);
    float used = 0;
    for (const std::string& l : lines) {
      ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0, l.c_str());
      draw->AddText(font, size, ImVec2((w() - extent.x) / 2, y + used), colour, l.c_str());
      used += size * 1.25f;
    }
    return used;
  }

  // A name (any script) centred, as Pango sets it.
  float centred_name(std::string_view text, int size_px, bool bold, float y, float max_width,
                     std::uint32_t colour = k_text_rgb) {
    TextTexture t = m_c.names.get(text, size_px, bold, colour, static_cast<int>(max_width));
    if (!t.texture) return 0;
    ImGui::GetWindowDrawList()->AddImage(reinterpret_cast<ImTextureID>(t.texture), ImVec2((w() - t.width) / 2, y),
                                         ImVec2((w() + t.width) / 2, y + t.height));
    return static_cast<float>(t.height);
  }

  bool button(const char* id, std::string_view label, ImVec2 at, ImVec2 size, ImVec4 colour, ImFont* font) {
    ImGui::SetCursorPos(at);
    ImGui::PushStyleColor(ImGuiCol_Button, colour);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colour.x == k_blue.x ? k_blue_hover : colour);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, colour);
    const bool light = colour.x + colour.y + colour.z > 2.0f;
    ImGui::PushStyleColor(ImGuiCol_Text, light ? ImVec4(0.1f, 0.1f, 0.1f, 1) : ImVec4(1, 1, 1, 1));
    ImGui::PushFont(font);
    ImGui::PushID(id);
    const bool pressed = ImGui::Button(std::string(label).c_str(), size);
    report(id);
    ImGui::PopID();
    ImGui::PopFont();
    ImGui::PopStyleColor(4);
    return pressed;
  }

  // Notes where the last item was drawn, under `id`.
  void report(std::string_view id) const {
    if (m_c.report_widget) m_c.report_widget(id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  }

  void spinner(ImVec2 centre, float radius) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float start = static_cast<float>(std::fmod(m_c.seconds * 4.0, 2 * std::numbers::pi));
    draw->PathArcTo(centre, radius, start, start + 4.2f, 32);
    draw->PathStroke(IM_COL32(31, 95, 173, 255), 0, radius * 0.22f);
  }

  // The languages on the right; the event's name on the left unless the screen shows it already.
  void top_bar(Intents& out, bool with_event_name = true) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (with_event_name)
      draw->AddText(m_c.fonts.body, m_c.fonts.body->FontSize, ImVec2(unit() * 3, unit() * 3), k_muted,
                    m_c.event.name.c_str());
    if (m_c.languages.size() < 2) return;
    ImGui::PushFont(m_c.fonts.body);
    const float pad = unit() * 2;
    float x = w() - unit() * 3;
    for (auto it = m_c.languages.rbegin(); it != m_c.languages.rend(); ++it) {
      const std::string name = language_name(*it);
      const float bw = ImGui::CalcTextSize(name.c_str()).x + pad * 2;
      x -= bw;
      const bool current = *it == m_c.state.language;
      if (button(("language:" + *it).c_str(), name, ImVec2(x, unit() * 2), ImVec2(bw, unit() * 7), current ? k_blue : k_grey,
                 m_c.fonts.body))
        out.language = *it;
      x -= unit();
    }
    ImGui::PopFont();
  }

  const ViewContext& m_c;
};

void welcome(Canvas& s, const ViewContext& c, Intents& out) {
  s.top_bar(out, false);
  const float u = s.unit();
  // Top to bottom, each part below the last: the event's name may take two lines.
  float y = u * 13;
  y += s.centred(c.fonts.title, c.event.name, y, s.w() * 0.85f);
  y += s.centred(c.fonts.body, format_days(c.event, DaySet::all(c.event.day_count()), c.state.language) +
                                   (c.event.venue.empty() ? "" : " · " + c.event.venue),
                 y + u, s.w() * 0.85f, k_muted);
  // A QR code to point at: what to do, before any word is read. With a
  // camera, its live picture in that place: where to hold the phone.
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float side = std::min(u * 20, std::max(u * 10, u * 78 - y - u * 26));
  const float x0 = (s.w() - side) / 2, y0 = y + u * 4;
  if (!c.camera || !c.camera->draw(draw, ImVec2(x0, y0), ImVec2(x0 + side, y0 + side), u * 2, u * 0.8f)) {
    const ImU32 blue = IM_COL32(31, 95, 173, 255);
    draw->AddRect(ImVec2(x0, y0), ImVec2(x0 + side, y0 + side), blue, u * 2, 0, u * 0.8f);
    const float cell = side / 7;
    for (auto [cx, cy] : {std::pair{1, 1}, {5, 1}, {1, 5}})
      draw->AddRectFilled(ImVec2(x0 + cell * (cx - 0.5f), y0 + cell * (cy - 0.5f)),
                          ImVec2(x0 + cell * (cx + 1.5f), y0 + cell * (cy + 1.5f)), blue, u * 0.5f);
    draw->AddRectFilled(ImVec2(x0 + cell * 4, y0 + cell * 4), ImVec2(x0 + cell * 5, y0 + cell * 5), blue);
  }
  y = y0 + side + u * 3;
  y += s.centred(c.fonts.title, s.tr(text::scan_title), y, s.w() * 0.9f);
  s.centred(c.fonts.body, s.tr(text::scan_hint), y + u, s.w() * 0.9f, k_muted);

  s.centred(c.fonts.body, s.tr(text::no_qr_code), u * 81, s.w());
  const ImVec2 size(u * 44, u * 10);
  if (s.button("find", s.tr(text::find_my_name), ImVec2((s.w() - size.x) / 2, u * 87), size, k_blue, c.fonts.large))
    out.find_my_name = true;
}


// The language's on-screen keyboard, at the cursor, `kb_w` wide; what was
// typed goes to `out`.
void on_screen_keyboard(Canvas& s, const ViewContext& c, Intents& out, float kb_w) {
  const float u = s.unit();
  ImGui::PushFont(c.fonts.large);
  KeyboardInput keys = draw_keyboard(keyboard_for(c.state.language),
                                     {s.tr(text::key_space), s.tr(text::key_delete), s.tr(text::key_clear)}, kb_w, u * 6.5f,
                                     [&](std::string_view id) { s.report(id); });
  ImGui::PopFont();
  out.typed = std::move(keys.typed);
  out.backspace = keys.backspace;
  out.clear = keys.clear;
}

void find_name(Canvas& s, const ViewContext& c, Intents& out) {
  const float u = s.unit();
  if (s.button("back", "‹ " + s.tr(text::back), ImVec2(u * 3, u * 2), ImVec2(u * 22, u * 7), k_grey, c.fonts.body))
    out.back = true;
  s.centred(c.fonts.large, s.tr(text::type_your_name), u * 3, s.w() * 0.6f);

  // What was typed, in a box.
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float box_w = s.w() * 0.7f, box_x = (s.w() - box_w) / 2, box_y = u * 11;
  draw->AddRectFilled(ImVec2(box_x, box_y), ImVec2(box_x + box_w, box_y + u * 9), IM_COL32(245, 246, 248, 255), u);
  draw->AddRect(ImVec2(box_x, box_y), ImVec2(box_x + box_w, box_y + u * 9), IM_COL32(31, 95, 173, 255), u, 0, u * 0.4f);
  const std::string shown = c.state.query + "|";
  draw->AddText(c.fonts.large, c.fonts.large->FontSize, ImVec2(box_x + u * 2, box_y + (u * 9 - c.fonts.large->FontSize) / 2),
                k_text, shown.c_str());

  // The keyboard at the bottom; its size sets where the names may go.
  const float kb_w = s.w() * 0.92f;
  const KeyboardMetrics kb = keyboard_metrics(kb_w, u * 6.5f);
  const float kb_top = s.h() - kb.height - u * 3;

  // The names found, as large buttons between the box and the keyboard:
  // name and organisation only, as many rows as fit.
  float y = u * 22;
  const float row_h = u * 7.5f, row_w = s.w() * 0.8f, row_x = (s.w() - row_w) / 2;
  const std::size_t rows = static_cast<std::size_t>(std::max(1.0f, (kb_top - u * 2 - y) / row_h));
  if (c.state.results.empty())
    s.centred(c.fonts.body, s.tr(c.state.searched ? text::nobody_found : text::keep_typing), y + u * 2, row_w, k_muted);
  for (std::size_t i = 0; i < std::min(rows, c.state.results.size()); ++i) {
    const NameChoice& r = c.state.results[i];
    ImGui::SetCursorPos(ImVec2(row_x, y));
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::InvisibleButton("result", ImVec2(row_w, row_h - u))) out.pick = i;
    s.report("result:" + std::to_string(i));
    const bool hot = ImGui::IsItemHovered() || ImGui::IsItemActive();
    ImGui::PopID();
    draw->AddRectFilled(ImVec2(row_x, y), ImVec2(row_x + row_w, y + row_h - u),
                        hot ? IM_COL32(226, 236, 248, 255) : IM_COL32(245, 246, 248, 255), u);
    TextTexture name = c.names.get(r.name, static_cast<int>(u * 3.4f), true, k_text_rgb, static_cast<int>(row_w * 0.55f));
    TextTexture org = c.names.get(r.organisation, static_cast<int>(u * 2.6f), false, k_muted_rgb, static_cast<int>(row_w * 0.4f));
    if (name.texture)
      draw->AddImage(reinterpret_cast<ImTextureID>(name.texture), ImVec2(row_x + u * 2, y + (row_h - u - name.height) / 2),
                     ImVec2(row_x + u * 2 + name.width, y + (row_h - u + name.height) / 2));
    if (org.texture)
      draw->AddImage(reinterpret_cast<ImTextureID>(org.texture),
                     ImVec2(row_x + row_w - u * 2 - org.width, y + (row_h - u - org.height) / 2),
                     ImVec2(row_x + row_w - u * 2, y + (row_h - u + org.height) / 2));
    y += row_h;
  }

  ImGui::SetCursorPos(ImVec2((s.w() - kb_w) / 2, kb_top));
  on_screen_keyboard(s, c, out, kb_w);
}

void confirm(Canvas& s, const ViewContext& c, Intents& out) {
  const float u = s.unit();
  s.centred(c.fonts.title, s.tr(text::is_this_you), u * 18, s.w() * 0.9f);
  if (c.state.chosen) {
    float y = u * 34;
    y += s.centred_name(c.state.chosen->name, static_cast<int>(u * 8), true, y, s.w() * 0.85f);
    s.centred_name(c.state.chosen->organisation, static_cast<int>(u * 4.5f), false, y + u * 2, s.w() * 0.85f, k_muted_rgb);
  }
  const ImVec2 size(u * 40, u * 12);
  if (s.button("confirm:yes", s.tr(text::yes_its_me), ImVec2(s.w() / 2 - size.x - u * 2, u * 70), size, k_green, c.fonts.large))
    out.confirm = true;
  if (s.button("confirm:no", s.tr(text::no_not_me), ImVec2(s.w() / 2 + u * 2, u * 70), size, k_grey, c.fonts.large))
    out.confirm = false;
}

void checking(Canvas& s, const ViewContext& c, Intents&) {
  const float u = s.unit();
  s.spinner(ImVec2(s.w() / 2, u * 40), u * 7);
  s.centred(c.fonts.title, s.tr(text::one_moment), u * 55, s.w() * 0.9f);
}

std::string first_name_of(const KioskState& state) {
  if (!state.decision || !state.decision->attendee) return {};
  const Attendee& a = *state.decision->attendee;
  return a.first_name.empty() ? display_name(a) : a.first_name + " " + a.last_name;
}

void printing(Canvas& s, const ViewContext& c, Intents&) {
  const float u = s.unit();
  // The badge as it will print, on the left.
  const float area_w = s.w() * 0.42f, area_h = u * 80;
  if (c.badge && c.badge->texture) {
    const float scale = std::min(area_w / static_cast<float>(c.badge->width), area_h / static_cast<float>(c.badge->height));
    const float bw = static_cast<float>(c.badge->width) * scale, bh = static_cast<float>(c.badge->height) * scale;
    const float x = u * 6 + (area_w - bw) / 2, y = u * 10 + (area_h - bh) / 2;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(x + u, y + u), ImVec2(x + bw + u, y + bh + u), IM_COL32(0, 0, 0, 40), u);  // shadow
    draw->AddImage(reinterpret_cast<ImTextureID>(c.badge->texture), ImVec2(x, y), ImVec2(x + bw, y + bh));
    draw->AddRect(ImVec2(x, y), ImVec2(x + bw, y + bh), IM_COL32(200, 200, 200, 255));
  }
  // The greeting and the progress, on the right.
  const float right_x = u * 6 + area_w + u * 6, right_w = s.w() - right_x - u * 6;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const std::string greeting = fill(s.tr(text::welcome_name), {{"name", first_name_of(c.state)}});
  TextTexture g = c.names.get(greeting, static_cast<int>(u * 7), true, k_text_rgb, static_cast<int>(right_w));
  float y = u * 24;
  if (g.texture) {
    draw->AddImage(reinterpret_cast<ImTextureID>(g.texture), ImVec2(right_x, y), ImVec2(right_x + g.width, y + g.height));
    y += static_cast<float>(g.height) + u * 6;
  }
  std::string_view progress = text::print_waiting;
  if (c.state.print_stage == PrintStage::queued) progress = text::print_queued;
  if (c.state.print_stage == PrintStage::printing) progress = text::print_printing;
  if (c.state.print_stage == PrintStage::printed) progress = text::print_done;
  ImGui::SetCursorPos(ImVec2(right_x, y));
  s.spinner(ImVec2(right_x + u * 3, y + u * 3), u * 2.5f);
  ImGui::PushFont(c.fonts.large);
  ImGui::SetCursorPos(ImVec2(right_x + u * 8, y));
  ImGui::PushTextWrapPos(right_x + right_w);
  ImGui::TextUnformatted(s.tr(progress).c_str());
  if (c.state.next_scan_waiting()) {
    ImGui::PopFont();
    ImGui::PushFont(c.fonts.body);
    ImGui::SetCursorPosX(right_x);
    ImGui::Dummy(ImVec2(0, u * 4));
    ImGui::SetCursorPosX(right_x);
    ImGui::TextUnformatted(s.tr(text::next_person_waiting).c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
}

void done(Canvas& s, const ViewContext& c, Intents&) {
  const float u = s.unit();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 centre(s.w() / 2, u * 24);
  draw->AddCircleFilled(centre, u * 8, k_green_u32, 48);
  draw->AddPolyline(std::array{ImVec2(centre.x - u * 4, centre.y), ImVec2(centre.x - u, centre.y + u * 3.2f),
                               ImVec2(centre.x + u * 4.5f, centre.y - u * 3.5f)}.data(),
                    3, IM_COL32_WHITE, 0, u * 1.4f);
  float y = u * 38;
  y += s.centred_name(fill(s.tr(text::welcome_name), {{"name", first_name_of(c.state)}}), static_cast<int>(u * 7), true,
                      y, s.w() * 0.9f);
  y += u * 3;
  y += s.centred(c.fonts.large, s.tr(text::print_done), y, s.w() * 0.85f);
  auto message = c.done_message.find(c.state.language);
  if (message == c.done_message.end() && !c.languages.empty()) message = c.done_message.find(c.languages.front());
  if (message != c.done_message.end()) s.centred(c.fonts.large, message->second, y + u * 4, s.w() * 0.85f, k_muted);
  s.centred(c.fonts.title, s.tr(text::enjoy), u * 84, s.w() * 0.9f, k_green_u32);
}

void refused(Canvas& s, const ViewContext& c, Intents& out) {
  s.top_bar(out, false);  // someone who reads another language can switch
  const float u = s.unit();
  std::string_view title = text::failed_title, body = text::failed_body;
  std::vector<std::pair<std::string_view, std::string>> values;
  bool offer_search = false;
  if (c.state.by_name) {
    // Anyone can type a name: nothing about that person (arrival, days, cancellation).
    title = text::see_reception_title;
    body = text::see_reception_body;
  } else if (c.state.decision) {
    const Decision& d = *c.state.decision;
    switch (d.outcome) {
      case Outcome::already_checked_in:
        title = text::already_title;
        body = text::already_body;
        if (d.previous) {
          values.emplace_back("time", local_time(d.previous->at_ms, c.event.timezone));
          values.emplace_back("kiosk", d.previous->kiosk);
        }
        break;
      case Outcome::not_registered_today:
        title = text::not_today_title;
        body = text::not_today_body;
        values.emplace_back("days", d.attendee ? format_days(c.event, d.attendee->days, c.state.language) : "");
        break;
      case Outcome::cancelled: title = text::cancelled_title; body = text::cancelled_body; break;
      case Outcome::unknown: title = text::unknown_title; body = text::unknown_body; offer_search = true; break;
      case Outcome::invalid_signature: title = text::invalid_title; body = text::invalid_body; offer_search = true; break;
      case Outcome::other_event: title = text::other_event_title; body = text::other_event_body; break;
      case Outcome::superseded: title = text::superseded_title; body = text::superseded_body; break;
      // Checked in, but the desk asked to see them (Decision::see_reception; why is not shown here).
      case Outcome::ok: title = text::trouble_title; body = text::see_desk_body; break;
    }
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 centre(s.w() / 2, u * 20);
  draw->AddCircleFilled(centre, u * 7, k_amber, 48);
  draw->AddText(c.fonts.title, u * 10, ImVec2(centre.x - u * 1.4f, centre.y - u * 5.5f), IM_COL32_WHITE, "!");
  float y = u * 33;
  y += s.centred(c.fonts.title, s.tr(title), y, s.w() * 0.9f);
  if (!c.state.by_name && c.state.decision && c.state.decision->attendee)
    y += s.centred_name(display_name(*c.state.decision->attendee), static_cast<int>(u * 4.5f), false, y + u, s.w() * 0.8f,
                        k_muted_rgb) + u;
  s.centred(c.fonts.large, fill(s.tr(body), values), y + u * 3, s.w() * 0.8f);
  const ImVec2 size(u * 30, u * 11);
  if (offer_search) {
    if (s.button("ok", s.tr(text::ok), ImVec2(s.w() / 2 - size.x - u * 2, u * 80), size, k_grey, c.fonts.large)) out.back = true;
    if (s.button("find", s.tr(text::find_my_name), ImVec2(s.w() / 2 + u * 2, u * 80), ImVec2(u * 40, u * 11), k_blue,
                 c.fonts.large))
      out.find_my_name = true;
  } else if (s.button("ok", s.tr(text::ok), ImVec2((s.w() - size.x) / 2, u * 80), size, k_blue, c.fonts.large)) {
    out.back = true;
  }
}

void printer_trouble(Canvas& s, const ViewContext& c, Intents& out) {
  s.top_bar(out, false);
  const float u = s.unit();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddCircleFilled(ImVec2(s.w() / 2, u * 22), u * 8, k_green_u32, 48);
  const ImVec2 centre(s.w() / 2, u * 22);
  draw->AddPolyline(std::array{ImVec2(centre.x - u * 4, centre.y), ImVec2(centre.x - u, centre.y + u * 3.2f),
                               ImVec2(centre.x + u * 4.5f, centre.y - u * 3.5f)}.data(),
                    3, IM_COL32_WHITE, 0, u * 1.4f);
  float y = u * 36;
  y += s.centred(c.fonts.title, s.tr(text::trouble_title), y, s.w() * 0.9f);
  s.centred(c.fonts.large, s.tr(text::trouble_body), y + u * 4, s.w() * 0.8f);
  const ImVec2 size(u * 30, u * 11);
  if (s.button("ok", s.tr(text::ok), ImVec2((s.w() - size.x) / 2, u * 78), size, k_blue, c.fonts.large)) out.back = true;
}

void out_of_order(Canvas& s, const ViewContext& c, Intents&) {
  const float u = s.unit();
  // Nobody chose a language: say it in all of them.
  float y = u * 20;
  for (const std::string& lang : c.languages) {
    const auto title = c.catalogs.translate(lang, text::out_of_order_title);
    const auto body = c.catalogs.translate(lang, text::out_of_order_body);
    const bool first = &lang == &c.languages.front();
    y += s.centred(first ? c.fonts.title : c.fonts.large, title, y, s.w() * 0.9f, first ? k_amber : k_text);
    y += s.centred(first ? c.fonts.large : c.fonts.body, body, y + u, s.w() * 0.9f, k_muted) + u * 6;
  }
  // Someone scanned anyway: they are answered, in the screen's language.
  if (c.state.bounced_until_ms)
    s.centred(c.fonts.large, s.tr(text::out_of_order_scanned), std::max(y, u * 70), s.w() * 0.85f, k_amber);
}

// After "find my name", when the event asks: the first letters of their
// e-mail or organisation, on the same keyboard.
void verify(Canvas& s, const ViewContext& c, Intents& out) {
  const float u = s.unit();
  if (s.button("back", "‹ " + s.tr(text::back), ImVec2(u * 3, u * 2), ImVec2(u * 22, u * 7), k_grey, c.fonts.body))
    out.back = true;
  const NameSearchRules& rules = c.event.name_search;
  const std::string_view ask =
      rules.check == NameSearchRules::Check::organisation ? text::verify_organisation : text::verify_email;
  s.centred(c.fonts.large, fill(s.tr(ask), {{"count", std::to_string(rules.check_letters)}}), u * 3, s.w() * 0.6f);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float box_w = s.w() * 0.4f, box_x = (s.w() - box_w) / 2, box_y = u * 16;
  draw->AddRectFilled(ImVec2(box_x, box_y), ImVec2(box_x + box_w, box_y + u * 9), IM_COL32(245, 246, 248, 255), u);
  draw->AddRect(ImVec2(box_x, box_y), ImVec2(box_x + box_w, box_y + u * 9), IM_COL32(31, 95, 173, 255), u, 0, u * 0.4f);
  const std::string shown = c.state.answer + "|";
  draw->AddText(c.fonts.large, c.fonts.large->FontSize, ImVec2(box_x + u * 2, box_y + (u * 9 - c.fonts.large->FontSize) / 2),
                k_text, shown.c_str());
  if (c.state.wrong_answer) s.centred(c.fonts.body, s.tr(text::verify_wrong), u * 27, s.w() * 0.8f, k_amber);
  const ImVec2 size(u * 36, u * 9);
  if (s.button("verify:ok", s.tr(text::verify_continue), ImVec2((s.w() - size.x) / 2, u * 32), size, k_green,
               c.fonts.large))
    out.submit_answer = true;
  const float kb_w = s.w() * 0.92f;
  const KeyboardMetrics kb = keyboard_metrics(kb_w, u * 6.5f);
  ImGui::SetCursorPos(ImVec2((s.w() - kb_w) / 2, s.h() - kb.height - u * 3));
  on_screen_keyboard(s, c, out, kb_w);
}

// No check-in today: when it opens, in every language (nobody chose one).
void closed(Canvas& s, const ViewContext& c, Intents&) {
  const float u = s.unit();
  float y = u * 12;
  y += s.centred(c.fonts.title, c.event.name, y, s.w() * 0.85f) + u * 4;
  for (const std::string& lang : c.languages) {
    const bool first = &lang == &c.languages.front();
    auto tr = [&](std::string_view english) { return std::string(c.catalogs.translate(lang, english)); };
    std::string body = tr(text::closed_over);
    if (c.state.next_day) {
      DaySet next;
      next.add(*c.state.next_day);
      body = fill(tr(text::closed_opens), {{"date", format_days(c.event, next, lang)}});
    }
    y += s.centred(first ? c.fonts.title : c.fonts.large, tr(text::closed_title), y, s.w() * 0.9f, first ? k_amber : k_text);
    y += s.centred(first ? c.fonts.large : c.fonts.body, body + " " + tr(text::closed_help), y + u, s.w() * 0.9f, k_muted) +
         u * 5;
  }
}

// A fixed day: said on every screen, so that nobody takes a rehearsal for the event.
void rehearsal_banner(Canvas& s, const ViewContext& c) {
  if (!c.state.rehearsal || !c.state.day) return;
  const float u = s.unit();
  const std::string label = fill(s.tr(text::rehearsal_banner), {{"day", std::to_string(*c.state.day)}});
  ImDrawList* draw = ImGui::GetForegroundDrawList();
  // An amber frame round the whole screen, and the words in a band at the bottom (below every screen's buttons).
  draw->AddRect(ImVec2(0, 0), ImVec2(s.w(), s.h()), k_amber, 0, 0, u * 1.2f);
  const float top = s.h() - u * 2.8f, size = u * 2.4f;
  draw->AddRectFilled(ImVec2(0, top), ImVec2(s.w(), s.h()), k_amber);
  const ImVec2 extent = c.fonts.title->CalcTextSizeA(size, FLT_MAX, 0, label.c_str());
  draw->AddText(c.fonts.title, size, ImVec2((s.w() - extent.x) / 2, top + (u * 2.8f - extent.y) / 2), IM_COL32_WHITE,
                label.c_str());
}

}  // namespace

bool screen_animates(const KioskState& state) {
  return state.screen == accueil::Screen::checking || state.screen == accueil::Screen::printing;
}

Intents draw_screen(const ViewContext& c) {
  Intents out;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(c.width, c.height));
  ImGui::Begin("kiosk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
  Canvas s(c);
  switch (c.state.screen) {
    case accueil::Screen::welcome: welcome(s, c, out); break;
    case accueil::Screen::find_name: find_name(s, c, out); break;
    case accueil::Screen::confirm: confirm(s, c, out); break;
    case accueil::Screen::verify: verify(s, c, out); break;
    case accueil::Screen::checking: checking(s, c, out); break;
    case accueil::Screen::printing: printing(s, c, out); break;
    case accueil::Screen::done: done(s, c, out); break;
    case accueil::Screen::refused: refused(s, c, out); break;
    case accueil::Screen::printer_trouble: printer_trouble(s, c, out); break;
    case accueil::Screen::out_of_order: out_of_order(s, c, out); break;
    case accueil::Screen::closed: closed(s, c, out); break;
  }
  rehearsal_banner(s, c);
  out.touched = ImGui::IsMouseClicked(ImGuiMouseButton_Left);
  ImGui::End();
  return out;
}

}  // namespace accueil::kiosk
