// The store contract, accounts (schema version 2): account state, login sessions stored as
// hashes, client accounts reaching only their own record, and break-glass grants.

#include "store/testing/store_fixture.hpp"

namespace tessera::store::testing {
namespace {

ClientId ClientLedBy(SqlStore& store, const AccessContext& lead) {
  return store.CreateClient(lead, {"Name", "", "", ""}, {}).value();
}

LoginSession SessionOf(UserId user, const std::string& hash, TimePoint now) {
  return LoginSession{hash, user, now, now, "csrf"};
}

TEST_P(StoreContract, DisablingAnAccountRemovesItsSessionsAndItsAccess) {
  const ClientId client = ClientLedBy(store(), ana());
  ASSERT_TRUE(store().InsertLoginSession(SessionOf(*ana().actor, "hash-1", clock().Now())));
  ASSERT_TRUE(store().InsertLoginSession(SessionOf(*ana().actor, "hash-2", clock().Now())));
  ASSERT_TRUE(store().InsertLoginSession(SessionOf(*ben().actor, "hash-3", clock().Now())));
  EXPECT_EQ(
      store().InsertLoginSession(SessionOf(*ben().actor, "hash-3", clock().Now())).error().code(),
      ErrorCode::kAlreadyExists);
  EXPECT_EQ(store().SetAccountStatus(ana(), *ben().actor, AccountStatus::kDisabled).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(
      store().SetAccountStatus(admin(), *admin().actor, AccountStatus::kDisabled).error().code(),
      ErrorCode::kInvalidArgument);
  ASSERT_TRUE(store().SetAccountStatus(admin(), *ana().actor, AccountStatus::kDisabled));
  EXPECT_FALSE(*store().FindLoginSession("hash-1"));
  EXPECT_FALSE(*store().FindLoginSession("hash-2"));
  EXPECT_TRUE(*store().FindLoginSession("hash-3"));
  EXPECT_EQ((*store().FindAccountById(*ana().actor))->status, AccountStatus::kDisabled);
  // The store itself refuses a disabled actor, whatever the caller holds.
  EXPECT_EQ(store().GetClient(ana(), client).error().code(), ErrorCode::kUnauthenticated);
  ASSERT_TRUE(store().SetAccountStatus(admin(), *ana().actor, AccountStatus::kActive));
  EXPECT_TRUE(store().GetClient(ana(), client));
  EXPECT_EQ(
      store().SetAccountStatus(admin(), UserId(999999), AccountStatus::kActive).error().code(),
      ErrorCode::kNotFound);
}

TEST_P(StoreContract, LoginSessionsAreTouchedAndRemoved) {
  const TimePoint later = clock().Now() + std::chrono::minutes(5);
  ASSERT_TRUE(store().InsertLoginSession(SessionOf(*ben().actor, "hash-t", clock().Now())));
  ASSERT_TRUE(store().TouchLoginSession("hash-t", later));
  EXPECT_EQ((*store().FindLoginSession("hash-t"))->last_seen_at, later);
  ASSERT_TRUE(store().RemoveLoginSession("hash-t"));
  EXPECT_FALSE(*store().FindLoginSession("hash-t"));
  ASSERT_TRUE(store().RemoveLoginSession("hash-t"));  // already gone: no error
}

TEST_P(StoreContract, ClientAccountsReachOnlyTheirLinkedRecord) {
  const ClientId own = ClientLedBy(store(), ana());
  const ClientId other = ClientLedBy(store(), ana());
  const AccessContext client = AddUser("cli", Role::kClient);
  EXPECT_TRUE(store().ListClients(client)->empty());
  EXPECT_EQ(store().GetClient(client, own).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store().LinkClientAccount(admin(), *ben().actor, own).error().code(),
            ErrorCode::kInvalidArgument);  // only client accounts
  ASSERT_TRUE(store().LinkClientAccount(admin(), *client.actor, own));
  EXPECT_EQ(*store().ListClients(client), std::vector<ClientId>{own});
  EXPECT_TRUE(store().GetClient(client, own));
  EXPECT_EQ(store().GetClient(client, other).error().code(), ErrorCode::kNotFound);
}

TEST_P(StoreContract, BreakGlassIsExplicitTimeLimitedAuditedAndRaisesAnAlert) {
  const ClientId client = ClientLedBy(store(), ana());
  EXPECT_EQ(store().GetClient(ben(), client).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store().BreakGlass(ben(), client, "short", std::chrono::minutes(30)).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(store()
                .BreakGlass(ben(), client, "long enough reason", std::chrono::hours(13))
                .error()
                .code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(store()
                .BreakGlass(admin(), client, "long enough reason", std::chrono::minutes(30))
                .error()
                .code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(store()
                .BreakGlass(ben(), ClientId(999999), "long enough reason", std::chrono::minutes(30))
                .error()
                .code(),
            ErrorCode::kNotFound);
  auto grant =
      store().BreakGlass(ben(), client, "crisis call, lead away", std::chrono::minutes(30));
  ASSERT_TRUE(grant) << grant.error().message();
  EXPECT_TRUE(store().GetClient(ben(), client));
  const auto alerts = store().ListAlerts(ana(), client);
  ASSERT_TRUE(alerts);
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ(alerts->front().kind, "break_glass");
  EXPECT_EQ(alerts->front().detail.find("crisis"), std::string::npos);  // never the reason
  bool audited = false;
  const auto entries = store().ReadAudit(1, 10000);
  ASSERT_TRUE(entries);
  for (const AuditEntry& entry : *entries)
    audited |=
        entry.record_type == "break_glass" && entry.actor == ben().actor && entry.client == client;
  EXPECT_TRUE(audited);
  clock().Advance(std::chrono::minutes(31));
  EXPECT_EQ(store().GetClient(ben(), client).error().code(), ErrorCode::kNotFound);
}

TEST_P(StoreContract, SecondFactorIsTheActorsOwn) {
  ASSERT_TRUE(store().SetTotpSecret(ben(), "JBSWY3DPEHPK3PXP"));
  EXPECT_EQ((*store().FindAccountByName("ben"))->totp_secret_base32, "JBSWY3DPEHPK3PXP");
  EXPECT_EQ((*store().FindAccountByName("ana"))->totp_secret_base32, "");
  const auto accounts = store().ListAccounts(admin());
  ASSERT_TRUE(accounts);
  EXPECT_EQ(accounts->size(), 3u);
  for (const Account& account : *accounts) {
    EXPECT_TRUE(account.totp_secret_base32.empty());  // lists never carry secrets or hashes
    EXPECT_TRUE(account.user.password_hash.empty());
  }
  EXPECT_EQ(store().ListAccounts(ana()).error().code(), ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace tessera::store::testing

namespace tessera::store::testing {
namespace {

// Schema version 6: the HTTP server's login limits keep their counters in the store, so a
// restart (a new connection) sees them, and logins, logouts and failures are in the chain.
TEST_P(StoreContract, LoginCountersAndKnownSourcesPersistAndOldCountersAreForgotten) {
  const TimePoint now = clock().Now();
  const LoginCounter fresh{"key-fresh", 3, now - std::chrono::minutes(5), now};
  const LoginCounter stale{"key-stale", 9, now - std::chrono::hours(30),
                           now - std::chrono::hours(25)};
  ASSERT_TRUE(store().SaveLoginCounters({fresh, stale}, now - std::chrono::hours(48)));
  auto again = scratch().Connect(clock());  // another connection, as after a restart
  ASSERT_TRUE(again);
  auto found = again->FindLoginCounters({"key-fresh", "key-missing", "key-stale"});
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].key, "key-fresh");
  EXPECT_EQ((*found)[0].failures, 3);
  EXPECT_EQ((*found)[0].window_start, fresh.window_start);
  EXPECT_EQ((*found)[0].last_failure, now);
  // Replacing one counter, removing one by 0 failures, forgetting those failed before a day.
  ASSERT_TRUE(store().SaveLoginCounters({LoginCounter{"key-fresh", 4, fresh.window_start, now},
                                         LoginCounter{"key-other", 1, now, now}},
                                        now - std::chrono::hours(24)));
  found = store().FindLoginCounters({"key-fresh", "key-stale", "key-other"});
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].failures, 4);
  EXPECT_EQ((*found)[1].key, "key-other");
  ASSERT_TRUE(store().SaveLoginCounters({LoginCounter{"key-other", 0, now, now}},
                                        now - std::chrono::hours(24)));
  EXPECT_EQ(store().FindLoginCounters({"key-other"})->size(), 0u);

  EXPECT_FALSE(*store().IsKnownLoginSource("source-1", now - std::chrono::hours(1)));
  ASSERT_TRUE(store().RecordLoginEvent(LoginEvent::kLogin, *ana().actor, "source-1"));
  EXPECT_TRUE(*again->IsKnownLoginSource("source-1", now - std::chrono::hours(1)));
  EXPECT_FALSE(*store().IsKnownLoginSource("source-1", now + std::chrono::hours(1)));
}

TEST_P(StoreContract, LoginsLogoutsAndFailedLoginsAreInTheVerifiedChain) {
  const std::int64_t before = store().VerifyAudit()->entries_checked;
  ASSERT_TRUE(store().RecordLoginEvent(LoginEvent::kLoginFailure, *ana().actor, ""));
  ASSERT_TRUE(store().RecordLoginEvent(LoginEvent::kLoginFailure, std::nullopt, ""));
  ASSERT_TRUE(store().RecordLoginEvent(LoginEvent::kLogin, *ana().actor, "source"));
  ASSERT_TRUE(store().RecordLoginEvent(LoginEvent::kLogout, *ana().actor, ""));
  const auto verification = store().VerifyAudit();
  ASSERT_TRUE(verification);
  EXPECT_TRUE(verification->intact()) << verification->problem;
  EXPECT_EQ(verification->entries_checked, before + 4);
  const auto entries = store().ReadAudit(before + 1, 4);
  ASSERT_EQ(entries->size(), 4u);
  const std::string ana_id = std::to_string(ana().actor->value());
  EXPECT_EQ((*entries)[0].action, AuditAction::kLoginFailure);
  EXPECT_FALSE((*entries)[0].actor.has_value());  // nobody is signed in yet
  EXPECT_EQ((*entries)[0].record_id, ana_id);
  EXPECT_EQ((*entries)[1].record_id, "");  // an unknown username is never written down
  EXPECT_EQ((*entries)[2].action, AuditAction::kLogin);
  EXPECT_EQ((*entries)[2].actor, ana().actor);
  EXPECT_EQ((*entries)[3].action, AuditAction::kLogout);
  EXPECT_EQ((*entries)[3].record_type, "user");
}

}  // namespace
}  // namespace tessera::store::testing
