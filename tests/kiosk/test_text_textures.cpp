#include <catch2/catch.hpp>

#include <SDL.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "kiosk/app/shell/renderer.hpp"
#include "kiosk/app/shell/text_textures.hpp"

using namespace accueil::kiosk;

namespace {
// A renderer on a memory surface: no display needed.
struct SoftwareRenderer {
  SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
  SDL_Renderer* renderer = surface ? SDL_CreateSoftwareRenderer(surface) : nullptr;
  ~SoftwareRenderer() {
    if (renderer) SDL_DestroyRenderer(renderer);
    if (surface) SDL_FreeSurface(surface);
  }
};
bool alive(SDL_Texture* t) {
  int w = 0;
  return SDL_QueryTexture(t, nullptr, nullptr, &w, nullptr) == 0 && w > 0;
}
}  // namespace

TEST_CASE("over its budget, the text cache lets go of what the last frame did not show, never mid-frame", "[text]") {
  SoftwareRenderer sw;
  REQUIRE(sw.renderer);
  TextTextures names(sw.renderer);
  // Greetings in very large type: a few of them exceed the 16 MB budget.
  const std::string long_name = "Marie-Hélène Loison-Duforestel de Montpellier Méditerranée";
  names.begin_frame();
  TextTexture a = names.get(long_name + " A", 400, true, 0x1A1A1A);
  TextTexture b = names.get(long_name + " B", 400, true, 0x1A1A1A);
  TextTexture c = names.get(long_name + " C", 400, true, 0x1A1A1A);
  const std::size_t one = static_cast<std::size_t>(a.width) * static_cast<std::size_t>(a.height) * 4;
  REQUIRE(names.bytes() > 16u << 20);  // over budget within the frame...
  CHECK(alive(a.texture));             // ...and every texture of the frame still drawable
  CHECK(alive(b.texture));
  CHECK(alive(c.texture));

  names.begin_frame();  // all three were on the last frame: kept
  CHECK(names.bytes() >= 3 * one - 3 * one / 10);
  CHECK(names.get(long_name + " A", 400, true, 0x1A1A1A).texture == a.texture);  // from the cache

  names.begin_frame();  // only A was on the last frame: B and C go
  CHECK(names.bytes() == one);
  CHECK(alive(a.texture));
}

TEST_CASE("a name with a character no font draws is shown without it, as its badge prints it, not with a box",
          "[text]") {
  SoftwareRenderer sw;
  REQUIRE(sw.renderer);
  TextTextures names(sw.renderer);
  names.begin_frame();
  // U+10FFFD is a private-use character: no font draws it.
  TextTexture with = names.get("Zoé \U0010FFFD", 40, true, 0x1A1A1A);
  TextTexture without = names.get("Zoé", 40, true, 0x1A1A1A);
  REQUIRE(with.texture);
  CHECK(with.width == without.width);
  CHECK(with.height == without.height);
  // Nothing drawable at all: no texture, rather than a row of boxes.
  CHECK_FALSE(names.get("\U0010FFFD", 40, true, 0x1A1A1A).texture);
}

TEST_CASE("on SDL's software renderer, text edges blend as they do with premultiplied alpha", "[text]") {
  // White text on black and black text on white: with the right blending each
  // dot's coverage a gives 255a and 255(1-a), summing to 255 everywhere.
  // Premultiplied pixels blended as straight alpha give 255a² on black instead.
  auto draw = [](std::uint32_t text_colour, Uint8 background) {
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, 200, 60, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(surface);
    std::vector<int> grey;
    {
      TextTextures names(renderer);
      SDL_SetRenderDrawColor(renderer, background, background, background, 255);
      SDL_RenderClear(renderer);
      TextTexture t = names.get("Zoë Åsa", 40, false, text_colour);
      SDL_Rect to{0, 0, t.width, t.height};
      SDL_RenderCopy(renderer, t.texture, nullptr, &to);
      SDL_RenderPresent(renderer);
      for (int y = 0; y < surface->h; ++y)
        for (int x = 0; x < surface->w; ++x)
          grey.push_back(static_cast<int>(static_cast<const Uint32*>(surface->pixels)[y * surface->pitch / 4 + x] & 0xFF));
    }
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    return grey;
  };
  const std::vector<int> white_on_black = draw(0xFFFFFF, 0);
  const std::vector<int> black_on_white = draw(0x000000, 255);
  REQUIRE(white_on_black.size() == black_on_white.size());
  int edges = 0, worst = 0;
  for (std::size_t i = 0; i < white_on_black.size(); ++i) {
    if (white_on_black[i] > 0 && white_on_black[i] < 255) ++edges;
    worst = std::max(worst, std::abs(white_on_black[i] + black_on_white[i] - 255));
  }
  CHECK(edges > 50);   // there are anti-aliased edges to look at
  CHECK(worst <= 3);   // rounding only
}

TEST_CASE("a GPU is a render node under /dev/dri", "[renderer]") {
  const auto dir = std::filesystem::temp_directory_path() / "accueil-test-dri";
  std::filesystem::remove_all(dir);
  CHECK_FALSE(has_gpu(dir));  // no /dev/dri at all: no GPU
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "card0");  // a display controller with no renderer (e.g. simpledrm)
  CHECK_FALSE(has_gpu(dir));
  std::ofstream(dir / "renderD128");
  CHECK(has_gpu(dir));
  std::filesystem::remove_all(dir);
}
