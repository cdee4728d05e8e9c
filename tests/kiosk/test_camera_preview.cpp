// The camera's picture on the welcome screen, drawn by the real ImGui SDL
// renderer backend on a memory surface: mirrored, framed blue then green on a
// read, nothing at all when the camera is gone.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>

#include <memory>

#include "kiosk/app/shell/camera_preview.hpp"

using namespace accueil::kiosk;

namespace {

struct Pixel {
  int r, g, b;
};

// ImGui drawing into a 200 x 200 memory surface.
struct Screen {
  SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, 200, 200, 32, SDL_PIXELFORMAT_RGBA32);
  SDL_Renderer* renderer = surface ? SDL_CreateSoftwareRenderer(surface) : nullptr;
  Screen() {
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplSDLRenderer_Init(renderer);
  }
  ~Screen() {
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui::DestroyContext();
    if (renderer) SDL_DestroyRenderer(renderer);
    if (surface) SDL_FreeSurface(surface);
  }
  // One frame with the preview in [20, 180]²; returns what draw() said.
  bool frame(CameraPreview& preview) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(200, 200);
    io.DeltaTime = 1.0f / 60;
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui::NewFrame();
    preview.begin_frame();
    const bool drawn = preview.draw(ImGui::GetForegroundDrawList(), ImVec2(20, 20), ImVec2(180, 180), 0, 6);
    ImGui::Render();
    SDL_SetRenderDrawColor(renderer, 255, 255, 255, 255);
    SDL_RenderClear(renderer);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    SDL_RenderPresent(renderer);
    return drawn;
  }
  Pixel at(int x, int y) const {
    const auto* p = static_cast<const std::uint8_t*>(surface->pixels) + y * surface->pitch + x * 4;
    return {p[0], p[1], p[2]};
  }
};

}  // namespace

TEST_CASE("the camera's picture is drawn mirrored, its frame green after a read, and not at all once gone",
          "[camera]") {
  Screen screen;
  REQUIRE(screen.renderer);
  auto feed = std::make_shared<CameraFeed>();
  CameraPreview preview(screen.renderer, feed);

  CHECK_FALSE(screen.frame(preview));  // no frame yet: nothing
  CHECK_FALSE(preview.shown());
  CHECK(screen.at(100, 100).r == 255);

  // The camera sees dark on its left, light on its right.
  GrayFrame frame{640, 480, std::vector<std::uint8_t>(640 * 480, 0)};
  for (int y = 0; y < 480; ++y)
    for (int x = 320; x < 640; ++x) frame.pixels[static_cast<std::size_t>(y * 640 + x)] = 230;
  feed->put_frame(frame, steady_ms(), 320);
  CHECK(preview.stale());
  REQUIRE(screen.frame(preview));
  CHECK(preview.shown());
  CHECK_FALSE(preview.stale());
  // A mirror: the camera's right (light) is on the screen's left.
  CHECK(screen.at(60, 100).r > 200);
  CHECK(screen.at(140, 100).r < 30);
  const Pixel blue = screen.at(22, 100);  // the frame, 6 px wide
  CHECK(blue.b > 150);
  CHECK(blue.g < 120);

  feed->put_read(steady_ms());
  REQUIRE(screen.frame(preview));
  const Pixel green = screen.at(22, 100);
  CHECK(green.g > 100);
  CHECK(green.b < 80);
  CHECK(green.r < 80);

  feed->put_gone();  // unplugged
  CHECK(preview.stale());  // the loop draws once more...
  CHECK_FALSE(screen.frame(preview));  // ...and the picture is gone
  CHECK(screen.at(60, 100).r == 255);
  CHECK(screen.at(22, 100).b == 255);
  CHECK_FALSE(preview.stale());
}
