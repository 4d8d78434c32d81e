#pragma once
// Enum <-> word tables for the vocabularies of data files and wire formats: one constexpr
// table per enum, looked up both ways.
//
//   constexpr WordTable<Level, 3> kLevels{{{Level::kLow, "low"}, {Level::kMid, "mid"}, ...}};
//   WordFor(kLevels, Level::kLow)  -> "low"
//   ValueFor(kLevels, "mid")       -> Level::kMid, or std::nullopt for an unknown word

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace tessera {

template <class E, std::size_t N>
using WordTable = std::array<std::pair<E, std::string_view>, N>;

/// The word for a value; `fallback` when the table lacks it (a programmer error upstream).
template <class E, std::size_t N>
constexpr std::string_view WordFor(const WordTable<E, N>& table, E value,
                                   std::string_view fallback = "unknown") {
  for (const auto& [entry, word] : table) {
    if (entry == value) return word;
  }
  return fallback;
}

/// The value for a word, or std::nullopt.
template <class E, std::size_t N>
constexpr std::optional<E> ValueFor(const WordTable<E, N>& table, std::string_view word) {
  for (const auto& [entry, name] : table) {
    if (name == word) return entry;
  }
  return std::nullopt;
}

/// The table's words joined with ", " (for error messages listing what is allowed).
template <class E, std::size_t N>
std::string AllowedWords(const WordTable<E, N>& table) {
  std::string joined;
  for (const auto& [entry, name] : table) {
    if (!joined.empty()) joined += ", ";
    joined += name;
  }
  return joined;
}

}  // namespace tessera
