// The screens. Each draws the flow's state (shared/flow/kiosk_flow.hpp) with Dear
// ImGui and returns what the person asked for; the app applies those intents
// after the frame. Views keep no state of their own.
#pragma once

#include <SDL.h>
#include <imgui.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/shell/mode.hpp"
#include "kiosk/app/shell/text_textures.hpp"
#include "shared/text/catalog.hpp"
#include "shared/flow/kiosk_flow.hpp"
#include "shared/domain/model.hpp"

namespace accueil::kiosk {

// An image on the GPU: the badge preview.
struct Picture {
  SDL_Texture* texture = nullptr;
  int width = 0;
  int height = 0;
};

struct ViewContext {
  const KioskState& state;
  const Event& event;
  const Catalogs& catalogs;
  const std::map<std::string, std::string>& done_message;  // language -> the organiser's practical line
  const std::vector<std::string>& languages;               // offered on screen, the default first
  Fonts fonts;
  TextTextures& names;
  std::optional<Picture> badge;  // the badge being printed, when rendered
  float width = 0;               // of the window, pixels
  float height = 0;
  double seconds = 0;            // for the spinner
  WidgetReport report_widget;
  CameraPreview* camera = nullptr;  // the camera's live picture, on the welcome screen
};

struct Intents {
  std::optional<std::string> language;
  bool find_my_name = false;
  std::string typed;
  bool backspace = false;
  bool clear = false;
  std::optional<std::size_t> pick;
  std::optional<bool> confirm;
  bool submit_answer = false;
  bool back = false;
  bool touched = false;  // any press: keeps the screen alive
};

// Draws the whole window for the current screen.
Intents draw_screen(const ViewContext& context);

// First start: the central list is being loaded (loading_view.cpp).
void draw_loading_screen(const ViewContext& context, std::int64_t done, std::int64_t total);

// Whether the screen animates (a spinner), so the app keeps drawing frames.
bool screen_animates(const KioskState& state);

}  // namespace accueil::kiosk
