// Chunked writes and timed reads on a file descriptor, shared by the file,
// usblp and TCP transports. Internal to printer/transport.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "printer/transport/transport.hpp"

namespace accueil::printer::detail {

// Writes all of `bytes` to `fd` in chunks, waiting with poll() for the
// descriptor to take more; fails when nothing is taken for
// limits.stall_timeout_ms. `what` names the printer in messages. Sockets are
// written with MSG_NOSIGNAL: a peer that went away is an error, not SIGPIPE.
TransportStatus write_all(int fd, std::span<const std::uint8_t> bytes, const TransportLimits& limits,
                          const Interrupt& interrupt, std::string_view what, bool is_socket = false);

// Reads what is available within `timeout_ms` (at most `max_bytes`); an empty
// reply when nothing came. End of stream is an error: the peer went away.
TransportResult<std::vector<std::uint8_t>> read_some(int fd, std::size_t max_bytes, int timeout_ms,
                                                     std::string_view what);

// "No such file or directory" for an errno value.
std::string errno_text(int error);

// Where an errno from a printer device or socket lands in the vocabulary.
PrinterProblem problem_of_errno(int error);

}  // namespace accueil::printer::detail
