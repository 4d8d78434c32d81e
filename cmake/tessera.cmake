# tessera_module(<name> SOURCES ... [DEPS ...] [PRIVATE_DEPS ...])
# A module is a static library named tessera_<name> with src/ as its include root, so code
# includes "core/result.hpp", "measures/scoring.hpp", ...
function(tessera_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(tessera_${name} STATIC ${ARG_SOURCES})
  target_include_directories(tessera_${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
  target_link_libraries(tessera_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
endfunction()

# tessera_test(<name> SOURCES ... DEPS ... [LABELS ...])
# One GoogleTest executable; each TEST becomes a CTest case.
function(tessera_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main GTest::gmock)
  target_compile_definitions(${name} PRIVATE
    TESSERA_SOURCE_DIR="${CMAKE_SOURCE_DIR}" TESSERA_DATA_DIR="${TESSERA_DATA_DIR}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "${ARG_LABELS}")
endfunction()
