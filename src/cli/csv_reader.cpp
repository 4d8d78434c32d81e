#include "cli/csv_reader.hpp"

#include <charconv>
#include <cmath>
#include <set>
#include <system_error>

namespace tessera::cli {

Result<CsvReader> CsvReader::Open(const std::string& path) {
  CsvReader reader;
  reader.path_ = path;
  reader.file_.open(path, std::ios::binary);
  if (!reader.file_) return NotFound(path + ": cannot open the file for reading");
  if (!std::getline(reader.file_, reader.line_)) {
    return InvalidArgument(path + ": empty file; the first line must name the columns");
  }
  reader.line_number_ = 1;
  reader.bytes_read_ = reader.line_.size() + 1;
  // Spreadsheets often start UTF-8 CSVs with a byte-order mark; it is not part of the name.
  if (reader.line_.rfind("\xEF\xBB\xBF", 0) == 0) reader.line_.erase(0, 3);
  TRY(reader.SplitLine());
  std::set<std::string_view> seen;
  for (std::string_view name : reader.fields_) {
    if (!seen.insert(name).second) {
      return InvalidArgument(path + ":1: column '" + std::string(name) + "' appears twice");
    }
    reader.header_.emplace_back(name);
  }
  return reader;
}

Result<std::size_t> CsvReader::ColumnIndex(std::string_view name, std::string_view role) const {
  for (std::size_t column = 0; column < header_.size(); ++column) {
    if (header_[column] == name) return column;
  }
  std::string present;
  for (const std::string& column : header_) present += (present.empty() ? "" : ", ") + column;
  return InvalidArgument(path_ + ": " + std::string(role) + " column '" + std::string(name) +
                         "' is not in the header (columns: " + present + ")");
}

Status CsvReader::SplitLine() {
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  fields_.clear();
  if (line_.find('"') == std::string::npos) {
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = line_.find(',', start);
      if (comma == std::string::npos) {
        fields_.emplace_back(line_.data() + start, line_.size() - start);
        return Ok();
      }
      fields_.emplace_back(line_.data() + start, comma - start);
      start = comma + 1;
    }
  }
  // Quoted fields: unquote into one buffer sized up front so views stay valid.
  unquoted_.clear();
  unquoted_.reserve(line_.size());
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::size_t position = 0;
  while (true) {
    const std::size_t begin = unquoted_.size();
    if (position < line_.size() && line_[position] == '"') {
      ++position;
      while (true) {
        if (position >= line_.size()) {
          return InvalidArgument(path_ + ":" + std::to_string(line_number_) +
                                 ": unterminated quoted field");
        }
        if (line_[position] == '"') {
          if (position + 1 < line_.size() && line_[position + 1] == '"') {
            unquoted_.push_back('"');
            position += 2;
            continue;
          }
          ++position;
          break;
        }
        unquoted_.push_back(line_[position++]);
      }
    }
    while (position < line_.size() && line_[position] != ',')
      unquoted_.push_back(line_[position++]);
    spans.emplace_back(begin, unquoted_.size() - begin);
    if (position >= line_.size()) break;
    ++position;
  }
  for (const auto& [begin, length] : spans) fields_.emplace_back(unquoted_.data() + begin, length);
  return Ok();
}

Result<bool> CsvReader::Next() {
  while (std::getline(file_, line_)) {
    ++line_number_;
    bytes_read_ += line_.size() + 1;
    if (line_.empty() || line_ == "\r") continue;
    TRY(SplitLine());
    if (fields_.size() != header_.size()) {
      return InvalidArgument(path_ + ":" + std::to_string(line_number_) + ": expected " +
                             std::to_string(header_.size()) + " columns as in the header, found " +
                             std::to_string(fields_.size()));
    }
    return true;
  }
  return false;
}

Error CsvReader::FieldError(std::size_t column, std::string_view problem) const {
  return Error(ErrorCode::kInvalidArgument, path_ + ":" + std::to_string(line_number_) +
                                                ", column '" + header_[column] +
                                                "': " + std::string(problem));
}

Result<double> CsvReader::Number(std::size_t column) const {
  std::string_view text = fields_[column];
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return Propagate(FieldError(column, "empty; a number is required"));
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return Propagate(
        FieldError(column, "'" + std::string(fields_[column]) + "' is not a finite number"));
  }
  return value;
}

}  // namespace tessera::cli
