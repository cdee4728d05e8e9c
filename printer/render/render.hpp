// accueil::render: badge templates and rendering, with no printer I/O.
//
//   auto typesetter = Typesetter::create();                 // once per thread
//   auto badge = load_template("assets/badges/label-62x100.toml");
//   auto content = badge_content(event, attendee, token);   // texts in the badge's language
//   auto layout = typesetter->layout(*badge, content);      // every text fitted in its box, once
//   render_pdf(*layout);  render_preview(*layout, 8);  render_mono(*layout, 300);  render_grey(*layout, 203);
//   write_badge(*layout, "badge.png");                      // .pdf .png .pbm .pgm
//   write_sheets(*typesetter, *badge, contents, "vip.pdf"); // many badges on A4 with crop marks
#pragma once

#include "printer/render/badge_content.hpp"
#include "printer/render/badge_layout.hpp"
#include "printer/render/badge_template.hpp"
#include "printer/render/outputs.hpp"
#include "printer/render/qr_code.hpp"
#include "printer/render/sheets.hpp"
#include "printer/render/typesetter.hpp"
