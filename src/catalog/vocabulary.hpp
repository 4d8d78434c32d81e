#pragma once
// The words of the catalogue's vocabulary and their enums, both ways. Parse functions return
// nullopt for an unknown word so the caller can name the field in its message.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/types.hpp"

namespace tessera::catalog {

std::string_view Name(Ordinal value);
std::string_view Name(Focus value);
std::string_view Name(Arousal value);
std::string_view Name(Strength value);
std::string_view Name(Phase value);
std::string_view Name(Condition value);
std::string_view Name(ContraEffect value);
std::string_view Name(Readiness value);
std::string_view Name(Scope value);

std::optional<Ordinal> ParseOrdinal(std::string_view word);
std::optional<Focus> ParseFocus(std::string_view word);
std::optional<Arousal> ParseArousal(std::string_view word);
std::optional<Strength> ParseStrength(std::string_view word);
std::optional<Phase> ParsePhase(std::string_view word);
std::optional<Condition> ParseCondition(std::string_view word);
std::optional<ContraEffect> ParseContraEffect(std::string_view word);
std::optional<Readiness> ParseReadiness(std::string_view word);
std::optional<Scope> ParseScope(std::string_view word);

/// The words allowed for a client dimension in a matching rule ("reactance" -> low, moderate,
/// high); empty when the dimension is unknown.
std::vector<std::string_view> DimensionValues(std::string_view dimension);
/// The words allowed for a technique attribute in a matching rule; empty when unknown.
std::vector<std::string_view> AttributeValues(std::string_view attribute);

/// "a, b, c" for messages.
std::string JoinWords(const std::vector<std::string_view>& words);

}  // namespace tessera::catalog
