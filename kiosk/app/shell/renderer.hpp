// Which SDL renderer draws the kiosk. With a GPU, SDL's accelerated renderer
// (OpenGL). Without one, OpenGL would be Mesa's llvmpipe: it maps LLVM and
// keeps its own buffers, ~85 MB resident for nothing a CPU-drawn frame needs
// (measured with accueil-kiosk-bench: 231 MB after 200 badges, 143 MB with
// SDL's software renderer). So on a machine with no GPU render node, the
// software renderer, presenting through X11 shared memory rather than
// through an OpenGL texture (SDL's default for software windows).
// SDL_RENDER_DRIVER, when set, still picks the renderer.
#pragma once

#include <SDL.h>

#include <filesystem>

namespace accueil::kiosk {

// Whether the machine has a GPU to draw with: a render node (renderD*) in `dri`.
bool has_gpu(const std::filesystem::path& dri = "/dev/dri");

// The window's renderer, chosen as above; nullptr with SDL_GetError() when
// none can be made.
SDL_Renderer* create_renderer(SDL_Window* window);

}  // namespace accueil::kiosk
