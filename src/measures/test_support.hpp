#pragma once
// Shared by measures' unit tests: the shipped instrument library, loaded once from the same
// data/ files the program uses.

#include <gtest/gtest.h>

#include <filesystem>

#include "measures/instrument_library.hpp"

namespace tessera::measures::testing {

inline const InstrumentLibrary& ShippedLibrary() {
  static const InstrumentLibrary* library = [] {
    auto loaded =
        InstrumentLibrary::LoadDirectory(std::filesystem::path(TESSERA_DATA_DIR) / "instruments");
    if (!loaded) {
      ADD_FAILURE() << loaded.error().message();
      std::abort();
    }
    return new InstrumentLibrary(std::move(loaded).value());
  }();
  return *library;
}

inline const Instrument& Shipped(const std::string& instrument_id) {
  const Instrument* instrument = ShippedLibrary().Find(instrument_id);
  if (instrument == nullptr) {
    ADD_FAILURE() << "no shipped instrument " << instrument_id;
    std::abort();
  }
  return *instrument;
}

}  // namespace tessera::measures::testing
