// Alphabets for codes that people read aloud or type from paper: no 0/O, 1/I/l.
#pragma once

#include "absl/strings/string_view.h"

namespace cft {

// Invite codes: upper case only, so they survive being read over the phone.
inline constexpr absl::string_view kCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
// Temporary passwords: mixed case for more entropy per character.
inline constexpr absl::string_view kPasswordAlphabet =
    "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

}  // namespace cft
