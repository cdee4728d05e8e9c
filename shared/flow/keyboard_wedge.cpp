#include "shared/flow/keyboard_wedge.hpp"
#include "shared/text/text.hpp"

#include <algorithm>
#include <array>
#include <span>

namespace accueil {

namespace {

// One key of a layout: what it types alone, with Shift, and with AltGr
// (0: nothing). Letters are filled in separately.
struct Key {
  int usage;
  char32_t normal;
  char32_t shifted;
  char32_t altgr = 0;
};

// The keys every layout shares: space and the numeric keypad (Num Lock on).
constexpr Key k_common[] = {
    {44, U' ', U' '},  {84, U'/', U'/'}, {85, U'*', U'*'}, {86, U'-', U'-'}, {87, U'+', U'+'},
    {89, U'1', U'1'},  {90, U'2', U'2'}, {91, U'3', U'3'}, {92, U'4', U'4'}, {93, U'5', U'5'},
    {94, U'6', U'6'},  {95, U'7', U'7'}, {96, U'8', U'8'}, {97, U'9', U'9'}, {98, U'0', U'0'},
    {99, U'.', U'.'},
};

constexpr Key k_us[] = {
    {30, U'1', U'!'}, {31, U'2', U'@'}, {32, U'3', U'#'}, {33, U'4', U'$'}, {34, U'5', U'%'},
    {35, U'6', U'^'}, {36, U'7', U'&'}, {37, U'8', U'*'}, {38, U'9', U'('}, {39, U'0', U')'},
    {45, U'-', U'_'}, {46, U'=', U'+'}, {47, U'[', U'{'}, {48, U']', U'}'}, {49, U'\\', U'|'},
    {50, U'\\', U'|'}, {51, U';', U':'}, {52, U'\'', U'"'}, {53, U'`', U'~'}, {54, U',', U'<'},
    {55, U'.', U'>'}, {56, U'/', U'?'}, {100, U'\\', U'|'},
};

// French AZERTY. Shift gives the digits on the top row; the dead keys
// (^ and ¨ on usage 47) type nothing by themselves.
constexpr Key k_fr[] = {
    {53, U'²', 0},
    {30, U'&', U'1'}, {31, U'é', U'2', U'~'}, {32, U'"', U'3', U'#'}, {33, U'\'', U'4', U'{'},
    {34, U'(', U'5', U'['}, {35, U'-', U'6', U'|'}, {36, U'è', U'7', U'`'}, {37, U'_', U'8', U'\\'},
    {38, U'ç', U'9', U'^'}, {39, U'à', U'0', U'@'}, {45, U')', U'°', U']'}, {46, U'=', U'+', U'}'},
    {48, U'$', U'£', U'¤'}, {52, U'ù', U'%'}, {49, U'*', U'µ'}, {50, U'*', U'µ'}, {100, U'<', U'>'},
    {16, U',', U'?'}, {54, U';', U'.'}, {55, U':', U'/'}, {56, U'!', U'§'},
    {51, U'm', U'M'},
};

// German QWERTZ.
constexpr Key k_de[] = {
    {53, 0, U'°'},
    {30, U'1', U'!'}, {31, U'2', U'"', U'²'}, {32, U'3', U'§', U'³'}, {33, U'4', U'$'}, {34, U'5', U'%'},
    {35, U'6', U'&'}, {36, U'7', U'/', U'{'}, {37, U'8', U'(', U'['}, {38, U'9', U')', U']'},
    {39, U'0', U'=', U'}'}, {45, U'ß', U'?', U'\\'}, {47, U'ü', U'Ü'}, {48, U'+', U'*', U'~'},
    {49, U'#', U'\''}, {50, U'#', U'\''}, {51, U'ö', U'Ö'}, {52, U'ä', U'Ä'}, {100, U'<', U'>', U'|'},
    {54, U',', U';'}, {55, U'.', U':'}, {56, U'-', U'_'},
};

// British.
constexpr Key k_gb[] = {
    {30, U'1', U'!'}, {31, U'2', U'"'}, {32, U'3', U'£'}, {33, U'4', U'$', U'€'}, {34, U'5', U'%'},
    {35, U'6', U'^'}, {36, U'7', U'&'}, {37, U'8', U'*'}, {38, U'9', U'('}, {39, U'0', U')'},
    {45, U'-', U'_'}, {46, U'=', U'+'}, {47, U'[', U'{'}, {48, U']', U'}'}, {49, U'#', U'~'},
    {50, U'#', U'~'}, {51, U';', U':'}, {52, U'\'', U'@'}, {53, U'`', U'¬'}, {54, U',', U'<'},
    {55, U'.', U'>'}, {56, U'/', U'?'}, {100, U'\\', U'|'},
};

// The letter each letter key (usages 4-29, US a-z) types, by layout.
constexpr std::string_view k_letters_us = "abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view k_letters_de = "abcdefghijklmnopqrstuvwxzy";

std::span<const Key> keys_of(ScannerLayout layout) {
  switch (layout) {
    case ScannerLayout::fr: return k_fr;
    case ScannerLayout::de: return k_de;
    case ScannerLayout::gb: return k_gb;
    case ScannerLayout::us: break;
  }
  return k_us;
}

char32_t letter_of(ScannerLayout layout, int usage) {
  const int i = usage - 4;
  switch (layout) {
    case ScannerLayout::fr: {
      // AZERTY moves four letters: a<->q, z<->w; the m key sits right of l.
      constexpr char32_t azerty[26] = {U'q', U'b', U'c', U'd', U'e', U'f', U'g', U'h', U'i', U'j', U'k', U'l', 0,
                                       U'n', U'o', U'p', U'a', U'r', U's', U't', U'u', U'v', U'z', U'x', U'y', U'w'};
      return azerty[i];
    }
    case ScannerLayout::de: return static_cast<char32_t>(k_letters_de[static_cast<std::size_t>(i)]);
    default: return static_cast<char32_t>(k_letters_us[static_cast<std::size_t>(i)]);
  }
}

char32_t upper(char32_t c) { return c >= U'a' && c <= U'z' ? c - 32 : c; }

}  // namespace

std::optional<ScannerLayout> scanner_layout_from_string(std::string_view name) {
  if (name == "us") return ScannerLayout::us;
  if (name == "fr") return ScannerLayout::fr;
  if (name == "de") return ScannerLayout::de;
  if (name == "gb" || name == "uk") return ScannerLayout::gb;
  return std::nullopt;
}

std::optional<char32_t> key_character(ScannerLayout layout, int usage, bool shift, bool altgr) {
  if (usage >= 4 && usage <= 29) {
    char32_t c = letter_of(layout, usage);
    // AZERTY's usage 16 (US m) is the ", ?" key: it is in k_fr with the others.
    if (c != 0) {
      if (altgr) {
        if (layout == ScannerLayout::de && usage == 20) return U'@';  // AltGr+Q
        if ((layout == ScannerLayout::de || layout == ScannerLayout::fr) && usage == 8) return U'€';  // AltGr+E
        return std::nullopt;
      }
      return shift ? upper(c) : c;
    }
  }
  for (std::span<const Key> table : {std::span<const Key>(k_common), keys_of(layout)})
    for (const Key& k : table)
      if (k.usage == usage) {
        char32_t c = altgr ? k.altgr : shift ? k.shifted : k.normal;
        if (c == 0) return std::nullopt;
        return c;
      }
  return std::nullopt;
}

std::optional<KeyStroke> key_for_character(ScannerLayout layout, char32_t c) {
  for (int usage = 4; usage <= 100; ++usage)
    for (bool altgr : {false, true})
      for (bool shift : {false, true}) {
        if (altgr && shift) continue;
        if (usage >= 84 && usage <= 99) continue;  // prefer the main keys to the keypad
        if (key_character(layout, usage, shift, altgr) == c) return KeyStroke{usage, shift, altgr};
      }
  return std::nullopt;
}

std::vector<WedgeOutput> KeyboardWedge::press(const KeyPress& key) {
  std::vector<WedgeOutput> out;
  if (!m_held.empty() && key.at_ms - m_held.back().at_ms > patience_ms()) flush(out);
  if (key.usage == hid::tab && m_held.size() >= m_options.min_length) {
    flush(out, true);  // a burst ended by Tab (a scanner's other suffix): the scan
    return out;
  }
  if (key.usage == hid::enter || key.usage == hid::keypad_enter) {
    if (m_held.size() >= m_options.min_length) {
      flush(out, true);  // a burst ended by Enter: the scan; Enter itself is the scanner's
      return out;
    }
    flush(out);
    m_recent.clear();
    out.push_back({WedgeOutput::Kind::person_key, {}, key});
    return out;
  }
  m_held.push_back(key);
  if (m_held.size() == m_options.min_length) {
    // Now a scan: keys that went out as a person's just before it, each within
    // max_pause of the next, were its first keys, held up on their way.
    auto first = m_recent.end();
    std::int64_t next_at = m_held.front().at_ms;
    while (first != m_recent.begin() && next_at - std::prev(first)->at_ms <= m_options.max_pause_ms)
      next_at = (--first)->at_ms;
    m_absorbed = static_cast<std::size_t>(std::distance(first, m_recent.end()));
    m_held.insert(m_held.begin(), first, m_recent.end());
    m_recent.clear();
  }
  return out;
}

std::vector<WedgeOutput> KeyboardWedge::poll(std::int64_t now_ms) {
  std::vector<WedgeOutput> out;
  if (!m_held.empty() && now_ms - m_held.back().at_ms > patience_ms()) flush(out);
  return out;
}

std::optional<std::int64_t> KeyboardWedge::next_deadline_ms() const {
  if (m_held.empty()) return std::nullopt;
  return m_held.back().at_ms + patience_ms() + 1;
}

std::int64_t KeyboardWedge::patience_ms() const {
  // A burst whose times say nothing is not waited for like a scan: the next
  // key a person types after it comes a person's gap later, and ends it.
  return m_held.size() >= m_options.min_length && timing_known() ? std::max(m_options.max_pause_ms, m_options.max_gap_ms)
                                                                 : m_options.max_gap_ms;
}

bool KeyboardWedge::timing_known() const {
  // Counted over the burst's own keys: those taken back from m_recent went out
  // one by one, a person's gap apart, and prove nothing about the rest.
  const auto own = std::span<const KeyPress>(m_held).subspan(std::min(m_absorbed, m_held.size()));
  const auto late = static_cast<std::size_t>(std::ranges::count_if(own, [](const KeyPress& k) { return k.read_late; }));
  return late * 2 < own.size() || own.empty();
}

void KeyboardWedge::flush(std::vector<WedgeOutput>& out, bool ended) {
  // Keys read late came together because the app was busy, not because they
  // were typed together: without the scanner's suffix, they are a person's.
  if (m_held.size() >= m_options.min_length && (ended || timing_known())) {
    std::string text;
    for (const KeyPress& k : m_held)
      if (auto c = key_character(m_options.layout, k.usage, k.shift, k.altgr)) append_utf8(text, *c);
    if (!text.empty()) out.push_back({WedgeOutput::Kind::scan, std::move(text), {}});
    m_recent.clear();
  } else {
    // Those taken back from m_recent went out already.
    for (std::size_t i = std::min(m_absorbed, m_held.size()); i < m_held.size(); ++i)
      out.push_back({WedgeOutput::Kind::person_key, {}, m_held[i]});
    m_recent.insert(m_recent.end(), m_held.begin(), m_held.end());
    if (!m_recent.empty()) {  // only the last moments count
      const std::int64_t newest = m_recent.back().at_ms;
      std::erase_if(m_recent, [&](const KeyPress& k) { return newest - k.at_ms > m_options.max_pause_ms; });
    }
  }
  m_held.clear();
  m_absorbed = 0;
}

}  // namespace accueil
