#include <catch2/catch.hpp>

#include <SDL.h>

#include <string>

#include "kiosk/app/text_textures.hpp"

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
