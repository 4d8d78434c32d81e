#include "json/object.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

namespace tessera {
namespace {

// Each case reads one member of `{"profile": <member>}` opened at path "profile" and expects
// either success ("") or exactly `message`.
struct ReadCase {
  const char* body;
  std::function<Status(const JsonObject&)> read;
  const char* message;
};

template <class T>
Status Discard(Result<T> result) {
  if (!result) return Propagate(result.error());
  return Ok();
}

void Check(const ReadCase& read_case) {
  const Result<nlohmann::json> value = ParseJson(read_case.body);
  ASSERT_TRUE(value) << read_case.body;
  const Result<JsonObject> object = JsonObject::Open(
      *value, "profile",
      {"preferences", "name", "when", "count", "score", "flag", "tags", "kind", "items", "note"});
  Status status = object ? read_case.read(*object) : Status(Propagate(object.error()));
  if (std::string(read_case.message).empty()) {
    EXPECT_TRUE(status) << read_case.body << ": " << status.error().message();
    return;
  }
  ASSERT_FALSE(status) << read_case.body;
  EXPECT_EQ(status.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.error().message(), read_case.message) << read_case.body;
}

TEST(JsonObject, RefusesWithFieldPathAndRule) {
  const auto preferences = [](const JsonObject& profile) -> Status {
    TRY_ASSIGN(JsonObject object, profile.Object("preferences", {"directiveness"}));
    return Discard(object.OptionalInteger("directiveness", -3, 3));
  };
  const ReadCase cases[] = {
      {R"({"preferences":{"directiveness":5}})", preferences,
       "profile.preferences.directiveness: 5 is out of range -3..3"},
      {R"({"preferences":{"directiveness":-4}})", preferences,
       "profile.preferences.directiveness: -4 is out of range -3..3"},
      {R"({"preferences":{"directiveness":3}})", preferences, ""},
      {R"({"preferences":{"directiveness":-3}})", preferences, ""},
      {R"({"preferences":{"directiveness":null}})", preferences, ""},
      {R"({"preferences":{"directiveness":18446744073709551615}})", preferences,
       "profile.preferences.directiveness: 18446744073709551615 is out of range -3..3"},
      {R"({"preferences":{"directiveness":1.5}})", preferences,
       "profile.preferences.directiveness: expected a whole number"},
      {R"({"preferences":{"directivenes":1}})", preferences,
       "profile.preferences.directivenes: unknown field (allowed here: directiveness)"},
      {R"({"preferences":[]})", preferences, "profile.preferences: expected an object"},
      {R"({})", preferences, "profile.preferences: required"},
      {R"({"other":1})", preferences,
       "profile.other: unknown field (allowed here: preferences, name, when, count, score, "
       "flag, tags, kind, items, note)"},
  };
  for (const ReadCase& read_case : cases) Check(read_case);
}

TEST(JsonObject, ScalarRules) {
  const auto name = [](const JsonObject& o) { return Discard(o.String("name")); };
  const auto short_note = [](const JsonObject& o) { return Discard(o.Text("note", 3)); };
  const auto optional_note = [](const JsonObject& o) {
    return Discard(o.OptionalString("note", "", 3));
  };
  const auto when = [](const JsonObject& o) { return Discard(o.Date("when")); };
  const auto score = [](const JsonObject& o) { return Discard(o.Number("score", 0, 1)); };
  const auto flag = [](const JsonObject& o) { return Discard(o.Bool("flag")); };
  const auto kind = [](const JsonObject& o) { return Discard(o.Choice("kind", {"a", "b"})); };
  const ReadCase cases[] = {
      {R"({"name":"Ada"})", name, ""},
      {R"({})", name, "profile.name: required"},
      {R"({"name":null})", name, "profile.name: required"},
      {R"({"name":3})", name, "profile.name: expected a string"},
      {R"({"name":""})", name, "profile.name: must not be empty"},
      {R"({"note":"abc"})", short_note, ""},
      {R"({"note":"abcd"})", short_note, "profile.note: longer than 3 bytes"},
      {R"({})", optional_note, ""},
      {R"({"note":""})", optional_note, ""},
      {R"({"note":"abcd"})", optional_note, "profile.note: longer than 3 bytes"},
      {R"({"when":"2026-02-28"})", when, ""},
      {R"({"when":"2026-02-30"})", when, "profile.when: expected a date YYYY-MM-DD"},
      {R"({"score":0})", score, ""},
      {R"({"score":1})", score, ""},
      {R"({"score":1.5})", score, "profile.score: 1.5 is out of range 0..1"},
      {R"({"score":-0.25})", score, "profile.score: -0.25 is out of range 0..1"},
      {R"({"score":"1"})", score, "profile.score: expected a number"},
      {R"({"flag":false})", flag, ""},
      {R"({"flag":0})", flag, "profile.flag: expected true or false"},
      {R"({"kind":"b"})", kind, ""},
      {R"({"kind":"c"})", kind, "profile.kind: 'c' is not one of: a, b"},
  };
  for (const ReadCase& read_case : cases) Check(read_case);
}

TEST(JsonObject, CollectionRules) {
  const auto tags = [](const JsonObject& o) { return Discard(o.Strings("tags")); };
  const auto items = [](const JsonObject& o) -> Status {
    TRY_ASSIGN(JsonArray list, o.Array("items", JsonPresence::kNonEmpty));
    for (std::size_t index = 0; index < list.size(); ++index) {
      TRY_ASSIGN(JsonObject item, list.Object(index, {"name"}));
      TRY(Discard(item.String("name")));
    }
    return Ok();
  };
  const auto score_map = [](const JsonObject& o) { return Discard(o.NumberMap("score")); };
  const ReadCase cases[] = {
      {R"({})", tags, ""},
      {R"({"tags":["a","b"]})", tags, ""},
      {R"({"tags":"a"})", tags, "profile.tags: expected an array"},
      {R"({"tags":["a",""]})", tags, "profile.tags[1]: must not be empty"},
      {R"({"tags":["a",2]})", tags, "profile.tags[1]: expected a string"},
      {R"({})", items, "profile.items: required"},
      {R"({"items":[]})", items, "profile.items: must not be empty"},
      {R"({"items":[{"name":"a"},{"name":"b"},{}]})", items, "profile.items[2].name: required"},
      {R"({"items":[{"name":"a"},{"nam":"b"}]})", items,
       "profile.items[1].nam: unknown field (allowed here: name)"},
      {R"({"items":[1]})", items, "profile.items[0]: expected an object"},
      {R"({"score":{"phq9":3}})", score_map, ""},
      {R"({"score":{"phq9":"3"}})", score_map, "profile.score.phq9: expected a number"},
  };
  for (const ReadCase& read_case : cases) Check(read_case);
}

TEST(JsonObject, DocumentPrefixesEveryMessageAndTopLevelIsNamed) {
  const Result<nlohmann::json> value = ParseJson(R"([1])");
  ASSERT_TRUE(value);
  const Result<JsonObject> top = JsonObject::Open(*value, "", {}, "episode.json");
  ASSERT_FALSE(top);
  EXPECT_EQ(top.error().message(), "episode.json: (top level): expected an object");
  const Result<nlohmann::json> object = ParseJson(R"({"a":{}})");
  ASSERT_TRUE(object);
  const Result<JsonObject> root = JsonObject::Open(*object, "", {"a"}, "episode.json");
  ASSERT_TRUE(root);
  const Result<JsonObject> inner = root->Object("a", {});
  ASSERT_TRUE(inner);
  EXPECT_EQ(inner->Fail("b", "required").error().message(), "episode.json: a.b: required");
}

}  // namespace
}  // namespace tessera
