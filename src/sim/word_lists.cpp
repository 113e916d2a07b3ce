#include "word_lists.hpp"

#include <array>

namespace sonic::sim::words {
namespace {

constexpr std::array<std::string_view, 48> kAdjectives = {
    "Golden",  "Quiet",    "Electric", "Velvet",  "Hollow", "Silver", "Broken",  "Neon",     "Paper",  "Distant",
    "Wild",    "Gentle",   "Restless", "Crimson", "Faded",  "Bright", "Lonely",  "Midnight", "Sunny",  "Frozen",
    "Burning", "Secret",   "Endless",  "Little",  "Blue",   "Sweet",  "Heavy",   "Lucky",    "Silent", "Royal",
    "Hidden",  "Open",     "Northern", "Tender",  "Savage", "Lazy",   "Crystal", "Rusty",    "Wooden", "Starlit",
    "Pale",    "Fearless", "Sleepy",   "Cosmic",  "Gilded", "Salty",  "Tiny",    "Vivid"};

constexpr std::array<std::string_view, 56> kNouns = {
    "Harbor",  "Lantern", "River",  "Echo",    "Window",  "Garden",  "Signal",   "Mirror",     "Ocean",   "Comet",
    "Engine",  "Feather", "Shadow", "Thunder", "Meadow",  "Circuit", "Ember",    "Lighthouse", "Orchard", "Satellite",
    "Highway", "Canyon",  "Pillow", "Wave",    "Heart",   "Radio",   "Forest",   "Balloon",    "Rocket",  "Candle",
    "Island",  "Avenue",  "Anchor", "Cloud",   "Diamond", "Horizon", "Letter",   "Machine",    "Planet",  "Rain",
    "Season",  "Tiger",   "Violin", "Whisper", "Dream",   "Motel",   "Stranger", "Summer",     "Winter",  "Mountain",
    "Bridge",  "Falcon",  "Garage", "Tide",    "Flower",  "Daydream"};

constexpr std::array<std::string_view, 32> kVerbs = {
    "Running",  "Falling",   "Dancing", "Waiting", "Dreaming", "Breaking", "Chasing", "Holding",
    "Burning",  "Floating",  "Leaving", "Calling", "Drifting", "Walking",  "Shaking", "Talking",
    "Fading",   "Spinning",  "Sailing", "Flying",  "Hiding",   "Singing",  "Turning", "Crying",
    "Counting", "Wandering", "Racing",  "Glowing", "Sinking",  "Rising",   "Melting", "Jumping"};

constexpr std::array<std::string_view, 24> kPlaces = {
    "Berlin",  "Lisbon",  "Tokyo",     "Memphis", "Marseille", "Brooklyn",   "Oslo",   "Havana",
    "Kyoto",   "Nairobi", "Reykjavík", "Seville", "Montréal",  "Detroit",    "Naples", "Bogotá",
    "Glasgow", "Osaka",   "Dakar",     "Tbilisi", "Kraków",    "Valparaíso", "Lagos",  "Hamburg"};

constexpr std::array<std::string_view, 40> kFirstNames = {
    "Ada",   "Milo",  "Nina",  "Oscar", "Lena",  "Theo",  "Ines",  "Jonas", "Maya",    "Felix",
    "Clara", "Hugo",  "Ruby",  "Leon",  "Elsa",  "Tariq", "Sofia", "Emil",  "Amara",   "Kenji",
    "Lucía", "Mateo", "Noor",  "Ravi",  "Greta", "Jude",  "Selin", "Arlo",  "Freya",   "Kofi",
    "Yara",  "Otto",  "Chloé", "Dario", "Hana",  "Ivo",   "Leila", "Marek", "Saoirse", "Zane"};

constexpr std::array<std::string_view, 40> kLastNames = {
    "Lindqvist", "Moreau",    "Okafor", "Brandt",   "Castillo", "Novak",  "Haddad", "Kimura",  "Fischer", "Almeida",
    "Ferreira",  "Keller",    "Rossi",  "Nakamura", "Dubois",   "Jansen", "Mensah", "Petrov",  "Quinn",   "Sørensen",
    "Walsh",     "Yilmaz",    "Zhou",   "Adeyemi",  "Bauer",    "Costa",  "Duarte", "Eklund",  "Gallo",   "Herrera",
    "Ivanova",   "Jovanović", "Kovač",  "Laurent",  "Marsh",    "Nilsen", "Ortega", "Pereira", "Romano",  "Vidal"};

}  // namespace

std::span<const std::string_view> adjectives() { return kAdjectives; }
std::span<const std::string_view> nouns() { return kNouns; }
std::span<const std::string_view> verbs() { return kVerbs; }
std::span<const std::string_view> places() { return kPlaces; }
std::span<const std::string_view> first_names() { return kFirstNames; }
std::span<const std::string_view> last_names() { return kLastNames; }

}  // namespace sonic::sim::words
