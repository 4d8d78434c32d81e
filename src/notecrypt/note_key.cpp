#include "notecrypt/note_key.hpp"

#include <sodium.h>

#include <cctype>
#include <cstdlib>
#include <vector>

#include "notecrypt/base64_text.hpp"

namespace tessera {

// Reaches NoteKey's private constructor and members for the functions of this module only.
struct NoteKeyAccess {
  static Result<UnlockedNoteKey> Allocate() {
    if (sodium_init() < 0) std::abort();  // only without an entropy source
    void* memory = sodium_malloc(sizeof(NoteKey));
    if (memory == nullptr) return Unavailable("note key: no guarded memory left");
    NoteKey* key = new (memory) NoteKey();
    return UnlockedNoteKey(key, [](const NoteKey* held) {
      held->~NoteKey();
      sodium_free(const_cast<NoteKey*>(held));  // zeroes the memory before releasing it
    });
  }
  static unsigned char* Public(const NoteKey& key) {
    return const_cast<unsigned char*>(key.public_key_.data());
  }
  static unsigned char* Secret(const NoteKey& key) {
    return const_cast<unsigned char*>(key.secret_key_.data());
  }
};

namespace {

constexpr std::string_view kWrapVersion = "v1";
constexpr char kRecoveryAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";  // RFC 4648 base32
constexpr std::size_t kRecoveryBytes = 20;

std::string WrapContext(UserId user) {
  return "tessera psychotherapy-note key v1; account " + std::to_string(user.value());
}

Status DeriveWrappingKey(std::string_view secret, const std::vector<unsigned char>& salt,
                         KeyDerivationCost cost, unsigned char* key_out) {
  if (crypto_pwhash(key_out, crypto_aead_xchacha20poly1305_ietf_KEYBYTES, secret.data(),
                    secret.size(), salt.data(), cost.passes, cost.memory_bytes,
                    crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Unavailable("note key: argon2id ran out of memory");
  return Ok();
}

}  // namespace

Result<UnlockedNoteKey> NewNoteKey() {
  TRY_ASSIGN(UnlockedNoteKey key, NoteKeyAccess::Allocate());
  crypto_box_keypair(NoteKeyAccess::Public(*key), NoteKeyAccess::Secret(*key));
  return key;
}

std::string PublicKeyText(const NoteKey& key) {
  return Base64Text(key.public_key().data(), key.public_key().size());
}

std::string NewRecoveryCode() {
  if (sodium_init() < 0) std::abort();
  unsigned char random[kRecoveryBytes];
  randombytes_buf(random, sizeof random);
  std::string code;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char byte : random) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      if (!code.empty() && code.size() % 5 == 4) code += '-';
      code += kRecoveryAlphabet[(buffer >> (bits - 5)) & 31u];
      bits -= 5;
    }
  }
  sodium_memzero(random, sizeof random);
  return code;
}

std::string NormaliseRecoveryCode(std::string_view typed) {
  std::string code;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return code;
}

Result<std::string> WrapNoteKey(const NoteKey& key, std::string_view secret, UserId user,
                                KeyDerivationCost cost) {
  std::vector<unsigned char> salt(crypto_pwhash_SALTBYTES);
  randombytes_buf(salt.data(), salt.size());
  std::vector<unsigned char> nonce(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  randombytes_buf(nonce.data(), nonce.size());
  unsigned char wrapping[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
  TRY(DeriveWrappingKey(secret, salt, cost, wrapping));
  std::vector<unsigned char> sealed(NoteKey::kKeyBytes + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  const std::string context = WrapContext(user);
  unsigned long long sealed_length = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(sealed.data(), &sealed_length, key.secret_key().data(),
                                             NoteKey::kKeyBytes,
                                             reinterpret_cast<const unsigned char*>(context.data()),
                                             context.size(), nullptr, nonce.data(), wrapping);
  sodium_memzero(wrapping, sizeof wrapping);
  return std::string(kWrapVersion) + "$" + std::to_string(cost.passes) + "$" +
         std::to_string(cost.memory_bytes) + "$" + Base64Text(salt.data(), salt.size()) + "$" +
         Base64Text(nonce.data(), nonce.size()) + "$" +
         Base64Text(sealed.data(), static_cast<std::size_t>(sealed_length));
}

Result<UnlockedNoteKey> UnwrapNoteKey(const std::string& wrap, const std::string& public_key_text,
                                      std::string_view secret, UserId user) {
  const std::vector<std::string> parts = SplitOn(wrap, '$');
  if (parts.size() != 6 || parts[0] != kWrapVersion)
    return DataLoss("note key of account " + std::to_string(user.value()) + ": malformed wrap");
  KeyDerivationCost cost;
  TRY_ASSIGN(std::vector<unsigned char> salt, FromBase64Text(parts[3]));
  TRY_ASSIGN(std::vector<unsigned char> nonce, FromBase64Text(parts[4]));
  TRY_ASSIGN(std::vector<unsigned char> sealed, FromBase64Text(parts[5]));
  TRY_ASSIGN(std::vector<unsigned char> public_key, FromBase64Text(public_key_text));
  try {
    cost.passes = std::stoull(parts[1]);
    cost.memory_bytes = static_cast<std::size_t>(std::stoull(parts[2]));
  } catch (const std::exception&) {
    return DataLoss("note key of account " + std::to_string(user.value()) + ": malformed cost");
  }
  if (salt.size() != crypto_pwhash_SALTBYTES ||
      nonce.size() != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES ||
      sealed.size() != NoteKey::kKeyBytes + crypto_aead_xchacha20poly1305_ietf_ABYTES ||
      public_key.size() != NoteKey::kKeyBytes)
    return DataLoss("note key of account " + std::to_string(user.value()) + ": wrong sizes");
  unsigned char wrapping[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
  TRY(DeriveWrappingKey(secret, salt, cost, wrapping));
  TRY_ASSIGN(UnlockedNoteKey key, NoteKeyAccess::Allocate());
  const std::string context = WrapContext(user);
  unsigned long long opened = 0;
  const int status = crypto_aead_xchacha20poly1305_ietf_decrypt(
      NoteKeyAccess::Secret(*key), &opened, nullptr, sealed.data(), sealed.size(),
      reinterpret_cast<const unsigned char*>(context.data()), context.size(), nonce.data(),
      wrapping);
  sodium_memzero(wrapping, sizeof wrapping);
  if (status != 0) return PermissionDenied("does not open this account's note key");
  // The public half is recomputed from the secret, and must be the stored one.
  crypto_scalarmult_base(NoteKeyAccess::Public(*key), NoteKeyAccess::Secret(*key));
  if (sodium_memcmp(NoteKeyAccess::Public(*key), public_key.data(), NoteKey::kKeyBytes) != 0)
    return DataLoss("note key of account " + std::to_string(user.value()) +
                    ": the wrap does not match the public key");
  return key;
}

}  // namespace tessera
