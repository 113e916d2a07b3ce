#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sonic {

// The longest prefix of `text` of at most `max_bytes` that does not end inside a UTF-8 sequence:
// cutting a name or a model's words for a message or a title must not leave half a character.
std::string utf8_prefix(std::string_view text, std::size_t max_bytes);

// The longest prefix of `text` with at most `characters` characters (code points): a cut by what
// a reader sees, as a schema's character limit counts.
std::string utf8_prefix_characters(std::string_view text, std::size_t characters);

// How many characters (code points) `text` holds: the bytes that start one.
std::size_t utf8_length(std::string_view text);

}  // namespace sonic
