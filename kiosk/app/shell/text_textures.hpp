// Names in any script on screen: Dear ImGui's font atlas holds the Latin
// letters the interface needs, so attendees' names (Arabic, Japanese,
// Armenian, ...) are set by Pango, with fontconfig's fonts, into textures.
// Shaping is Pango's: Arabic joined and right to left, never boxes: a
// character no font draws (an emoji) is left out, as on the badge.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace accueil::kiosk {

struct TextTexture {
  SDL_Texture* texture = nullptr;  // premultiplied alpha; nullptr for empty text
  int width = 0;                   // pixels
  int height = 0;
  bool cut = false;  // ellipsized: the end of the text is not shown
};

class TextTextures {
public:
  explicit TextTextures(SDL_Renderer* renderer);
  ~TextTextures();
  TextTextures(const TextTextures&) = delete;
  TextTextures& operator=(const TextTextures&) = delete;

  // `text` set in `size_px`-pixel type, at most `max_width_px` wide (wrapped to
  // `max_lines` lines, then ellipsized; 0: one line as long as it needs). Colour is
  // 0xRRGGBB. Cached: the same arguments give the same texture until it is
  // trimmed. A texture handed out stays valid until the next begin_frame().
  TextTexture get(std::string_view text, int size_px, bool bold, std::uint32_t colour, int max_width_px = 0,
                  int max_lines = 2);
  // Before a frame is built: past a byte budget, the textures the last frame
  // did not use are destroyed (a greeting in large type is a few hundred
  // kilobytes, and a kiosk greets hundreds of people an hour). Never during a
  // frame: the frame's draw list may already point at them.
  void begin_frame();
  // Forgets every texture.
  void clear();
  // The pixels the cached textures hold, in bytes.
  std::size_t bytes() const { return m_bytes; }

private:
  struct Entry {
    TextTexture t;
    std::uint64_t used = 0;  // the last frame that asked for it
  };
  TextTexture make(std::string_view text, int size_px, bool bold, std::uint32_t colour, int max_width_px, int max_lines);

  SDL_Renderer* m_renderer;
  SDL_BlendMode m_premultiplied;
  // SDL's software renderer has no custom blend modes: textures for it are
  // made with straight alpha and blended as such.
  bool m_blends_premultiplied = true;
  std::unordered_map<std::string, Entry> m_cache;
  std::size_t m_bytes = 0;  // pixels held by the cached textures
  std::uint64_t m_frame = 0;
};

}  // namespace accueil::kiosk
