// Internal to accueil_render: the GObject and Cairo handles behind a
// BadgeLayout, shared by the typesetter and the outputs. Not a public header.
#pragma once

#include <cairo.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "printer/render/badge_layout.hpp"

namespace accueil::render::detail {

// Owns one reference to a GObject.
template <class T>
class GRef {
public:
  GRef() = default;
  explicit GRef(T* adopted) : m_ptr(adopted) {}
  GRef(const GRef& other) : m_ptr(other.m_ptr) { if (m_ptr) g_object_ref(m_ptr); }
  GRef(GRef&& other) noexcept : m_ptr(std::exchange(other.m_ptr, nullptr)) {}
  GRef& operator=(GRef other) noexcept { std::swap(m_ptr, other.m_ptr); return *this; }
  ~GRef() { if (m_ptr) g_object_unref(m_ptr); }
  T* get() const { return m_ptr; }
  explicit operator bool() const { return m_ptr != nullptr; }

private:
  T* m_ptr = nullptr;
};

struct CairoDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoDeleter>;

// The Pango layout of each text box, in the order of BadgeLayout::texts.
// Coordinates are PDF points (1/72 inch) from the badge's top-left corner.
struct ShapedText {
  struct Item {
    GRef<PangoLayout> layout;  // empty for an empty text
    double x_pt = 0;           // where the layout's origin goes
    double y_pt = 0;
    Rgb colour;
  };
  std::vector<Item> items;
};

// A loaded logo: the SVG drawn once into a recording surface (replayed as
// vectors on every badge; a PDF holds it once), or the PNG image.
struct LogoImage {
  std::string file;
  SurfacePtr image;   // a recording surface for SVG, an image surface for PNG
  double width = 0;   // the image's size in its own units (SVG user units, PNG pixels)
  double height = 0;
};

}  // namespace accueil::render::detail
