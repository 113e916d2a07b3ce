#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sonic {

// The longest prefix of `text` of at most `max_bytes` that does not end inside a UTF-8 sequence:
// cutting a name or a model's words for a message or a title must not leave half a character.
std::string utf8_prefix(std::string_view text, std::size_t max_bytes);

// How many characters (code points) `text` holds: the bytes that start one.
std::size_t utf8_length(std::string_view text);

}  // namespace sonic
