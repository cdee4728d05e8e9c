// Camera frames made by the tests: one of our signed tickets as a QR code, on a
// phone screen or a printed page held in front of a camera, under the
// conditions of an entrance (turned, tilted, moving, glare, a dim screen, a
// cheap camera's JPEG). For the decoding tests and the camera benchmark.
#pragma once

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/app/shell/qr_camera.hpp"

namespace accueil::kiosk::testing {

enum class Condition { clean, rotated, tilted, perspective, blurred, glare, dark, jpeg, far, everything };
std::string_view to_string(Condition c);
std::vector<Condition> all_conditions();

// The text of a signed ticket (AC1:...) for attendee number `i`, as the
// confirmation e-mail's QR code holds it.
std::string signed_ticket(int i);

// A `width` x `height` frame showing `text` as a QR code under `condition`;
// `rng` varies the position, angle and strength.
GrayFrame camera_frame(std::string_view text, Condition condition, std::mt19937& rng, int width = 640,
                       int height = 480);

}  // namespace accueil::kiosk::testing
