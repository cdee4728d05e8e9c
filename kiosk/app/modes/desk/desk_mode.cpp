#include "kiosk/app/modes/desk/desk_mode.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <limits>

#include <fmt/core.h>
#include <fmt/std.h>

#include "kiosk/app/modes/desk/print_progress.hpp"
#include "kiosk/app/modes/desk/printers_view.hpp"
#include "kiosk/app/modes/desk/desk_screens.hpp"
#include "kiosk/app/modes/desk/person_history.hpp"
#include "kiosk/app/shell/trace.hpp"
#include "kiosk/app/shell/ui_queue.hpp"
#include "kiosk/app/shell/worker.hpp"
#include "kiosk/app/ui/onscreen_keyboard.hpp"
#include "printer/queue/request_store.hpp"
#include "shared/flow/desk_flow.hpp"
#include "shared/store/desk.hpp"
#include "shared/store/staff.hpp"
#include "shared/store/store.hpp"
#include "shared/base/files.hpp"
#include "shared/text/catalog.hpp"
#include "shared/text/countries.hpp"

namespace accueil::kiosk {

namespace {

// The attendee on the person screen, as the store worker read it.
struct PersonView {
  Attendee attendee;
  std::vector<CheckinEvent> log;
  std::string see_reception;
  int badge = 1;
};

class Desk final : public DeskMode {
public:
  Desk(KioskConfig c, const Clock& clk) : config(std::move(c)), clock(clk) {}
  ~Desk() override {
    screens.reset();
    store_worker.reset();
    index_worker.reset();
    printers.reset();
  }

  void start(const ShellServices& services) override {
    shell.emplace(services);
    DeskOptions options;
    options.terminal = terminal;
    options.on_kiosk = on_kiosk;
    flow = std::make_unique<DeskFlow>(options, clock, nullptr);
    store_worker = std::make_unique<Worker<Store>>([path = config.store] { return Store::open(path); }, shell->ui,
                                                   [](Error e) { fmt::print(stderr, "accueil: {}\n", e.message); });
    index_worker = std::make_unique<Worker<Store>>([path = config.store] { return Store::open(path); }, shell->ui,
                                                   [](Error e) { fmt::print(stderr, "accueil: {}\n", e.message); });
    // On a kiosk the wider index waits until staff come (it is the whole list, once more).
    if (!on_kiosk) reload_index();
    printers = std::make_unique<DeskPrinters>(config, event, language, *shell, *store_worker);
    // On a kiosk, the kiosk runs the print queue (and must: its attendees' badges).
    if (!on_kiosk) printers->start();
    screens = std::make_unique<DeskScreens>(*flow, event, *shell, *store_worker,
                                            [this](std::string_view category) { return config.template_for(category); });
  }

  void on_scan(const std::string& code) override {
    // A badge or ticket scanned at the desk: look the person up by its code.
    if (!flow->unlocked()) return;
    flow->set_query(code.substr(0, code.find('#')));
  }

  void on_key_with(SDL_Scancode key, KeyMods with) override {
    mods = with;
    on_key(key);
    mods.reset();
  }

  void on_key(SDL_Scancode key) override {
    const KeyMods held = mods.value_or(mods_now());
    const DeskState& s = flow->state();
    if (s.screen == DeskScreen::pin) {
      if (key >= SDL_SCANCODE_1 && key <= SDL_SCANCODE_9) flow->pin_digit(static_cast<char>('1' + (key - SDL_SCANCODE_1)));
      else if (key == SDL_SCANCODE_0) flow->pin_digit('0');
      else if (key >= SDL_SCANCODE_KP_1 && key <= SDL_SCANCODE_KP_9)
        flow->pin_digit(static_cast<char>('1' + (key - SDL_SCANCODE_KP_1)));
      else if (key == SDL_SCANCODE_KP_0) flow->pin_digit('0');
      else if (key == SDL_SCANCODE_BACKSPACE) flow->pin_backspace();
      else if (key == SDL_SCANCODE_RETURN || key == SDL_SCANCODE_KP_ENTER) flow->pin_submit();
      return;
    }
    flow->touch();
    // The forms' fields, Tab, Ctrl+P and Esc (desk_screens.hpp).
    if (screens->on_key(s, key, held, person ? &person->attendee : nullptr)) return;
    // Type to search, from any staff screen: the shell hands keys over as
    // scancodes (it tells typing from a scanner's burst); the system's layout
    // says which character each one is.
    const SDL_Keycode code = SDL_GetKeyFromScancode(key);
    if (std::string typed = typed_text(key, held); s.staff && !typed.empty() && code != SDLK_TAB) {
      // Typing away from the search page starts a new search.
      set_query(s.screen == DeskScreen::find ? s.query + typed : typed);
      return;
    }
    if (s.staff && key == SDL_SCANCODE_BACKSPACE && !s.query.empty()) {
      std::string q = s.query;
      q.pop_back();
      while (!q.empty() && (static_cast<unsigned char>(q.back()) & 0xC0) == 0x80) q.pop_back();
      set_query(q);
      return;
    }
    if (s.screen == DeskScreen::find && (key == SDL_SCANCODE_RETURN || key == SDL_SCANCODE_KP_ENTER))
      pending_select = true;
    if (key == SDL_SCANCODE_DOWN) flow->highlight(s.highlighted + 1);
    if (key == SDL_SCANCODE_UP && s.highlighted > 0) flow->highlight(s.highlighted - 1);
    // Esc: back to the search; on the search, a new one.
    if (key == SDL_SCANCODE_ESCAPE && s.screen == DeskScreen::find) set_query("");
    else if (key == SDL_SCANCODE_ESCAPE) flow->go(DeskScreen::find);
  }

  void tick() override {
    flow->tick();
    apply(flow->take_effects());
    const DeskState& s = flow->state();
    const bool about_person = s.screen == DeskScreen::person || s.screen == DeskScreen::correct ||
                              s.screen == DeskScreen::reprint || s.screen == DeskScreen::undo;
    if (about_person && (!person || person->attendee.id != s.selected_id) && !loading_person) load_person();
    if (s.notice != last_notice || language != last_notice_language) {
      // In English for the logs; as the desk shows it when that is another language.
      if (!s.notice.empty() && s.notice != last_notice) shell->trace.log("notice", english(s.notice));
      if (!s.notice.empty() && language != "en") shell->trace.log("notice_shown", said(s.notice));
      last_notice = s.notice;
      last_notice_language = language;
    }
    follow_prints(s);
    if (s.screen == DeskScreen::pin && !s.staff) person.reset();
    printers->tick(s.screen == DeskScreen::reception);
    if (on_kiosk && !index_asked && s.screen != DeskScreen::self_service) {
      index_asked = true;
      if (!index) reload_index();
    }
  }

  bool draw(const Frame& screen_frame) override {
    drawn_key = screen_key();
    const DeskState& s = flow->state();
    const int today = event_day_at(event, clock.now_ms()).value_or(config.rehearsal_day.value_or(1));
    screens->reprint_printer = reprint_printer;
    screens->begin_frame(s, today);
    // The on-screen keyboard takes the bottom of the screen; the staff screen
    // gets what is left, and scrolls (with a scroll bar a finger can drag).
    if (screens->focus() != keyboard_focus) {  // a field given the keys brings a hidden keyboard back
      keyboard_focus = screens->focus();
      if (!keyboard_focus.empty()) osk.show();
    }
    const bool keyboard = keyboard_shown(s);
    Frame frame = screen_frame;  // what the staff screen has
    if (keyboard) frame.height -= osk.height(osk_layout_for(language), frame.width, frame.height);
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(frame.width, frame.height));
    ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, keyboard ? shell->fonts.body->FontSize : ImGui::GetStyle().ScrollbarSize);
    ImGui::Begin("desk", nullptr,
                 (keyboard ? ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse
                           : static_cast<int>(ImGuiWindowFlags_NoDecoration)) |
                     ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PopStyleVar();
    ImGui::PushFont(shell->fonts.body);
    bool acted = false;
    auto button = [&](std::string_view id, const std::string& label, ImVec2 size = ImVec2(0, 0)) {
      const bool pressed = ImGui::Button(fmt::format("{}##{}", label, id).c_str(), size);
      if (frame.report_widget) frame.report_widget(id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
      acted |= pressed;
      return pressed;
    };
    ImGui::PushFont(shell->fonts.large);
    ImGui::TextWrapped("%s — %s", tr("Reception desk").c_str(), event.name.c_str());
    ImGui::PopFont();
    DeskDraw dd{frame, shell->fonts, shell->names, [this](std::string_view t) { return tr(t); },
                [&](std::string_view id, const std::string& label, ImVec2 size) { return button(id, label, size); },
                language, today};
    for (const std::string& l : languages) {  // the desk's language
      ImGui::SameLine();
      if (button("lang:" + l, l == language ? "[" + l + "]" : l)) language = l;
    }
    if (s.staff) {
      ImGui::TextUnformatted(s.staff->name.c_str());
      ImGui::SameLine();
      if (button("lock", tr("Lock"))) flow->lock();
      ImGui::SameLine();
      if (button("printers", tr("Printers"))) flow->go(DeskScreen::reception);
    }
    // On a kiosk, leaving the app (and its full screen) takes an admin's PIN.
    if (on_kiosk) {
      if (s.staff) ImGui::SameLine();
      if (button("quit", tr("Quit the app"))) flow->request_quit();
      if (s.screen == DeskScreen::pin) {
        ImGui::SameLine();
        if (button("close", tr("Back to the kiosk"))) flow->lock();
      }
    }
    ImGui::Separator();
    switch (s.screen) {
      case DeskScreen::pin: draw_pin(s, button); break;
      case DeskScreen::person: draw_person(s, button, dd); break;
      case DeskScreen::find: draw_find(s, button, frame, dd); break;
      case DeskScreen::reception:
        if (button("back", tr("Back to search"))) flow->go(DeskScreen::find);
        printers->draw(frame, button, s.staff ? s.staff->name : std::string());
        break;
      default:
        if (!screens->draw(s, dd, person && person->attendee.id == s.selected_id ? &person->attendee : nullptr,
                           person ? person->see_reception : std::string()))
          draw_find(s, button, frame, dd);
        break;
    }
    if (!s.notice.empty()) {
      ImGui::Separator();
      const ImU32 ink = s.notice.tone == NoticeTone::refused   ? IM_COL32(200, 40, 40, 255)
                        : s.notice.tone == NoticeTone::waiting ? IM_COL32(194, 65, 12, 255)
                                                               : IM_COL32(20, 120, 40, 255);
      ImGui::PushStyleColor(ImGuiCol_Text, ink);
      ImGui::TextWrapped("%s", said(s.notice).c_str());
      ImGui::PopStyleColor();
    }
    ImGui::PopFont();
    ImGui::End();
    screens->end_frame();
    if (keyboard) acted |= draw_keyboard(screen_frame);
    return acted;
  }

  void after_frame() override {
    if (pending_select) {
      pending_select = false;
      flow->select_highlighted();
    }
    apply(flow->take_effects());
  }

  bool showing() const override { return flow->state().screen != DeskScreen::self_service; }
  void corner(bool pressed) override {
    if (pressed) flow->corner_press();
    else flow->corner_release();
  }

  std::string screen() const override { return std::string(to_string(flow->state().screen)); }
  std::string screen_key() const override {
    return "desk-" + screen() + "-" + language + (screens ? screens->shot_suffix(flow->state()) : "");
  }
  // A form with a badge preview on its way is captured once it has come; the
  // printers screen once its rows are read. A frame that changed the screen (a
  // tap) still shows the one before: the next is captured.
  bool ready_to_capture(double ms_on_screen) const override {
    if (screen_key() != drawn_key) return false;
    if (flow->state().screen == DeskScreen::reception) return printers->snapshot_at() >= monotonic_ms() - ms_on_screen;
    return !(screens && screens->animates()) || ms_on_screen > 3000;
  }
  bool animates() const override {
    return flow->state().pin_checking || flow->state().busy || (screens && screens->animates());
  }
  std::optional<std::int64_t> next_wake_ms() const override {
    auto next = flow->next_deadline_ms();
    auto wake = printers->next_wake_ms(flow->state().screen == DeskScreen::reception);
    if (!flow->state().print_requests.empty())
      wake = std::min<std::int64_t>(wake.value_or(k_print_poll_ms), k_print_poll_ms);
    if (next) wake = std::min(wake.value_or(std::numeric_limits<std::int64_t>::max()), std::max<std::int64_t>(0, *next - clock.now_ms()));
    return wake;
  }

  KioskConfig config;
  const Clock& clock;
  Event event;
  std::string terminal;
  bool on_kiosk = false;
  std::string language = "fr";
  std::vector<StaffMember> staff;
  std::vector<std::string> languages;  // the desk can be read in: the event's
  Catalogs catalogs;                   // the desk's texts, from assets/i18n

private:
  std::string tr(std::string_view english) const {
    return std::string(catalogs.translate(language, english));
  }
  // A notice in the desk's language; a printer's trouble in the printers screen's words.
  std::string said(const Notice& notice) const {
    return say(notice, [this](std::string_view id) { return tr(id); },
               [this](std::string_view problem) {
                 return std::string(printer::describe(printer::problem_from_name(problem).value_or(printer::PrinterProblem::other), language));
               });
  }

  // While the last action's badges are followed, their requests are read every k_print_poll_ms.
  static constexpr std::int64_t k_print_poll_ms = 500;
  void follow_prints(const DeskState& s) {
    if (s.print_requests.empty() || reading_prints || monotonic_ms() < next_print_poll) return;
    reading_prints = true;
    next_print_poll = monotonic_ms() + k_print_poll_ms;
    store_worker->run([this, ids = s.print_requests](Store& store) {
      auto progress = read_print_progress(store, ids);
      if (!progress) fmt::print(stderr, "accueil: the badges' print requests: {}\n", progress.error().message);
      shell->ui.post([this, ids, progress = std::move(progress)] {
        reading_prints = false;
        if (progress) flow->on_print_progress(ids, *progress);
      });
    });
  }

  // The on-screen keyboard (kiosk.toml [screen] touch_keyboard): on the
  // search, and on the other staff screens while one of their fields has the keys.
  bool keyboard_shown(const DeskState& s) const {
    const bool wanted = config.touch_keyboard == TouchKeyboard::on ||
                        (config.touch_keyboard == TouchKeyboard::automatic && on_kiosk);
    if (!wanted || !s.staff) return false;
    switch (s.screen) {
      case DeskScreen::find: return true;
      case DeskScreen::person:
      case DeskScreen::correct:
      case DeskScreen::reprint:
      case DeskScreen::undo:
      case DeskScreen::walkin:
      case DeskScreen::delegation: return screens->has_focus();
      default: return false;
    }
  }

  // Draws the keyboard at the bottom and types what was pressed where a key
  // of a physical keyboard would go. True when something was pressed.
  bool draw_keyboard(const Frame& frame) {
    const OskLabels labels{tr("Space"), tr("Erase"), tr("Enter"), tr("Shift"), tr("Hide"), tr("Keyboard")};
    const bool was_hidden = osk.hidden();
    ImGui::PushFont(shell->fonts.body);
    const OskInput pressed = osk.draw(osk_layout_for(language), labels, frame.width, frame.height, frame.report_widget);
    ImGui::PopFont();
    for (const OskPress& p : pressed) {
      shell->trace.log("osk", p.kind == OskPress::Kind::text ? "text" : p.kind == OskPress::Kind::enter ? "enter" : "erase");
      switch (p.kind) {
        case OskPress::Kind::text: type(p.text); break;
        case OskPress::Kind::backspace: on_key_with(SDL_SCANCODE_BACKSPACE, KeyMods{}); break;
        case OskPress::Kind::enter: on_key_with(SDL_SCANCODE_RETURN, KeyMods{}); break;
      }
    }
    return !pressed.empty() || osk.hidden() != was_hidden;
  }

  // Text from the on-screen keyboard: into the focused field, else the search (as typing does).
  void type(const std::string& text) {
    const DeskState& s = flow->state();
    if (!s.staff) return;
    flow->touch();
    if (screens->type_text(s, text)) return;
    set_query(s.screen == DeskScreen::find ? s.query + text : text);
  }

  template <class Button>
  void draw_pin(const DeskState& s, Button& button) {
    ImGui::PushFont(shell->fonts.large);
    ImGui::TextUnformatted(tr("Who are you?").c_str());
    ImGui::PopFont();
    for (const StaffMember& m : staff) {
      const bool chosen = m.name == s.pin_name;
      if (chosen) ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(30, 90, 170, 255));
      if (button("staff:" + m.name, m.name, ImVec2(220, 60))) flow->choose_staff(m.name);
      if (chosen) ImGui::PopStyleColor();
      ImGui::SameLine();
    }
    ImGui::NewLine();
    ImGui::PushFont(shell->fonts.large);
    ImGui::TextUnformatted(tr("PIN").c_str());
    ImGui::SameLine();
    {  // One dot per digit typed, drawn: the interface's font has no "●".
      const float h = ImGui::GetTextLineHeight(), r = 0.2f * h;
      const ImVec2 at = ImGui::GetCursorScreenPos();
      for (std::size_t i = 0; i < s.pin_digits; ++i)
        ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + r + 3.0f * r * static_cast<float>(i), at.y + 0.5f * h),
                                                    r, ImGui::GetColorU32(ImGuiCol_Text));
      ImGui::Dummy(ImVec2(3.0f * r * static_cast<float>(std::max<std::size_t>(s.pin_digits, 6)), h));
    }
    ImGui::PopFont();
    for (int row = 0; row < 4; ++row) {
      for (int col = 0; col < 3; ++col) {
        const int k = row * 3 + col;
        std::string label = k < 9 ? std::to_string(k + 1) : k == 9 ? tr("Erase") : k == 10 ? "0" : "OK";
        std::string id = k < 9 || k == 10 ? "pin:" + label : k == 9 ? "pin:back" : "pin:ok";
        if (button(id, label, ImVec2(100, 80))) {
          shell->trace.log("pin_pad", "");  // that a key was taken, never which
          if (k < 9 || k == 10) flow->pin_digit(label[0]);
          else if (k == 9) flow->pin_backspace();
          else flow->pin_submit();
        }
        if (col < 2) ImGui::SameLine();
      }
    }
    const std::int64_t now = clock.now_ms();
    const auto wait_s = (s.pin_wait_until_ms - now + 999) / 1000;
    switch (s.pin_notice) {
      case PinNotice::wrong: ImGui::TextUnformatted(tr("Wrong PIN.").c_str()); break;
      case PinNotice::wait:
        ImGui::TextUnformatted(fmt::format("{} ({} s)", tr("Wait before trying again."), wait_s).c_str());
        break;
      case PinNotice::locked:
        ImGui::TextUnformatted(fmt::format("{} ({} s)", tr("Too many wrong PINs: locked for a minute."), wait_s).c_str());
        break;
      case PinNotice::needs_admin: ImGui::TextUnformatted(tr("An admin PIN is needed.").c_str()); break;
      case PinNotice::none: break;
    }
    if (s.locked_by_idle) ImGui::TextUnformatted(tr("Locked after a while without use.").c_str());
  }

  template <class Button>
  void draw_find(const DeskState& s, Button& button, const Frame& frame, DeskDraw& dd) {
    (void)button;
    screens->find_actions(dd);
    ImGui::TextUnformatted(tr("Find anyone: name, organisation, e-mail, ticket, delegation, note").c_str());
    // The query as typed on the keyboard (on_key): type to search, Enter opens the highlighted one.
    ImGui::PushFont(shell->fonts.large);
    ImGui::TextUnformatted(fmt::format("> {}_", s.query).c_str());
    ImGui::PopFont();
    if (frame.report_widget) frame.report_widget("query", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (s.results.size() != last_result_count || s.query != last_query) {
      last_result_count = s.results.size();
      last_query = s.query;
      shell->trace.log("query", s.query);
      shell->trace.log("results", fmt::format("{}", s.results.size()));
      shell->trace.log("query", s.query);
    }
    for (std::size_t i = 0; i < s.results.size(); ++i) {
      const DeskHit& h = s.results[i];
      // Names in any script: set by Pango, as at the kiosk.
      const std::string detail = h.organisation + (h.matched.empty() ? "" : "  [" + tr(h.matched) + "]");
      if (name_button(dd, fmt::format("result:{}", i), h.name, detail, ImVec2(frame.width - 40, 44), i == s.highlighted))
        flow->select(h.attendee_id);
    }
  }

  template <class Button>
  void draw_person(const DeskState& s, Button& button, DeskDraw& dd) {
    if (button("back", tr("Back to search"))) flow->go(DeskScreen::find);
    if (!person || person->attendee.id != s.selected_id) {
      ImGui::TextUnformatted(tr("One moment…").c_str());
      return;
    }
    const Attendee& a = person->attendee;
    draw_name_line(dd, display_name(a), shell->fonts.large->FontSize, true);
    const Category* category = event.category(a.category);
    std::string facts;
    for (const std::string& part : {a.function, a.organisation, a.country.empty() ? "" : country_name(a.country, language),
                                    category ? category->label(language) : a.category})
      if (!part.empty()) facts += (facts.empty() ? "" : " · ") + part;
    draw_name_line(dd, facts, shell->fonts.body->FontSize, false);
    ImGui::TextUnformatted(fmt::format("{}: {}   {}: {}   {}: {}", tr("Ticket"), a.ticket_code, tr("E-mail"), a.email,
                                       tr("Badge"), person->badge).c_str());
    if (a.vip) ImGui::TextUnformatted("VIP");
    if (!a.staff_note.empty()) draw_name_line(dd, fmt::format("{}: {}", tr("Staff note"), a.staff_note), shell->fonts.body->FontSize, false);
    if (!person->see_reception.empty())
      draw_name_line(dd, fmt::format("{}: {}", tr("See reception"), person->see_reception), shell->fonts.body->FontSize,
                     true, 0xC2410C);
    ImGui::Separator();
    // The actions first, the history below them: a new row never moves a button.
    const int today = dd.today;
    const Presence presence = presence_in(person->log, today);
    for (int day = 1; day <= std::max(1, event.day_count()); ++day) {
      if (button(fmt::format("checkin:{}", day), fmt::format("{} {}", tr("Check in for day"), day)))
        flow->request(DeskAction{.kind = DeskActionKind::check_in, .attendee_id = a.id, .day = day,
                                 .even_if_not_registered = true});
      ImGui::SameLine();
    }
    // Nothing to undo today: the button stays in its place, disabled.
    if (!presence.today) ImGui::BeginDisabled();
    if (button("undo", tr("Undo today's check-in")) && presence.today) flow->go(DeskScreen::undo);  // why, first (undo_view.cpp)
    if (!presence.today) ImGui::EndDisabled();
    // No badge was handed over before a check-in, which prints it: no reprint until then.
    ImGui::TextUnformatted(presence.ever ? tr("Reprint the badge:").c_str()
                                         : tr("Reprint the badge: not checked in yet, the check-in prints it.").c_str());
    printers->draw_choice(button, reprint_printer);
    if (!presence.ever) ImGui::BeginDisabled();
    for (ReprintReason r : {ReprintReason::lost, ReprintReason::damaged, ReprintReason::misprint}) {
      if (button(fmt::format("reprint:{}", to_string(r)), tr(to_string(r))) && presence.ever)
        flow->request(DeskAction{.kind = DeskActionKind::reprint, .attendee_id = a.id, .day = today,
                                 .reprint_reason = r, .printer = reprint_printer});
      ImGui::SameLine();
    }
    if (!presence.ever) ImGui::EndDisabled();
    ImGui::NewLine();
    screens->person_actions(s, dd, a, person->see_reception, presence.ever);
    draw_person_history(dd, person->log, event.timezone);
  }

  void set_query(const std::string& q) { flow->set_query(q); }

  void apply(DeskEffects effects) {
    for (VerifyPinEffect& p : effects.pin_checks) {
      shell->trace.log("pin_check", p.name);  // never the PIN
      store_worker->run([this, ticket = p.ticket, name = p.name, pin = std::move(p.pin)](Store& store) mutable {
        auto check = check_staff_pin(store, terminal, name, pin, clock.now_ms());
        sodium_memzero(pin.data(), pin.size());
        shell->ui.post([this, ticket, check = std::move(check)] {
          if (check) {
            shell->trace.log("pin", std::string(to_string(check->outcome)));
            flow->on_pin_checked(ticket, *check);
          } else {
            fmt::print(stderr, "accueil: {}\n", check.error().message);
            flow->on_pin_failed(ticket);
          }
        });
      });
    }
    for (DeskActionEffect& a : effects.actions) {
      shell->trace.log("action", fmt::format("{} by {}", to_string(a.action.kind), a.operator_name));
      store_worker->run([this, a = std::move(a)](Store& store) {
        CheckinContext ctx{a.action.day, terminal, a.operator_name, clock.now_ms()};
        auto outcome = perform_desk_action(store, event, a.action, ctx);
        if (outcome && outcome->done) outcome->print_requests = queue_prints(store, *outcome);
        shell->ui.post([this, ticket = a.ticket, outcome = std::move(outcome)] {
          if (outcome && outcome->done && !outcome->to_print.empty()) printers->wake_queue();
          flow->on_action_done(ticket, outcome);
          person.reset();  // read again: the history changed
          reload_index();
        });
      });
    }
    if (effects.quit) {
      leave_maintenance_file();
      SDL_Event quit{};
      quit.type = SDL_QUIT;
      SDL_PushEvent(&quit);
    }
  }

  // An admin quits: under the appliance's units (ACCUEIL_MAINTENANCE_FILE),
  // the file says so and keeps the service from starting the app again until
  // it is removed or the machine restarts (the units' ExecCondition).
  void leave_maintenance_file() {
    const char* path = std::getenv("ACCUEIL_MAINTENANCE_FILE");
    if (!path || !*path) return;
    const DeskState& s = flow->state();
    const std::string line = fmt::format("{} quit by {}\n", local_date_time(clock.now_ms(), event.timezone),
                                         s.staff ? s.staff->name : std::string("?"));
    if (auto written = write_file(path, line); !written)
      fmt::print(stderr, "accueil: the service will start the app again: {}\n", written.error().message);
    shell->trace.log("maintenance", path);
  }

  // The badges an action asks for go into the store's print queue for the
  // desk's printer; whoever runs that queue prints them.
  std::vector<std::int64_t> queue_prints(Store& store, const DeskOutcome& outcome) {
    std::vector<std::int64_t> queued_ids;
    const std::string printer = !outcome.printer.empty() ? outcome.printer
                                : !config.printer.empty() ? config.printer
                                : config.printers.empty() ? std::string()
                                                          : config.printers.front().name;
    if (printer.empty()) return queued_ids;
    printer::RequestStore requests(store);
    for (const std::string& id : outcome.to_print) {
      printer::NewRequest r;
      r.attendee_id = id;
      r.printer = printer;
      r.reason = outcome.print_reason;
      for (const CheckinEvent& e : outcome.events)
        if (e.attendee_id == id && (e.kind == CheckinKind::reprint || e.kind == CheckinKind::checkin ||
                                    e.kind == CheckinKind::walkin))
          r.checkin_uuid = e.uuid;
      if (auto queued = requests.insert(r, clock.now_ms()); !queued)
        fmt::print(stderr, "accueil: cannot queue the badge: {}\n", queued.error().message);
      else
        queued_ids.push_back(*queued);
    }
    return queued_ids;
  }

  void load_person() {
    loading_person = true;
    store_worker->run([this, id = flow->state().selected_id](Store& store) {
      std::optional<PersonView> view;
      if (auto a = store.attendee_by_id(id); a && *a) {
        view.emplace();
        view->attendee = std::move(**a);
        view->log = store.log_of(id).value_or(std::vector<CheckinEvent>{});
        view->see_reception = see_reception_of(store, id).value_or("");
        view->badge = badge_number(store, id).value_or(1);
      }
      shell->ui.post([this, view = std::move(view)] {
        loading_person = false;
        person = std::move(view);
        if (person) shell->trace.log("person", display_name(person->attendee));
      });
    });
  }

  void reload_index() {
    index_worker->run([this](Store& store) {
      auto all = store.attendees();
      if (!all) return;
      auto built = std::make_shared<const DeskIndex>(*all);
      shell->ui.post([this, built] {
        index = built;
        flow->set_index(index.get());
        shell->trace.log("desk_index", fmt::format("{}", index->size()));
      });
    });
  }

  std::optional<ShellServices> shell;
  std::unique_ptr<DeskFlow> flow;
  std::unique_ptr<DeskScreens> screens;
  std::shared_ptr<const DeskIndex> index;
  std::optional<PersonView> person;
  bool loading_person = false;
  bool pending_select = false;
  std::optional<KeyMods> mods;  // of the key being handled, when the shell said
  std::string drawn_key;  // the screen key the last frame was drawn for
  std::size_t last_result_count = 0;
  std::string last_query;
  Notice last_notice;
  std::string last_notice_language;
  bool reading_prints = false;
  double next_print_poll = 0;  // monotonic ms
  std::unique_ptr<Worker<Store>> store_worker;
  std::unique_ptr<Worker<Store>> index_worker;
  std::unique_ptr<DeskPrinters> printers;
  std::string reprint_printer;  // where reprints print; empty: the desk's own
  bool index_asked = false;     // the index was read once staff screens showed
  OnscreenKeyboard osk;         // for touch screens without a keyboard
  std::string keyboard_focus;   // the field that had the keys at the last frame
};

}  // namespace

Result<std::unique_ptr<DeskMode>> DeskMode::load(KioskConfig config, const Clock& clock, bool on_kiosk) {
  auto desk = std::make_unique<Desk>(std::move(config), clock);
  desk->on_kiosk = on_kiosk;
  auto store = Store::open(desk->config.store);
  if (!store) return std::unexpected(store.error());
  auto event = store->event();
  if (!event) return std::unexpected(event.error());
  if (!*event) return fail(fmt::format("the store {} has no event: run accueilctl init --event FILE", desk->config.store));
  desk->event = std::move(**event);
  auto staff = staff_members(*store);
  if (!staff) return std::unexpected(staff.error());
  if (staff->empty())
    return fail(fmt::format("nobody can open the desk: add staff with accueilctl --db {} staff add NAME --role desk",
                            desk->config.store));
  desk->staff = std::move(*staff);
  desk->terminal = desk->config.kiosk_id.empty() ? "desk" : desk->config.kiosk_id;
  desk->language = !desk->config.languages.empty() ? desk->config.languages.front()
                   : desk->event.languages.empty()  ? "fr"
                                                    : desk->event.languages.front();
  desk->languages = desk->event.languages.empty() ? std::vector<std::string>{"fr", "en", "es"} : desk->event.languages;
  auto catalogs = Catalogs::load(assets_dir() / "i18n", desk->languages);
  if (!catalogs) return std::unexpected(catalogs.error());
  desk->catalogs = std::move(*catalogs);
  return std::unique_ptr<DeskMode>(std::move(desk));
}

}  // namespace accueil::kiosk
