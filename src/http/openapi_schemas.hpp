#pragma once
// The JSON Schemas of the API's request and response bodies: one file per component in
// src/http/schemas/<Name>.json, compiled in at build time (schemas/embed_schemas.cmake), and
// served as #/components/schemas/<Name> of the OpenAPI document. Routes name them in their
// table entry (router.hpp: Route::request_schema, Route::responses).

#include <map>
#include <string>
#include <string_view>

namespace tessera::http {

/// Component name -> JSON Schema text, for every file in src/http/schemas/.
const std::map<std::string, std::string_view>& SchemaComponents();

}  // namespace tessera::http
