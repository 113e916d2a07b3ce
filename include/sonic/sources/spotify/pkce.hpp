#pragma once
// Proof Key for Code Exchange (RFC 7636) as Spotify uses it: the login keeps a random code
// verifier to itself and sends only its S256 challenge to the authorize page; the token
// endpoint later gets the verifier, which proves that whoever exchanges the code started the
// login. The verifier and the login's `state` come from the operating system's cryptographic
// random source, never from SeededRandom: a seeded generator would make them guessable.
#include <cstddef>
#include <string>
#include <string_view>

namespace sonic::sources::spotify {

struct PkcePair {
  std::string verifier;   // 43-128 characters of [A-Za-z0-9-._~]
  std::string challenge;  // base64url(SHA-256(verifier)), without '=' padding
};

// A fresh 64-character verifier (384 random bits) and its challenge.
PkcePair new_pkce_pair();

// The S256 challenge of a verifier. Throws std::invalid_argument when `verifier` breaks
// RFC 7636's rules (length 43-128, unreserved characters only).
std::string pkce_challenge(std::string_view verifier);
bool is_valid_pkce_verifier(std::string_view verifier);

// `length` characters of [A-Za-z0-9-_], 6 random bits each, read from /dev/urandom (an
// unexpected failure if it cannot be read). Used for verifiers and for the login's `state`.
std::string random_url_safe_text(std::size_t length);

// Unpadded base64url (RFC 4648 section 5).
std::string base64url_encode(std::string_view bytes);

}  // namespace sonic::sources::spotify
