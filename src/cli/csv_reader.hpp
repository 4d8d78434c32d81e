#pragma once
// Streaming CSV reading for command-line imports: a header row, then records split on
// commas (double-quoted fields may contain commas and "" for a quote). Every error names the
// file, the line and the column.

#include <cstddef>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace tessera::cli {

class CsvReader {
 public:
  /// Opens `path` and reads its header. NotFound when the file cannot be opened;
  /// InvalidArgument when it is empty or a header name repeats.
  static Result<CsvReader> Open(const std::string& path);

  /// The index of the header column `name`; InvalidArgument naming the column and listing
  /// those present when it is missing. `role` says what it is for, e.g. "--time".
  Result<std::size_t> ColumnIndex(std::string_view name, std::string_view role) const;

  /// Reads the next record into fields(); false at end of file. InvalidArgument when the
  /// record has the wrong number of fields or an unterminated quote. Blank lines are skipped.
  Result<bool> Next();

  const std::vector<std::string_view>& fields() const { return fields_; }
  std::size_t line_number() const { return line_number_; }
  std::size_t bytes_read() const { return bytes_read_; }
  const std::vector<std::string>& header() const { return header_; }

  /// Parses fields()[column] as a finite number, or InvalidArgument
  /// "<file>:<line>, column '<name>': '<text>' is not a number".
  Result<double> Number(std::size_t column) const;
  /// An error about fields()[column] on the current line, with the same prefix.
  Error FieldError(std::size_t column, std::string_view problem) const;

 private:
  CsvReader() = default;
  Status SplitLine();

  std::string path_;
  std::ifstream file_;
  std::string line_;
  std::string unquoted_;  // backing store for fields that needed unquoting
  std::vector<std::string> header_;
  std::vector<std::string_view> fields_;
  std::size_t line_number_ = 0;
  std::size_t bytes_read_ = 0;
};

}  // namespace tessera::cli
