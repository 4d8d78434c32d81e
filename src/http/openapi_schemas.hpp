#pragma once
// The JSON Schemas of the API's request and response bodies: one file per component in
// src/http/schemas/<Name>.json, compiled in at build time (schemas/embed_schemas.cmake), and
// served as #/components/schemas/<Name> of the OpenAPI document. Routes name them in their
// table entry (router.hpp: Route::request_schema, Route::responses).

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace tessera::http {

/// Component name -> JSON Schema text, for every file in src/http/schemas/.
const std::map<std::string, std::string_view>& SchemaComponents();

struct IntegerRange {
  std::int64_t minimum = 0;
  std::int64_t maximum = 0;
};
/// The inclusive range `minimum`..`maximum` that component `component` gives its integer
/// property `property` (following one `$ref`, and `anyOf` with null), so that a parser refuses
/// exactly what the document says: the limit is written once, in the schema file. A component
/// or property without both bounds is a bug: the process stops with a message.
IntegerRange SchemaIntegerRange(std::string_view component, std::string_view property);

}  // namespace tessera::http
