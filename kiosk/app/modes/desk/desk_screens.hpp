// The desk's forms: correct a record with its badge preview, reprint or undo
// a check-in for a reason (other + text), VIP and "see reception", register a walk-in, check
// in a delegation. Beside desk_mode.cpp (PIN, search, person page), which
// owns the flow and the store worker and hands them here.
//
// Keys reach the app as scancodes, not as ImGui text input (the shell tells a
// person's typing from a scanner's burst first), so the text fields here are
// drawn by hand: a field is focused by a tap or Tab, and on_key() types into it
// (on a touch kiosk, the on-screen keyboard's text comes through type_text()).
// Every action leaves through DeskFlow::request() with the operator.
#pragma once

#include <SDL.h>
#include <imgui.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/app/shell/mode.hpp"
#include "kiosk/app/shell/text_textures.hpp"
#include "shared/domain/model.hpp"
#include "kiosk/app/shell/worker.hpp"
#include "shared/flow/desk_flow.hpp"
#include "shared/store/store.hpp"

namespace accueil::kiosk {

struct PreviewMaker;

// What a desk screen draws with, for one frame.
struct DeskDraw {
  const Frame& frame;
  Fonts fonts;
  TextTextures& names;
  std::function<std::string(std::string_view)> tr;  // English -> the desk's language
  // An ImGui button reported under `id` for the end-to-end test.
  std::function<bool(std::string_view id, const std::string& label, ImVec2 size)> button;
  std::string language;
  int today = 1;  // the event day actions are for
};

// A name (any script) drawn by Pango where the cursor is, then a new line.
void draw_name_line(DeskDraw& d, std::string_view text, float size_px, bool bold, std::uint32_t rgb = 0x1A1A1A);
// A button whose label is a name and an organisation in any script (Pango over an empty ImGui button).
// With `person` (whose display_name is `name`), a name too long for one line
// keeps the family name whole and shortens the given names (fit_display_name).
bool name_button(DeskDraw& d, std::string_view id, std::string_view name, std::string_view detail, ImVec2 size,
                 bool highlighted, const Attendee* person = nullptr);
// The character a key types in the system's layout with `mods` ("" for none):
// letters, digits, punctuation and the Latin-1 letters of French keyboards.
std::string typed_text(SDL_Scancode key, KeyMods mods);
// The modifiers held now, for a key that came without them.
KeyMods mods_now();

struct TextInput {
  std::string* value = nullptr;
  std::string id;
};

class DeskScreens {
public:
  // `template_for`: the badge template of a category (the configuration's).
  DeskScreens(DeskFlow& flow, const Event& event, const ShellServices& shell, Worker<Store>& store,
              std::function<std::string(std::string_view)> template_for);
  ~DeskScreens();

  // Where a reprint from these screens prints (the printer chosen on the
  // person page); empty: the desk's own.
  std::string reprint_printer;

  // Around every frame of the desk: the fields drawn in it take the keys until the next.
  void begin_frame(const DeskState& s, int today);
  void end_frame() { m_inputs = std::exchange(m_inputs_drawn, {}); }
  // What a screenshot's name adds to the screen's: a state worth its own picture.
  std::string shot_suffix(const DeskState& s) const;
  // Draws the screen if it is one of these (correct, reprint, undo, walkin,
  // delegation); false otherwise. `person`: the record on the person page.
  bool draw(const DeskState& s, DeskDraw& d, const Attendee* person, std::string_view see_reception);
  // The person page's further actions (correct, reprint for another reason, VIP, see reception).
  // `badge_handed`: checked in on some day, so a reprint makes sense (else its button is disabled).
  void person_actions(const DeskState& s, DeskDraw& d, const Attendee& person, std::string_view see_reception,
                      bool badge_handed);
  // The find page's ways to the walk-in and delegation screens.
  void find_actions(DeskDraw& d);
  // A key on a staff screen: typed into the focused field, Tab, Enter,
  // Ctrl+P (print), Esc (back); on the reprint and undo screens, a reason's
  // number picks it, and Enter undoes once a reason is chosen. True when used here.
  bool on_key(const DeskState& s, SDL_Scancode key, KeyMods mods, const Attendee* person);
  // Whether a field has the keys (the on-screen keyboard shows for it).
  bool has_focus() const { return !m_focus.empty(); }
  const std::string& focus() const { return m_focus; }
  // Text from the on-screen keyboard, typed into the focused field; false
  // when no field drawn in the last frame has the focus (the search takes it).
  bool type_text(const DeskState& s, std::string_view text);
  // The form screens keep a badge preview coming.
  bool animates() const { return m_preview_busy; }

private:
  struct CorrectForm;
  struct WalkinForm;
  struct DelegationForm;
  struct ReprintForm;
  struct UndoForm;

  bool text_field(DeskDraw& d, std::string_view id, const std::string& label, std::string& value, float width);
  bool country_picker(DeskDraw& d, std::string_view id, std::string& code, std::string& typed);
  void category_picker(DeskDraw& d, std::string_view id, std::string& key);
  void draw_correct(const DeskState& s, DeskDraw& d, const Attendee& person);
  void draw_reprint(const DeskState& s, DeskDraw& d, const Attendee& person, std::string_view see_reception);
  void draw_undo(const DeskState& s, DeskDraw& d, const Attendee& person);
  void choose_reprint_reason(std::size_t index);  // the index-th of the list (a tap, or its number typed)
  void choose_undo_reason(std::size_t index);
  bool undo_ready() const;                         // a reason is chosen (and said, for "other")
  void draw_walkin(const DeskState& s, DeskDraw& d);
  void draw_delegation(const DeskState& s, DeskDraw& d);
  void start_correct(const Attendee& person);
  AttendeeChanges correct_changes() const;
  // A country typed but not tapped: its only match is taken; with several
  // (or none) false, and the form is not sent: staff pick from the list.
  bool settle_country(std::string& code, std::string& typed, std::string_view focus_id);
  void submit_correct(const DeskState& s, bool print);
  void submit_walkin(const DeskState& s, bool despite_duplicates);
  void submit_delegation(const DeskState& s);
  void submit_reprint(const DeskState& s, const Attendee& person);
  void submit_undo(const DeskState& s, const Attendee& person);
  void search_delegations();
  void load_members(const std::string& delegation);
  void want_preview(const Attendee& a, float height_px);

  DeskFlow& m_flow;
  const Event& m_event;
  ShellServices m_shell;
  std::function<std::string(std::string_view)> m_template_for;
  Worker<Store>& m_store;
  std::unique_ptr<Worker<PreviewMaker>> m_previews;
  std::unique_ptr<CorrectForm> m_correct;
  std::unique_ptr<WalkinForm> m_walkin;
  std::unique_ptr<DelegationForm> m_delegation;
  std::unique_ptr<ReprintForm> m_reprint;
  std::unique_ptr<UndoForm> m_undo;
  // The text fields drawn this frame, in Tab order, and the one typed into.
  std::vector<TextInput> m_inputs, m_inputs_drawn;
  std::string m_focus;
  std::string m_language = "fr";  // the desk's, as last drawn
  std::string m_focus_before;  // at the last frame: a new focus is scrolled into view
  bool m_reveal_focus = false; // the focused field is scrolled into view when next drawn
  bool m_preview_busy = false;
  int m_today = 1;
  DeskScreen m_last_screen = DeskScreen::pin;
};

}  // namespace accueil::kiosk
