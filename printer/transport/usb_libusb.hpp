// The USB bus through libusb-1.0.
//
// Threads: when the platform has hotplug and someone watches, the bus runs one
// thread of its own that handles libusb events and calls the watchers; it
// stops when the bus is destroyed.
#pragma once

#include <memory>

#include "printer/transport/usb.hpp"
#include "shared/base/error.hpp"

namespace accueil::printer::usb {

// Starts libusb. Fails with a sentence when libusb cannot start.
Result<std::shared_ptr<Bus>> open_libusb_bus();

}  // namespace accueil::printer::usb
