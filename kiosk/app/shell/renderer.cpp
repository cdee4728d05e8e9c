#include "kiosk/app/shell/renderer.hpp"

#include <system_error>

namespace accueil::kiosk {

bool has_gpu(const std::filesystem::path& dri) {
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dri, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().filename().string().starts_with("renderD")) return true;
  return false;
}

namespace {

SDL_Renderer* software_renderer(SDL_Window* window) {
  // SDL would otherwise show the software renderer's frames through an
  // OpenGL texture, loading llvmpipe after all.
  SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  // No vsync to wait for: SDL paces the presents at the display's rate.
  return SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE | SDL_RENDERER_PRESENTVSYNC);
}

}  // namespace

SDL_Renderer* create_renderer(SDL_Window* window) {
  const char* asked = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
  const bool software = asked && *asked ? SDL_strcasecmp(asked, "software") == 0 : !has_gpu();
  if (software) return software_renderer(window);
  if (SDL_Renderer* r = SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC)) return r;
  return software_renderer(window);
}

}  // namespace accueil::kiosk
