#pragma once
// Fixture for the use-case tests: a fresh SQLite store with an admin and two clinicians (ana
// leads the test client's care team, ben is on no team), the shipped clinical data, and a
// fake clock.

#include <gtest/gtest.h>

#include <memory>

#include "app/clinical_library.hpp"
#include "core/clock.hpp"
#include "store/open_store.hpp"
#include "store/testing/store_fixture.hpp"

namespace tessera::app::testing {

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  Store& store() { return *store_; }
  FakeClock& clock() { return clock_; }
  static const ClinicalLibrary& library();
  /// Row counts and audit head, to show a refused call changed nothing.
  std::string RecordsFingerprint();

  /// A client of ana's with one open episode and one attended session.
  struct Seeded {
    ClientId client;
    EpisodeId episode;
    SessionId session;
  };
  Seeded NewClient(const ClientProfile& profile);
  static ClientProfile DepressionProfile();

  AccessContext admin_;
  AccessContext ana_;
  AccessContext ben_;

 private:
  FakeClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 1 / 5} + std::chrono::hours{9}};
  std::unique_ptr<store::testing::ScratchStore> scratch_;
  std::unique_ptr<store::SqlStore> store_;
};

}  // namespace tessera::app::testing
