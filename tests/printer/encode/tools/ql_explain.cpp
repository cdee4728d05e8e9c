// ql_explain: decodes a Brother QL raster job (.prn) into text, command by
// command and byte by byte, like printer-driver-ptouch's .ptexplain files.
//
// Written from the Brother raster command references, on purpose without
// any code from printer/encode: it is the independent reader that checks
// the encoder (golden explanations) and compares our jobs with rastertoptch's.
//
//   ql_explain FILE.prn              explanation on stdout
//   ql_explain --lines BYTES FILE    one line per printed raster line:
//                                    "page P line L <hex of the BYTES-byte head line>"
//                                    (Z lines and short lines padded with 00)
//   ql_explain --lines-rastertoptch BYTES FILE
//                                    the same for rastertoptch's output, which
//                                    writes header 0x80 for a run of 129 bytes
//                                    (TIFF PackBits makes 0x80 a no-op)
// Exit status 1 when the file holds bytes that are not a known command.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace {

using Bytes = std::vector<std::uint8_t>;

std::string hex(const std::uint8_t* p, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) {
    if (i) s += ' ';
    s += fmt::format("{:02X}", p[i]);
  }
  return s;
}

// TIFF PackBits, decoded the plain way: header n >= 0 copies n+1 bytes,
// n in -127..-1 repeats the next byte 1-n times, -128 is a no-op.
bool unpack(const std::uint8_t* p, std::size_t n, Bytes& out, std::string& error, bool run_of_129) {
  std::size_t i = 0;
  while (i < n) {
    const int h = static_cast<std::int8_t>(p[i++]);
    if (h >= 0) {
      if (i + static_cast<std::size_t>(h) + 1 > n) {
        error = "literal run longer than the data";
        return false;
      }
      out.insert(out.end(), p + i, p + i + h + 1);
      i += static_cast<std::size_t>(h) + 1;
    } else if (h != -128 || run_of_129) {
      if (i >= n) {
        error = "repeat run without its byte";
        return false;
      }
      out.insert(out.end(), static_cast<std::size_t>(1 - h), p[i++]);
    }
  }
  return true;
}

// "black pins: 6-311, 400" for a head line.
std::string pins(const Bytes& line) {
  std::string s;
  int count = 0;
  const int total = static_cast<int>(line.size()) * 8;
  int k = 0;
  while (k < total) {
    auto on = [&](int pin) { return (line[static_cast<std::size_t>(pin / 8)] >> (7 - pin % 8)) & 1; };
    if (!on(k)) {
      ++k;
      continue;
    }
    int e = k;
    while (e + 1 < total && on(e + 1)) ++e;
    s += s.empty() ? "" : ", ";
    s += e == k ? fmt::format("{}", k) : fmt::format("{}-{}", k, e);
    count += e - k + 1;
    k = e + 1;
  }
  return s.empty() ? "black pins: none" : fmt::format("black pins ({}): {}", count, s);
}

std::string flags_text(std::uint8_t v, const char* const names[8]) {
  std::string s;
  for (int b = 0; b < 8; ++b)
    if ((v >> b) & 1) {
      s += s.empty() ? "" : ", ";
      s += names[b] ? names[b] : fmt::format("bit {} (unknown)", b);
    }
  return s.empty() ? "none" : s;
}

struct Reader {
  Reader(const Bytes& data, bool lines, int bytes, bool run_of_129)
      : d(data), lines_mode(lines), head_bytes(bytes), rastertoptch_runs(run_of_129) {}
  const Bytes& d;
  bool lines_mode;
  int head_bytes;
  bool rastertoptch_runs;  // 0x80 repeats 129 times, as rastertoptch means it
  std::string out;
  bool ok = true;
  bool compression = false;
  int page = 1;
  int line_no = 0;
  // For grouping identical raster commands in the explanation.
  Bytes last_cmd;
  int repeat_from = -1;
  int repeat_count = 0;
  std::size_t repeat_offset = 0;

  void say(std::size_t at, const std::string& bytes, const std::string& text) {
    if (lines_mode) return;
    out += fmt::format("{:08X}  {}\n", at, bytes);
    out += fmt::format("          {}\n", text);
  }
  void more(const std::string& text) {
    if (!lines_mode) out += fmt::format("            {}\n", text);
  }
  void flush_repeats() {
    if (repeat_count > 0 && !lines_mode)
      out += fmt::format("{:08X}  lines {}-{}: {} more identical raster commands (same bytes as line {})\n",
                         repeat_offset, repeat_from, repeat_from + repeat_count - 1, repeat_count, repeat_from - 1);
    repeat_count = 0;
  }
  void emit_line(const Bytes& line) {
    if (lines_mode) {
      Bytes l = line;
      l.resize(static_cast<std::size_t>(head_bytes), 0);
      out += fmt::format("page {} line {} {}\n", page, line_no, hex(l.data(), l.size()));
    }
    ++line_no;
  }
  void error(std::size_t at, const std::string& what) {
    ok = false;
    flush_repeats();
    out += fmt::format("{:08X}  ERROR: {}\n", at, what);
  }

  void run() {
    std::size_t i = 0;
    const std::size_t n = d.size();
    while (i < n && ok) {
      const std::uint8_t c = d[i];
      if (c != 'g' && c != 'G' && c != 'Z') flush_repeats();
      if (c == 0x00) {
        std::size_t j = i;
        while (j < n && d[j] == 0x00) ++j;
        say(i, fmt::format("00 x {}", j - i),
            fmt::format("invalidate: {} NUL bytes, ignored between commands; they finish any command an "
                        "interrupted job left open",
                        j - i));
        i = j;
      } else if (c == 0x1B) {
        i = esc(i);
      } else if (c == 'M') {
        if (i + 1 >= n) return error(i, "M without its parameter");
        compression = d[i + 1] == 0x02;
        say(i, hex(&d[i], 2),
            fmt::format("M {:02X}: select compression mode: {}", d[i + 1],
                        d[i + 1] == 0x02 ? "TIFF (PackBits)" : d[i + 1] == 0x00 ? "none" : "unknown"));
        i += 2;
      } else if (c == 'g' || c == 'G') {
        i = raster(i);
      } else if (c == 'Z') {
        raster_group(i, Bytes{'Z'}, "Z: zero raster graphics: one blank line", Bytes{});
        i += 1;
      } else if (c == 0x0C || c == 0x1A) {
        say(i, hex(&d[i], 1),
            c == 0x0C ? fmt::format("FF: print command: print page {} ({} raster lines), more pages follow", page,
                                    line_no)
                      : fmt::format("Control-Z: print command with feeding: print page {} ({} raster lines), "
                                    "the last page",
                                    page, line_no));
        ++page;
        line_no = 0;
        last_cmd.clear();
        i += 1;
      } else {
        return error(i, fmt::format("unknown byte {:02X}", c));
      }
    }
    flush_repeats();
  }

  std::size_t esc(std::size_t i) {
    const std::size_t n = d.size();
    auto need = [&](std::size_t len) {
      if (i + len > n) {
        error(i, "command cut short at end of file");
        return false;
      }
      return true;
    };
    if (!need(2)) return n;
    if (d[i + 1] == '@') {
      say(i, hex(&d[i], 2), "ESC @: initialise: clear the print buffer and reset modes");
      return i + 2;
    }
    if (d[i + 1] != 'i' || !need(3)) {
      error(i, "unknown ESC command");
      return n;
    }
    const std::uint8_t k = d[i + 2];
    switch (k) {
      case 'S':
        say(i, hex(&d[i], 3), "ESC i S: status information request");
        return i + 3;
      case 'a':
        if (!need(4)) return n;
        say(i, hex(&d[i], 4),
            fmt::format("ESC i a {:02X}: switch dynamic command mode: {}", d[i + 3],
                        d[i + 3] == 1 ? "raster mode" : d[i + 3] == 0 ? "ESC/P mode" : "P-touch Template or other"));
        return i + 4;
      case '!':
        if (!need(4)) return n;
        say(i, hex(&d[i], 4),
            fmt::format("ESC i ! {:02X}: automatic status notification {}", d[i + 3], d[i + 3] ? "off" : "on"));
        return i + 4;
      case 'z': {
        if (!need(13)) return n;
        const std::uint8_t* p = &d[i + 3];
        static const char* const valid[8] = {nullptr, "media type", "media width", "media length",
                                             nullptr, nullptr, "quality priority", "printer recovery always on"};
        const std::uint32_t lines = p[4] | p[5] << 8 | p[6] << 16 | static_cast<std::uint32_t>(p[7]) << 24;
        say(i, hex(&d[i], 13), "ESC i z: print information command");
        more(fmt::format("n1 {:02X}  valid flags: {}", p[0], flags_text(p[0], valid)));
        more(fmt::format("n2 {:02X}  media type: {}", p[1],
                         p[1] == 0x0A ? "continuous length tape" : p[1] == 0x0B ? "die-cut labels" : "unknown"));
        more(fmt::format("n3 {:02X}  media width: {} mm", p[2], p[2]));
        more(fmt::format("n4 {:02X}  media length: {} mm", p[3], p[3]));
        more(fmt::format("n5-n8 {}  raster lines: {}", hex(p + 4, 4), lines));
        more(fmt::format("n9 {:02X}  {}", p[8], p[8] == 0 ? "starting page" : p[8] == 1 ? "other page" : "?"));
        more(fmt::format("n10 {:02X} fixed 0", p[9]));
        return i + 13;
      }
      case 'M': {
        if (!need(4)) return n;
        static const char* const bits[8] = {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, "auto cut",
                                            "mirror printing"};
        say(i, hex(&d[i], 4), fmt::format("ESC i M {:02X}: various mode: {}", d[i + 3], flags_text(d[i + 3] & 0xE0, bits)));
        return i + 4;
      }
      case 'A':
        if (!need(4)) return n;
        say(i, hex(&d[i], 4), fmt::format("ESC i A {:02X}: cut every {} label(s)", d[i + 3], d[i + 3]));
        return i + 4;
      case 'K': {
        if (!need(4)) return n;
        static const char* const bits[8] = {"two-colour printing", nullptr, nullptr, "cut at end",
                                            nullptr, nullptr, "high resolution (600 dpi lengthwise)",
                                            "no buffer clearing"};
        say(i, hex(&d[i], 4), fmt::format("ESC i K {:02X}: expanded mode: {}", d[i + 3], flags_text(d[i + 3], bits)));
        return i + 4;
      }
      case 'd':
        if (!need(5)) return n;
        say(i, hex(&d[i], 5),
            fmt::format("ESC i d: margin (feed) amount: {} dots", d[i + 3] | d[i + 4] << 8));
        return i + 5;
      default:
        error(i, fmt::format("unknown ESC i {:02X} command", k));
        return n;
    }
  }

  std::size_t raster(std::size_t i) {
    const std::size_t n = d.size();
    if (i + 3 > n) {
      error(i, "raster command cut short");
      return n;
    }
    // 'g' n1 n2: QL form, length n1*256 + n2 (manuals: g 00 n). 'G' n1 n2: P-touch form, n1 + n2*256.
    const std::size_t len = d[i] == 'g' ? static_cast<std::size_t>(d[i + 1] << 8 | d[i + 2])
                                        : static_cast<std::size_t>(d[i + 1] | d[i + 2] << 8);
    if (i + 3 + len > n) {
      error(i, "raster line data runs past the end of the file");
      return n;
    }
    Bytes cmd(d.begin() + static_cast<std::ptrdiff_t>(i), d.begin() + static_cast<std::ptrdiff_t>(i + 3 + len));
    Bytes line;
    std::string what;
    if (compression) {
      std::string err;
      if (!unpack(&d[i + 3], len, line, err, rastertoptch_runs)) {
        error(i, "bad PackBits data: " + err);
        return n;
      }
      what = fmt::format("{:c} {:02X} {:02X}: raster graphics transfer, {} PackBits bytes -> {} bytes", d[i], d[i + 1],
                         d[i + 2], len, line.size());
    } else {
      line = Bytes(cmd.begin() + 3, cmd.end());
      what = fmt::format("{:c} {:02X} {:02X}: raster graphics transfer, {} bytes uncompressed", d[i], d[i + 1],
                         d[i + 2], len);
    }
    raster_group(i, cmd, what, line);
    return i + 3 + len;
  }

  void raster_group(std::size_t at, const Bytes& cmd, const std::string& what, const Bytes& line) {
    if (!lines_mode && cmd == last_cmd && line_no > 0) {
      if (repeat_count == 0) {
        repeat_from = line_no;
        repeat_offset = at;
      }
      ++repeat_count;
      emit_line(line);
      return;
    }
    flush_repeats();
    last_cmd = cmd;
    if (!lines_mode) {
      out += fmt::format("{:08X}  {}\n", at, cmd.size() <= 3 ? hex(cmd.data(), cmd.size()) : hex(cmd.data(), 3));
      for (std::size_t k = 3; k < cmd.size(); k += 32)
        out += fmt::format("          {}\n", hex(&cmd[k], std::min<std::size_t>(32, cmd.size() - k)));
      out += fmt::format("          page {} line {}: {}\n", page, line_no, what);
      if (cmd[0] != 'Z') out += fmt::format("            {}\n", pins(line));
    }
    emit_line(line);
  }
};

}  // namespace

int main(int argc, char** argv) {
  bool lines_mode = false;
  bool run_of_129 = false;
  int head_bytes = 0;
  int arg = 1;
  if (argc == 4 && (std::string(argv[1]) == "--lines" || std::string(argv[1]) == "--lines-rastertoptch")) {
    lines_mode = true;
    run_of_129 = std::string(argv[1]) == "--lines-rastertoptch";
    head_bytes = std::stoi(argv[2]);
    arg = 3;
  } else if (argc != 2) {
    std::fprintf(stderr, "usage: %s [--lines|--lines-rastertoptch HEAD_BYTES] FILE.prn\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[arg], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[arg]);
    return 2;
  }
  const Bytes data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Reader r(data, lines_mode, head_bytes, run_of_129);
  r.run();
  std::fwrite(r.out.data(), 1, r.out.size(), stdout);
  return r.ok ? 0 : 1;
}
