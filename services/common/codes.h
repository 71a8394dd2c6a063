// Alphabets for codes that people read aloud or type from paper: no 0/O, 1/I/l.
#pragma once

#include "absl/strings/string_view.h"

namespace cft {

// Invite codes: upper case only, so they survive being read over the phone.
// No L either: case is ignored when a code is typed, and a hand-written "l"
// is easily read as "1". 31 symbols, 12 characters: about 59 bits.
inline constexpr absl::string_view kCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
// Temporary passwords: mixed case for more entropy per character.
inline constexpr absl::string_view kPasswordAlphabet =
    "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

}  // namespace cft
