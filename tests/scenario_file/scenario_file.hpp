#pragma once
// One grammar for every scenario file (measures, planner, monitor, alerts), read by one reader;
// each runner only interprets the lines (tests/scenarios/README.md). As in sqllogictest files,
// a scenario opens with a header:
//
//   # name: risk_item                 (must equal the file name without ".scenario")
//   # description: PHQ-9 item 9 endorsed at session 2
//
// After it, a line whose first non-blank character is '#' is a comment, blank lines are
// skipped, and every other line is a statement: whitespace-separated words.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace tessera::scenario {

/// One statement line.
struct Line {
  int number = 0;                  // 1-based line number in the file
  std::vector<std::string> words;  // never empty
  std::string rest;                // the text after the first word, as written

  /// The words from `from` on, joined by single spaces.
  std::string WordsFrom(std::size_t from) const;
};

struct File {
  std::string name;
  std::string description;
  std::vector<Line> lines;
};

/// Parses a scenario's text. `stem` is the file name without its extension, which the header's
/// name must equal. Errors name the line and the rule ("line 1: a scenario opens with
/// '# name: <file name>'").
Result<File> Parse(std::string_view text, std::string_view stem);

/// Reads and parses one file; errors start with the file's path.
Result<File> Read(const std::filesystem::path& path);

/// `words` from index `from` on, joined by single spaces ("" when `from` is past the end).
std::string JoinWords(const std::vector<std::string>& words, std::size_t from);

/// The stems of every *.scenario file in `directory`, sorted.
std::vector<std::string> Stems(const std::filesystem::path& directory);

/// A GoogleTest-safe test name for a stem (every character outside [A-Za-z0-9] becomes '_').
std::string TestName(std::string stem);

}  // namespace tessera::scenario
