# Writes OUTPUT: a C++ file defining tessera::http::SchemaComponents(), the text of every
# SCHEMA_DIR/<Name>.json by <Name>, so that the OpenAPI document the server serves carries the
# same schemas the repository holds (openapi_schemas.hpp). Run at build time by CMake.
# DOC_SCHEMAS: "<Name>=<path>" entries for schemas kept in docs/schemas/ (their $schema, $id
# and title stay in the file; openapi.cpp drops $schema and $id from components).
file(GLOB files "${SCHEMA_DIR}/*.json")
list(SORT files)
set(entries "")
foreach(file IN LISTS files)
  get_filename_component(name "${file}" NAME_WE)
  list(APPEND entries "${name}=${file}")
endforeach()
list(APPEND entries ${DOC_SCHEMAS})
set(body "")
foreach(entry IN LISTS entries)
  string(FIND "${entry}" "=" equals)
  string(SUBSTRING "${entry}" 0 ${equals} name)
  math(EXPR after "${equals} + 1")
  string(SUBSTRING "${entry}" ${after} -1 file)
  file(READ "${file}" text)
  string(FIND "${text}" ")tessera_schema\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains the raw-string delimiter")
  endif()
  string(APPEND body "      {\"${name}\", R\"tessera_schema(${text})tessera_schema\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp"
"// Generated from src/http/schemas/*.json by embed_schemas.cmake; do not edit.
#include \"http/openapi_schemas.hpp\"

namespace tessera::http {

const std::map<std::string, std::string_view>& SchemaComponents() {
  static const std::map<std::string, std::string_view> components = {
${body}  };
  return components;
}

}  // namespace tessera::http
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
