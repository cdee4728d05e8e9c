// A person's name fitted into a row of a given width. The family name is the
// one staff look for ("Schmidt-Rottluff"), so the given names are shortened
// first, to initials ("W.-J. Schmidt-Rottluff"); the family name is cut only
// when even that does not fit, and then by the caller's ellipsis at the end.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "shared/domain/model.hpp"

namespace accueil {

// Given names as initials: "Wolfgang-Johann" -> "W.-J.", "Marie Claire" ->
// "M. C.". Only letters of scripts that write initials (Latin, Greek, Cyrillic,
// Armenian) are shortened; other words ("花子", "فاطمة", "2") stay whole.
std::string name_initials(std::string_view given);

// What display_name(a) shows, fitted to `max_width` as `width_of` measures a
// one-line text (pixels, or any unit both use): the whole name when it fits,
// else with the given names as initials (in the Latin form too). That may still
// be too wide: the caller ellipsizes it, which cuts the end.
std::string fit_display_name(const Attendee& a, float max_width, const std::function<float(std::string_view)>& width_of);

}  // namespace accueil
