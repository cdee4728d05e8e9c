#include "kiosk/app/shell/camera_preview.hpp"

namespace accueil::kiosk {

CameraPreview::CameraPreview(SDL_Renderer* renderer, std::shared_ptr<const CameraFeed> feed)
    : m_renderer(renderer), m_feed(std::move(feed)) {}

CameraPreview::~CameraPreview() {
  if (m_texture) SDL_DestroyTexture(m_texture);
}

bool CameraPreview::draw(ImDrawList* draw, ImVec2 min, ImVec2 max, float rounding, float thickness) {
  const std::int64_t now = steady_ms();
  if (!m_feed->live(now)) {
    m_drawn_sequence = 0;
    return false;
  }
  if (auto snap = m_feed->take(m_texture_sequence)) {
    const GrayFrame& f = snap->preview;
    if (!m_texture || f.width != m_width || f.height != m_height) {
      if (m_texture) SDL_DestroyTexture(m_texture);
      m_texture = SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STREAMING, f.width, f.height);
      m_width = f.width;
      m_height = f.height;
    }
    if (!m_texture) return false;
    m_rgba.resize(f.pixels.size() * 4);
    for (std::size_t i = 0; i < f.pixels.size(); ++i) {
      m_rgba[i * 4] = m_rgba[i * 4 + 1] = m_rgba[i * 4 + 2] = f.pixels[i];
      m_rgba[i * 4 + 3] = 255;
    }
    SDL_UpdateTexture(m_texture, nullptr, m_rgba.data(), f.width * 4);
    m_texture_sequence = snap->sequence;
  }
  if (!m_texture || m_width <= 0 || m_height <= 0) return false;
  // The middle of the picture, at the area's proportions; u runs right to left: a mirror.
  const float area = (max.x - min.x) / std::max(1.0f, max.y - min.y);
  const float picture = static_cast<float>(m_width) / static_cast<float>(m_height);
  float du = 0, dv = 0;
  if (picture > area) du = (1 - area / picture) / 2;
  else dv = (1 - picture / area) / 2;
  draw->AddImageRounded(reinterpret_cast<ImTextureID>(m_texture), min, max, ImVec2(1 - du, dv), ImVec2(du, 1 - dv),
                        IM_COL32_WHITE, rounding);
  const bool just_read = m_feed->read_at_ms() > 0 && now - m_feed->read_at_ms() < 1500;
  draw->AddRect(min, max, just_read ? IM_COL32(46, 125, 50, 255) : IM_COL32(31, 95, 173, 255), rounding, 0,
                just_read ? thickness * 1.6f : thickness);
  m_drawn_sequence = m_texture_sequence;
  m_shown = true;
  return true;
}

}  // namespace accueil::kiosk
