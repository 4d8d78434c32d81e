#include <gtest/gtest.h>

#include "notecrypt/note_key.hpp"
#include "notecrypt/sealed_note.hpp"

namespace tessera {
namespace {

// The smallest argon2id cost libsodium allows, to keep the test fast; the cost is recorded in
// the wrap, so unwrapping reads it back.
constexpr KeyDerivationCost kCheap{1, 8192};

TEST(NoteKey, WrapOpensWithItsSecretOnlyAndForItsAccountOnly) {
  auto key = NewNoteKey();
  ASSERT_TRUE(key);
  auto wrap = WrapNoteKey(**key, "correct horse battery", UserId(7), kCheap);
  ASSERT_TRUE(wrap);
  const std::string public_key = PublicKeyText(**key);
  auto opened = UnwrapNoteKey(*wrap, public_key, "correct horse battery", UserId(7));
  ASSERT_TRUE(opened);
  EXPECT_EQ((*opened)->secret_key(), (*key)->secret_key());
  EXPECT_EQ(UnwrapNoteKey(*wrap, public_key, "wrong horse battery", UserId(7)).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(UnwrapNoteKey(*wrap, public_key, "correct horse battery", UserId(8)).error().code(),
            ErrorCode::kPermissionDenied);
  auto other = NewNoteKey();
  EXPECT_EQ(UnwrapNoteKey(*wrap, PublicKeyText(**other), "correct horse battery", UserId(7))
                .error()
                .code(),
            ErrorCode::kDataLoss);
}

TEST(NoteKey, RecoveryCodesAreFreshAndTypedInAnyCase) {
  const std::string code = NewRecoveryCode();
  EXPECT_EQ(code.size(), 39u);  // 32 base32 characters in 8 groups of 4 with 7 dashes
  EXPECT_NE(code, NewRecoveryCode());
  std::string typed = code;
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(NormaliseRecoveryCode(typed), NormaliseRecoveryCode(code));
  EXPECT_EQ(NormaliseRecoveryCode(code).size(), 32u);
}

TEST(SealedNote, OpensWithTheAuthorsKeyForItsOwnRowOnly) {
  auto author = NewNoteKey();
  auto stranger = NewNoteKey();
  const NoteBinding binding{NoteId(3), ClientId(4), UserId(5)};
  auto sealed = SealNoteText("CANARY process note", PublicKeyText(**author), binding);
  ASSERT_TRUE(sealed);
  EXPECT_EQ(sealed->find("CANARY"), std::string::npos);
  EXPECT_EQ(OpenNoteText(*sealed, **author, binding).value_or(""), "CANARY process note");
  EXPECT_FALSE(OpenNoteText(*sealed, **stranger, binding));
  EXPECT_FALSE(OpenNoteText(*sealed, **author, NoteBinding{NoteId(9), ClientId(4), UserId(5)}));
  EXPECT_FALSE(OpenNoteText(*sealed, **author, NoteBinding{NoteId(3), ClientId(6), UserId(5)}));
  std::string tampered = *sealed;
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(OpenNoteText(tampered, **author, binding));
}

}  // namespace
}  // namespace tessera
