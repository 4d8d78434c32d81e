// The store contract for account security and the later record calls of issue 7: password
// change and admin resets (sessions end in the same transaction), TOTP reset, audited reads of
// the audit log, the therapist list and amended client identifiers with their history.

#include "store/testing/store_fixture.hpp"

namespace tessera::store::testing {
namespace {

LoginSession SessionOf(UserId user, const std::string& hash, TimePoint now) {
  return LoginSession{hash, user, now, now, "csrf"};
}

TEST_P(StoreContract, ChangingOwnPasswordEndsEveryOtherSession) {
  ASSERT_TRUE(store().InsertLoginSession(SessionOf(*ana().actor, "mine", clock().Now())));
  ASSERT_TRUE(store().InsertLoginSession(SessionOf(*ana().actor, "stolen", clock().Now())));
  ASSERT_TRUE(store().InsertLoginSession(SessionOf(*ben().actor, "bens", clock().Now())));
  ASSERT_TRUE(store().ChangeOwnPassword(ana(), "$argon2id$new", "mine"));
  EXPECT_EQ((*store().FindAccountById(*ana().actor))->user.password_hash, "$argon2id$new");
  EXPECT_TRUE(*store().FindLoginSession("mine"));
  EXPECT_FALSE(*store().FindLoginSession("stolen"));
  EXPECT_TRUE(*store().FindLoginSession("bens"));
  const AuditEntry entry = LastAuditEntry();
  EXPECT_EQ(entry.record_type, "user_password");
  EXPECT_EQ(entry.actor, ana().actor);
  EXPECT_EQ(entry.action, AuditAction::kAmend);
  EXPECT_EQ(store().ChangeOwnPassword(ana(), "", "mine").error().code(),
            ErrorCode::kInvalidArgument);
}

TEST_P(StoreContract, AdminResetsEndAllSessionsAndAreRefusedOnTheirOwnAccount) {
  ASSERT_TRUE(store().InsertLoginSession(SessionOf(*ana().actor, "a1", clock().Now())));
  ASSERT_TRUE(store().SetTotpSecret(ana(), "JBSWY3DPEHPK3PXP"));
  ASSERT_TRUE(store().ResetTotp(admin(), *ana().actor));
  EXPECT_EQ((*store().FindAccountById(*ana().actor))->totp_secret_base32, "");
  EXPECT_FALSE(*store().FindLoginSession("a1"));
  EXPECT_EQ(LastAuditEntry().record_type, "user_second_factor");
  EXPECT_EQ(LastAuditEntry().record_id, std::to_string(ana().actor->value()));
  EXPECT_EQ(LastAuditEntry().actor, admin().actor);

  ASSERT_TRUE(store().InsertLoginSession(SessionOf(*ana().actor, "a2", clock().Now())));
  ASSERT_TRUE(store().ResetPassword(admin(), *ana().actor, "$argon2id$reset"));
  EXPECT_EQ((*store().FindAccountById(*ana().actor))->user.password_hash, "$argon2id$reset");
  EXPECT_FALSE(*store().FindLoginSession("a2"));
  EXPECT_EQ(LastAuditEntry().record_type, "user_password");

  struct Refusal {
    const AccessContext* actor;
    UserId target;
    ErrorCode code;
  };
  const Refusal refusals[] = {{&ana(), *ben().actor, ErrorCode::kPermissionDenied},
                              {&admin(), *admin().actor, ErrorCode::kInvalidArgument},
                              {&admin(), UserId(999999), ErrorCode::kNotFound}};
  for (const Refusal& refusal : refusals) {
    EXPECT_EQ(store().ResetTotp(*refusal.actor, refusal.target).error().code(), refusal.code);
    EXPECT_EQ(store().ResetPassword(*refusal.actor, refusal.target, "$h").error().code(),
              refusal.code);
  }
}

TEST_P(StoreContract, ReadingTheAuditLogIsAudited) {
  ASSERT_TRUE(store().AuditLogRead(admin(), "audit_entries"));
  AuditEntry entry = LastAuditEntry();
  EXPECT_EQ(entry.actor, admin().actor);
  EXPECT_EQ(entry.record_type, "audit_entries");
  EXPECT_EQ(entry.action, AuditAction::kRead);
  EXPECT_FALSE(entry.client);
  EXPECT_EQ(entry.sensitivity, Sensitivity::kAdministrative);
  ASSERT_TRUE(store().AuditLogRead(admin(), "audit_verification"));
  EXPECT_EQ(LastAuditEntry().action, AuditAction::kVerify);
  EXPECT_EQ(store().AuditLogRead(ana(), "audit_entries").error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(LastAuditEntry().action, AuditAction::kDeny);
  EXPECT_EQ(store().AuditLogRead(admin(), "everything").error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_TRUE(store().VerifyAudit()->intact());
}

TEST_P(StoreContract, TherapistListHoldsCurrentVersionsInIdOrder) {
  EXPECT_TRUE(store().ListTherapists(ana())->empty());
  Therapist second;
  second.id = TherapistId("zoe-pd");
  second.display_name = "Zoe";
  second.home_model = ModelId("psychodynamic");
  ASSERT_TRUE(store().CreateTherapist(admin(), second));
  Therapist first;
  first.id = TherapistId("ana-cbt");
  first.display_name = "Ana";
  first.home_model = ModelId("cbt");
  first.competencies.push_back(
      {ModelId("cbt"), std::nullopt, Competence::kExpert, {"course", "cert", 120.0}});
  ASSERT_TRUE(store().CreateTherapist(admin(), first));
  first.version = 1;
  first.display_name = "Ana B.";
  first.competencies.push_back({ModelId("act"), std::nullopt, Competence::kCompetent, {}});
  ASSERT_EQ(*store().UpdateTherapist(admin(), first), 2);

  auto list = store().ListTherapists(ana());
  ASSERT_TRUE(list) << list.error().message();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id.value(), "ana-cbt");
  EXPECT_EQ((*list)[0].version, 2);
  EXPECT_EQ((*list)[0].display_name, "Ana B.");
  ASSERT_EQ((*list)[0].competencies.size(), 2u);
  EXPECT_EQ((*list)[0].competencies[0].evidence.supervised_hours, 120.0);
  EXPECT_EQ((*list)[0].competencies[1].model.value(), "act");
  EXPECT_EQ((*list)[1].id.value(), "zoe-pd");
  EXPECT_TRUE((*list)[1].competencies.empty());
  EXPECT_EQ(LastAuditEntry().record_type, "therapist_list");

  const AccessContext client = AddUser("cli", Role::kClient);
  EXPECT_EQ(store().ListTherapists(client).error().code(), ErrorCode::kPermissionDenied);
}

TEST_P(StoreContract, AmendedIdentifiersAreNewVersionsAndTheOldOnesStay) {
  const ClientId client =
      store().CreateClient(ana(), {"Old Name", "1980-02-03", "a@b", ""}, {}).value();
  EXPECT_EQ(store().GetClient(ana(), client)->identifiers_version, 1);
  auto amended = store().AmendIdentifiers(ana(), client, 1, {"New Name", "1980-02-03", "", "R1"});
  ASSERT_TRUE(amended) << amended.error().message();
  EXPECT_EQ(*amended, 2);
  EXPECT_EQ(LastAuditEntry().action, AuditAction::kAmend);
  EXPECT_EQ(LastAuditEntry().record_type, "client_identifiers");
  EXPECT_EQ(LastAuditEntry().sensitivity, Sensitivity::kIdentifying);
  const Client read = store().GetClient(ana(), client).value();
  EXPECT_EQ(read.identifiers.name, "New Name");
  EXPECT_EQ(read.identifiers.external_reference, "R1");
  EXPECT_EQ(read.identifiers_version, 2);
  // Stale version, another team's clinician, bad identifiers: refused, nothing stored.
  EXPECT_EQ(store().AmendIdentifiers(ana(), client, 1, {"X", "", "", ""}).error().code(),
            ErrorCode::kConflict);
  EXPECT_EQ(store().AmendIdentifiers(ben(), client, 2, {"X", "", "", ""}).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(store().AmendIdentifiers(ana(), client, 2, {"", "", "", ""}).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(store().AmendIdentifiers(ana(), client, 2, {"X", "03/02/1980", "", ""}).error().code(),
            ErrorCode::kInvalidArgument);
  auto amendments = store().database().Query(
      "SELECT COUNT(*) FROM client_identifier_amendments WHERE client_id = ?", {client.value()});
  EXPECT_EQ(amendments->at(0).Int(0), 1);
  auto original = store().database().Query(
      "SELECT name FROM client_identifiers WHERE client_id = ?", {client.value()});
  EXPECT_EQ(original->at(0).Text(0), "Old Name");
  // The database itself refuses to change an amendment.
  EXPECT_FALSE(store().database().Execute(
      "UPDATE client_identifier_amendments SET name = 'Y' WHERE client_id = ?", {client.value()}));
  EXPECT_EQ(*store().AmendIdentifiers(ana(), client, 2, {"Third", "", "", ""}), 3);
  EXPECT_EQ(store().GetClient(ana(), client)->identifiers.name, "Third");

  auto history = store().ListIdentifierVersions(ana(), client);
  ASSERT_TRUE(history) << history.error().message();
  ASSERT_EQ(history->size(), 3u);
  const char* names[] = {"Old Name", "New Name", "Third"};
  for (std::size_t index = 0; index < 3; ++index) {
    EXPECT_EQ((*history)[index].version, static_cast<std::int64_t>(index) + 1);
    EXPECT_EQ((*history)[index].identifiers.name, names[index]);
    EXPECT_EQ((*history)[index].recorded_by, ana().actor);
  }
  EXPECT_EQ((*history)[0].identifiers.contact, "a@b");
  EXPECT_EQ(LastAuditEntry().record_type, "client_identifier_history");
  EXPECT_EQ(store().ListIdentifierVersions(ben(), client).error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace tessera::store::testing
