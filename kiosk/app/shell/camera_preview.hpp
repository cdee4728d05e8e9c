// The camera's live picture on the welcome screen, so that people see where to
// hold their phone: mirrored (like a mirror, not like a photo), framed in blue,
// the frame green for a moment after a code is read. Nothing is drawn while the
// camera is off, missing or unplugged. UI thread only.
#pragma once

#include <SDL.h>
#include <imgui.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "kiosk/app/shell/qr_camera.hpp"

namespace accueil::kiosk {

class CameraPreview {
public:
  CameraPreview(SDL_Renderer* renderer, std::shared_ptr<const CameraFeed> feed);
  ~CameraPreview();
  CameraPreview(const CameraPreview&) = delete;
  CameraPreview& operator=(const CameraPreview&) = delete;

  // Fills [min, max] with the picture (its middle, mirrored) and its frame.
  // Returns false, having drawn nothing, when there is no live picture.
  bool draw(ImDrawList* draw, ImVec2 min, ImVec2 max, float rounding, float thickness);

  // For the frame loop: a frame starts; whether the last one drawn showed the
  // picture; whether what it showed is out of date (a newer frame, or gone).
  void begin_frame() { m_shown = false; }
  bool shown() const { return m_shown; }
  bool stale() const {
    return m_feed->sequence() != m_drawn_sequence || (m_drawn_sequence != 0 && !m_feed->live(steady_ms()));
  }

private:
  SDL_Renderer* m_renderer;
  std::shared_ptr<const CameraFeed> m_feed;
  SDL_Texture* m_texture = nullptr;
  int m_width = 0, m_height = 0;
  std::uint64_t m_texture_sequence = 0;  // the frame in the texture
  std::uint64_t m_drawn_sequence = 0;    // the frame last drawn; 0: none
  bool m_shown = false;
  std::vector<std::uint8_t> m_rgba;
};

}  // namespace accueil::kiosk
