// The store contract, part 10: the views a connection keeps of a client's records
// (store/sql/client_views.hpp) never differ from a fresh read, whoever changes the records:
// another connection, this connection's own submissions, or work that was rolled back.

#include <functional>
#include <sstream>
#include <thread>

#include "store/testing/store_fixture.hpp"

namespace tessera::store::testing {
namespace {

std::string Describe(const MeasureAdministration& administration) {
  std::ostringstream out;
  out << administration.id.value() << "@" << FormatUtc(administration.administered_at) << " "
      << (administration.session ? administration.session->value() : -1) << " "
      << administration.instrument.value()
      << " total=" << (administration.total ? std::to_string(*administration.total) : "-")
      << " band=" << administration.band << " answers=";
  for (const ItemAnswer& answer : administration.answers)
    out << answer.item << ":" << (answer.value ? std::to_string(*answer.value) : "-") << ",";
  out << " subscales=";
  for (const auto& [name, value] : administration.subscales) out << name << ":" << value << ",";
  out << " flags=";
  for (const std::string& flag : administration.flags) out << flag << ",";
  return out.str();
}

// Everything a read returns, as text, so two reads compare field by field in a failure message.
std::string Describe(const EpisodeRecords& records) {
  std::ostringstream out;
  out << "session " << records.session.id.value() << " of episode "
      << records.session.episode.value() << "\nprofile goals:";
  for (const std::string& goal : records.profile.goals) out << " " << goal;
  out << "\nsessions:";
  for (const Session& session : records.sessions) {
    out << " " << session.id.value() << "/" << session.date << "[";
    for (const TechniqueUse& use : session.techniques) out << use.technique.value() << ",";
    out << "]";
  }
  out << "\nadministrations:\n";
  for (const MeasureAdministration& administration : records.administrations)
    out << "  " << Describe(administration) << "\n";
  out << "plan: " << records.plan_json << "\nalerts:";
  for (const Alert& alert : records.episode_alerts) {
    out << " " << alert.id.value() << alert.kind << "/" << alert.triggers.size() << "/"
        << alert.handlings.size();
  }
  return out.str();
}

std::string Describe(const ClientSummary& summary) {
  std::ostringstream out;
  out << summary.name << " episode " << (summary.episode ? summary.episode->id.value() : -1)
      << " closed " << (summary.episode ? summary.episode->closed_on.value_or("-") : "-")
      << " alerts " << summary.open_alerts << " plan "
      << (summary.plan ? summary.plan->value() : -1) << "v" << summary.plan_version << "\n";
  for (const InstrumentSummary& instrument : summary.instruments)
    out << instrument.instrument.value() << " x" << instrument.count << " first "
        << instrument.first.administration.value() << " latest "
        << instrument.latest.administration.value() << "\n";
  return out.str();
}

class ClientViewsContract : public StoreContract {
 protected:
  SessionId NewSession(Store& on, ClientId client, EpisodeId episode, const std::string& date) {
    Session session{{}, episode, client, date, Attendance::kAttended, {}, {}};
    session.techniques = {{TechniqueId("cognitive_restructuring"), 7}};
    return on.RecordSession(ana(), session).value();
  }
  AdministrationId Give(Store& on, ClientId client, SessionId session,
                        const std::string& instrument, double total, int minutes) {
    MeasureAdministration administration;
    administration.client = client;
    administration.session = session;
    administration.instrument = InstrumentId(instrument);
    administration.administered_at = clock().Now() + std::chrono::minutes(minutes);
    administration.answers = {{"1", total - 1}, {"2", std::nullopt}};
    administration.total = total;
    administration.band = total >= 10 ? "moderate" : "mild";
    administration.subscales = {{"somatic", total / 3.0}};
    administration.flags =
        total > 20 ? std::vector<std::string>{"risk_item_endorsed"} : std::vector<std::string>{};
    return on.RecordAdministration(ana(), administration).value();
  }
  // The cached connection's reads against a connection that has never read anything.
  void ExpectFresh(ClientId client, SessionId session, const std::string& after) {
    auto fresh = scratch().Connect(clock());
    auto cached_episode = store().ReadEpisodeOfSession(ana(), client, session);
    auto fresh_episode = fresh->ReadEpisodeOfSession(ana(), client, session);
    ASSERT_TRUE(cached_episode && fresh_episode) << after;
    EXPECT_EQ(Describe(*cached_episode), Describe(*fresh_episode)) << "after " << after;
    auto cached_summary = store().GetClientSummary(ana(), client);
    auto fresh_summary = fresh->GetClientSummary(ana(), client);
    ASSERT_TRUE(cached_summary && fresh_summary) << after;
    EXPECT_EQ(Describe(*cached_summary), Describe(*fresh_summary)) << "after " << after;
  }
};

INSTANTIATE_TEST_SUITE_P(Both, ClientViewsContract,
                         ::testing::Values(StoreKind::kSqlite, StoreKind::kPostgres),
                         [](const auto& info) { return KindName(info.param); });

TEST_P(ClientViewsContract, EveryChangeByAnotherConnectionIsSeenAtOnce) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  const SessionId first = NewSession(store(), client, episode, "2026-01-05");
  const AdministrationId intake = Give(store(), client, first, "phq9", 18, 1);
  ExpectFresh(client, first, "the first read");
  auto other = scratch().Connect(clock());
  struct Change {
    std::string what;
    std::function<void()> make;
  };
  const std::vector<Change> changes = {
      {"a session", [&] { NewSession(*other, client, episode, "2026-01-12"); }},
      {"an administration", [&] { Give(*other, client, first, "phq9", 12, 30); }},
      {"an alert",
       [&] {
         Alert alert{{}, client, "risk_item", clock().Now(), "item 9", intake, {}};
         alert.episode = episode;
         alert.instrument = "phq9";
         ASSERT_TRUE(other->RaiseAlert(ana(), alert));
       }},
      {"a trigger",
       [&] {
         auto alerts = other->ListAlerts(ana(), client);
         ASSERT_TRUE(
             other->AddAlertTrigger(ana(), alerts->front().id,
                                    AlertTrigger{intake, clock().Now(), "critical", 1.0, "again"}));
       }},
      {"a handling",
       [&] {
         auto alerts = other->ListAlerts(ana(), client);
         ASSERT_TRUE(other->HandleAlert(ana(), alerts->front().id,
                                        AlertHandling{{}, clock().Now(), "acknowledged", "seen"}));
       }},
      {"a plan",
       [&] {
         ASSERT_TRUE(other->CreatePlan(
             ana(),
             Plan{{}, client, episode, {PlanVersion{0, "{\"v\":1}", "initial", {}, {}, {}, {}}}}));
       }},
      {"a plan version",
       [&] {
         auto plans = other->ListPlans(ana(), client);
         ASSERT_TRUE(other->RevisePlan(ana(), plans->front().id, 1,
                                       PlanVersion{0, "{\"v\":2}", "second", {}, {}, {}, {}}));
       }},
      {"a profile version",
       [&] {
         ClientProfile profile;
         profile.goals = {"return to work"};
         ASSERT_TRUE(other->AmendProfile(ana(), client, 1, profile));
       }},
      {"amended identifiers",
       [&] {
         ASSERT_TRUE(
             other->AmendIdentifiers(ana(), client, 1, {"Dana Renamed", "1990-04-01", "", ""}));
       }},
      {"a new episode",
       [&] {
         ASSERT_TRUE(other->OpenEpisode(ana(), Episode{{}, client, "2026-02-01", "again", {}, ""}));
       }},
      {"a closed episode",
       [&] {
         // The risk alert above is acknowledged, not resolved: the closure gives its reason.
         ASSERT_TRUE(
             other->CloseEpisode(ana(), episode, "2026-03-01", "goals met", "risk handed over"));
       }},
  };
  for (const Change& change : changes) {
    change.make();
    ExpectFresh(client, first, change.what);
  }
  EXPECT_EQ(store().GetClientSummary(ana(), client)->name, "Dana Renamed");
}

TEST_P(ClientViewsContract, RevisionsNeverComeBackAfterTheDatabaseGoesBackInTime) {
  // What a restore or a failover that lost commits does to the revision: it goes back. The
  // next insert must still give a revision never issued before, or a view of the lost
  // history could match the new one.
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  const auto revision = [&] {
    return store()
        .database()
        .Query("SELECT revision FROM client_revisions WHERE client_id = ?", {client.value()})
        ->at(0)
        .Int(0);
  };
  const std::int64_t issued = revision();
  ASSERT_GT(issued, 0);
  ASSERT_TRUE(store().database().Execute(
      "UPDATE client_revisions SET revision = 1 WHERE client_id = ?", {client.value()}));
  // SQLite's clock has millisecond steps: let one pass, as any real rewind takes far longer.
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  NewSession(store(), client, episode, "2026-01-05");
  EXPECT_GT(revision(), issued);
}

TEST_P(ClientViewsContract, ViewsKeptAcrossOwnSubmissionsEqualAFreshRead) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  const SessionId first = NewSession(store(), client, episode, "2026-01-05");
  const SessionId second = NewSession(store(), client, episode, "2026-01-12");
  ExpectFresh(client, first, "the first read");
  // Later, earlier and equal times, both sessions, two instruments, and an alert between.
  struct Given {
    SessionId session;
    const char* instrument;
    double total;
    int minutes;
  };
  const Given given[] = {{first, "phq9", 18, 10}, {first, "phq9", 16, 5}, {first, "phq9", 22, 10},
                         {second, "gad7", 9, 60}, {first, "gad7", 11, 2}, {second, "phq9", 7, 61},
                         {second, "phq9", 6, 61}, {second, "phq9", 5, 59}};
  int step = 0;
  for (const Given& item : given) {
    const AdministrationId id =
        Give(store(), client, item.session, item.instrument, item.total, item.minutes);
    if (++step == 4) {
      Alert alert{{}, client, "not_on_track", clock().Now(), "phq9 up", id, {}};
      ASSERT_TRUE(store().RaiseAlert(ana(), alert));
    }
    ExpectFresh(client, first, "submission " + std::to_string(step));
    ExpectFresh(client, second, "submission " + std::to_string(step));
  }
}

TEST_P(ClientViewsContract, WorkRolledBackLeavesNoViewBehind) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  const SessionId session = NewSession(store(), client, episode, "2026-01-05");
  ExpectFresh(client, session, "the first read");
  // A unit stores an administration, reads the episode with it, then fails: rolled back.
  // Another connection's different change then gets the very revision the undone work had
  // (as a change within the same clock step can), so a view surviving the rollback would match.
  std::int64_t undone_revision = 0;
  std::vector<std::function<Status()>> units = {[&]() -> Status {
    Give(store(), client, session, "phq9", 25, 5);
    auto seen = store().ReadEpisodeOfSession(ana(), client, session);
    EXPECT_TRUE(seen && seen->administrations.size() == 1);
    undone_revision =
        store()
            .database()
            .Query("SELECT revision FROM client_revisions WHERE client_id = ?", {client.value()})
            ->at(0)
            .Int(0);
    return InvalidArgument("changed my mind");
  }};
  const std::vector<Status> outcomes = store().RunBatch(units);
  ASSERT_FALSE(outcomes[0]);
  auto other = scratch().Connect(clock());
  Give(*other, client, session, "gad7", 4, 6);
  ASSERT_TRUE(
      other->database().Execute("UPDATE client_revisions SET revision = ? WHERE client_id = ?",
                                {undone_revision, client.value()}));
  ExpectFresh(client, session, "the rollback and another connection's administration");
  auto read = store().ReadEpisodeOfSession(ana(), client, session);
  ASSERT_EQ(read->administrations.size(), 1u);
  EXPECT_EQ(read->administrations[0].instrument.value(), "gad7");
}

}  // namespace
}  // namespace tessera::store::testing
