// A mode of the app: what the window is for (the self-service kiosk today; the
// reception desk and the organiser dashboard next). The shell (shell.hpp) owns
// the window, the fonts, the frame loop, the scanners, the trace and the
// screenshots; each turn of its loop it hands the mode what came in, lets it
// advance, asks it to draw, and sleeps until the mode's next wake-up.
//
// Everything here runs on the UI thread. A mode does its slow work on Workers
// (worker.hpp) that post their results to the shell's UiQueue; those results
// run at the start of a turn, before tick().
//
// A mode that shows another for a while (a kiosk entering staff screens after
// a gesture and a PIN) owns that inner mode and forwards these calls to it:
// the shell sees one mode, and the outer one keeps its own work running.
#pragma once

#include <SDL.h>
#include <imgui.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace accueil {
class Clock;
}

namespace accueil::kiosk {

class Trace;
class UiQueue;
class TextTextures;
class CameraPreview;

struct Fonts {
  ImFont* body = nullptr;   // buttons, hints
  ImFont* large = nullptr;  // messages
  ImFont* title = nullptr;  // screen titles
};

// Where each touch target was drawn this frame ("key:a", "result:0",
// "confirm:yes"), for the end-to-end test that taps them; may be empty.
using WidgetReport = std::function<void(std::string_view id, ImVec2 min, ImVec2 max)>;

// What the shell lends a mode for its whole life; all of it outlives the mode.
struct ShellServices {
  UiQueue& ui;          // workers post their results here
  Trace& trace;         // "<ms> <what> <detail>" lines for the tests and the benchmark
  const Clock& clock;   // the event's clock (tests move it: ACCUEIL_CLOCK_OFFSET_MS)
  SDL_Renderer* renderer;
  Fonts fonts;
  TextTextures& names;  // names in any script, set by Pango
  CameraPreview* camera = nullptr;  // the camera's live picture; none without a camera
};

// One frame: an ImGui frame is open, the window is cleared afterwards and presented.
struct Frame {
  float width = 0;   // of the window, pixels
  float height = 0;
  double seconds = 0;  // since start, for animations
  WidgetReport report_widget;  // empty unless tracing
};

// The modifiers held when a key was pressed: the shell hands a person's keys
// over a moment later (it waits to tell them from a scanner's burst), when
// SDL_GetModState() may no longer say.
struct KeyMods {
  bool shift = false;
  bool ctrl = false;
  bool altgr = false;
};

class Mode {
public:
  virtual ~Mode() = default;

  // Input, in the order it came. A code read by a scanner (a keyboard wedge or
  // a serial one), and a key a person typed, already told apart from a
  // scanner's burst and read in the system's own layout. Touches and clicks go
  // to ImGui and reach the mode through draw().
  virtual void on_scan(const std::string& code) = 0;
  virtual void on_key(SDL_Scancode key) = 0;
  // The same key with the modifiers it was pressed with; by default on_key().
  virtual void on_key_with(SDL_Scancode key, KeyMods /*mods*/) { on_key(key); }

  // Once per turn of the loop, after the workers' results: time passes
  // (deadlines, periodic checks), and what that changed is set going.
  virtual void tick() = 0;

  // Draws the window's contents into the open ImGui frame. Returns whether the
  // person did something in it (the shell draws again).
  virtual bool draw(const Frame& frame) = 0;
  // After the frame is on screen: what the person asked for in it is done.
  virtual void after_frame() = 0;

  // The screen on show, for the trace ("screen welcome", "shown welcome").
  virtual std::string screen() const = 0;
  // What a screenshot of the current screen is named after: a new one is
  // taken when it changes ("refused-cancelled-fr").
  virtual std::string screen_key() const { return screen(); }
  // Whether the screen is complete enough to capture, `ms_on_screen` after it
  // came (a picture still on its way: not yet).
  virtual bool ready_to_capture(double /*ms_on_screen*/) const { return true; }
  // Whether the screen moves by itself (a spinner): the shell keeps drawing.
  virtual bool animates() const = 0;
  // Milliseconds until something happens by itself (a timeout, a check); the
  // shell sleeps no longer than that. Nothing: no deadline of the mode's.
  virtual std::optional<std::int64_t> next_wake_ms() const = 0;

  // The window was asked to close (its close button, or Alt+F4 through a
  // window manager): true lets the app end. A self-service kiosk says no (an
  // admin quits from the staff screens). SIGTERM and SIGINT always end it.
  virtual bool on_close_request() { return true; }
};

}  // namespace accueil::kiosk
