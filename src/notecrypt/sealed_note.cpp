#include "notecrypt/sealed_note.hpp"

#include <sodium.h>

#include <cstdlib>
#include <vector>

#include "notecrypt/base64_text.hpp"

namespace tessera {
namespace {

constexpr std::string_view kSealVersion = "v1";
constexpr std::size_t kNoteKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;

std::string AssociatedData(const NoteBinding& binding) {
  return "tessera psychotherapy note v1; note " + std::to_string(binding.note.value()) +
         "; client " + std::to_string(binding.client.value()) + "; author " +
         std::to_string(binding.author.value());
}

Error Unopenable(const NoteBinding& binding) {
  return Error(ErrorCode::kDataLoss, "psychotherapy note " + std::to_string(binding.note.value()) +
                                         " does not open with its author's note key");
}

}  // namespace

Result<std::string> SealNoteText(std::string_view text, const std::string& public_key_text,
                                 const NoteBinding& binding) {
  if (sodium_init() < 0) std::abort();
  TRY_ASSIGN(std::vector<unsigned char> public_key, FromBase64Text(public_key_text));
  if (public_key.size() != crypto_box_PUBLICKEYBYTES)
    return DataLoss("note key of account " + std::to_string(binding.author.value()) +
                    ": malformed public key");
  unsigned char note_key[kNoteKeyBytes];
  crypto_aead_xchacha20poly1305_ietf_keygen(note_key);
  std::vector<unsigned char> nonce(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  randombytes_buf(nonce.data(), nonce.size());
  std::vector<unsigned char> ciphertext(text.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned long long ciphertext_length = 0;
  const std::string associated = AssociatedData(binding);
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      ciphertext.data(), &ciphertext_length, reinterpret_cast<const unsigned char*>(text.data()),
      text.size(), reinterpret_cast<const unsigned char*>(associated.data()), associated.size(),
      nullptr, nonce.data(), note_key);
  std::vector<unsigned char> sealed_key(kNoteKeyBytes + crypto_box_SEALBYTES);
  crypto_box_seal(sealed_key.data(), note_key, kNoteKeyBytes, public_key.data());
  sodium_memzero(note_key, sizeof note_key);
  return std::string(kSealVersion) + "$" + Base64Text(sealed_key.data(), sealed_key.size()) + "$" +
         Base64Text(nonce.data(), nonce.size()) + "$" +
         Base64Text(ciphertext.data(), static_cast<std::size_t>(ciphertext_length));
}

Result<std::string> OpenNoteText(const std::string& sealed, const NoteKey& key,
                                 const NoteBinding& binding) {
  const std::vector<std::string> parts = SplitOn(sealed, '$');
  if (parts.size() != 4 || parts[0] != kSealVersion) return Propagate(Unopenable(binding));
  TRY_ASSIGN(std::vector<unsigned char> sealed_key, FromBase64Text(parts[1]));
  TRY_ASSIGN(std::vector<unsigned char> nonce, FromBase64Text(parts[2]));
  TRY_ASSIGN(std::vector<unsigned char> ciphertext, FromBase64Text(parts[3]));
  if (sealed_key.size() != kNoteKeyBytes + crypto_box_SEALBYTES ||
      nonce.size() != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES ||
      ciphertext.size() < crypto_aead_xchacha20poly1305_ietf_ABYTES)
    return Propagate(Unopenable(binding));
  unsigned char note_key[kNoteKeyBytes];
  if (crypto_box_seal_open(note_key, sealed_key.data(), sealed_key.size(), key.public_key().data(),
                           key.secret_key().data()) != 0)
    return Propagate(Unopenable(binding));
  std::string text(ciphertext.size() - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long text_length = 0;
  const std::string associated = AssociatedData(binding);
  const int status = crypto_aead_xchacha20poly1305_ietf_decrypt(
      reinterpret_cast<unsigned char*>(text.data()), &text_length, nullptr, ciphertext.data(),
      ciphertext.size(), reinterpret_cast<const unsigned char*>(associated.data()),
      associated.size(), nonce.data(), note_key);
  sodium_memzero(note_key, sizeof note_key);
  if (status != 0) return Propagate(Unopenable(binding));
  text.resize(static_cast<std::size_t>(text_length));
  return text;
}

}  // namespace tessera
