// Random (version 4) UUIDs from libsodium's CSPRNG, for attendees and log events.
#pragma once

#include <string>

namespace accueil {

// A lower-case RFC 9562 version-4 UUID: "3f2b1c9e-8d7a-4e6f-9b1a-2c3d4e5f6a7b".
std::string new_uuid();

bool is_uuid(std::string_view text);

}  // namespace accueil
