// Asynchronous routes through the dispatcher (no sockets): the answer comes later, from the
// Responder, with the same headers, metrics and log line as a synchronous route's; the request
// and its HandlerContext stay alive until then; the first answer wins; a dropped Responder or
// a throwing finishing step still answers (500).

#include <gtest/gtest.h>

#include <deque>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

#include "http/dispatcher.hpp"
#include "http/error_response.hpp"
#include "http/testing/test_stack.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

using testing::HeaderOf;

// A connection stand-in: records the answers it is sent and holds posted tasks until the
// test runs them (as the event loop would, later and on its own thread).
class RecordingSink final : public ResponseSink {
 public:
  void Send(Response response) override { sent.push_back(std::move(response)); }
  void Post(std::function<void()> task) override { posted.push_back(std::move(task)); }
  void RunPosted() {
    while (!posted.empty()) {
      std::function<void()> task = std::move(posted.front());
      posted.pop_front();
      task();
    }
  }
  std::vector<Response> sent;
  std::deque<std::function<void()>> posted;
};

class DispatcherAsyncTest : public ::testing::Test, protected testing::TestStack {
 protected:
  void SetUp() override {
    ASSERT_TRUE(routes_added);
    // Keeps its Responder for the test to answer; the answer echoes the path parameter and
    // the body, read only then (they must still be alive).
    ASSERT_TRUE(table
                    .Add({.method = Method::kPost,
                          .pattern = "/later/{item}",
                          .authentication = Authentication::kPublic,
                          .summary = "answered later",
                          .body = RequestBody::kJson,
                          .async_handler =
                              [this](const HandlerContext& context, Responder responder) {
                                contexts_.push_back(&context);
                                responders_.push_back(std::move(responder));
                              }})
                    .has_value());
  }

  Request Later(const std::string& item, const std::string& body = R"({"note":"kept"})") {
    return Make(Method::kPost, "/later/" + item, body);
  }
  // What the route's answer would say, from the request's context as it is now.
  static Result<Response> Echo(const HandlerContext& context) {
    return JsonResponse(
        201,
        json{{"item", context.path_params.at("item")}, {"note", (*context.body)["note"]}}.dump());
  }

  std::vector<const HandlerContext*> contexts_;
  std::vector<Responder> responders_;
};

TEST_F(DispatcherAsyncTest, TheAnswerComesFromTheResponderWithHeadersMetricsAndLogLine) {
  auto sink = std::make_shared<RecordingSink>();
  dispatcher.Handle(Later("7"), sink);
  ASSERT_EQ(responders_.size(), 1u);
  EXPECT_TRUE(sink->sent.empty());  // nothing is sent before the handler answers
  EXPECT_TRUE(log.lines().empty());

  responders_[0].Send(Echo(*contexts_[0]));  // the request is still alive here
  ASSERT_EQ(sink->sent.size(), 1u);
  const Response& answer = sink->sent[0];
  EXPECT_EQ(answer.status, 201);
  EXPECT_EQ(json::parse(answer.body), (json{{"item", "7"}, {"note", "kept"}}));
  EXPECT_EQ(HeaderOf(answer, "Cache-Control"), "no-store");
  EXPECT_EQ(HeaderOf(answer, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(HeaderOf(answer, "X-Request-Id").value().size(), 16u);
  const auto lines = log.lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(json::parse(lines[0])["route"], "POST /later/{item}");
  EXPECT_EQ(json::parse(lines[0])["status"], 201);
  EXPECT_EQ(json::parse(lines[0])["request_id"], HeaderOf(answer, "X-Request-Id").value());
  EXPECT_NE(metrics.RenderPrometheus().find(
                "tessera_http_requests_total{route=\"POST /later/{item}\",status=\"201\"} 1"),
            std::string::npos);
}

TEST_F(DispatcherAsyncTest, SendFromRunsTheFinishingStepOnTheConnectionNotOnTheCaller) {
  auto sink = std::make_shared<RecordingSink>();
  dispatcher.Handle(Later("8"), sink);
  const HandlerContext* context = contexts_.at(0);
  bool finished = false;
  responders_.at(0).SendFrom([&finished, context] {
    finished = true;
    return Echo(*context);
  });
  // The caller (think: the commit queue's writer thread) only posted the step.
  EXPECT_FALSE(finished);
  EXPECT_TRUE(sink->sent.empty());
  ASSERT_EQ(sink->posted.size(), 1u);
  responders_.clear();  // every Responder copy gone: the posted step keeps the request alive
  contexts_.clear();
  sink->RunPosted();
  EXPECT_TRUE(finished);
  ASSERT_EQ(sink->sent.size(), 1u);
  EXPECT_EQ(sink->sent[0].status, 201);
  EXPECT_EQ(json::parse(sink->sent[0].body)["item"], "8");
}

TEST_F(DispatcherAsyncTest, TheFirstAnswerWinsAndLaterOnesAreIgnored) {
  auto sink = std::make_shared<RecordingSink>();
  dispatcher.Handle(Later("9"), sink);
  const Responder copy = responders_.at(0);
  copy.Send(Unavailable("the store could not commit this batch"));
  responders_[0].Send(Echo(*contexts_[0]));
  responders_[0].SendFrom([] { return Result<Response>(JsonResponse(200, "{}")); });
  sink->RunPosted();
  ASSERT_EQ(sink->sent.size(), 1u);
  EXPECT_EQ(sink->sent[0].status, 503);
  EXPECT_EQ(log.lines().size(), 1u);
}

TEST_F(DispatcherAsyncTest, ADroppedResponderStillAnswers500) {
  auto sink = std::make_shared<RecordingSink>();
  dispatcher.Handle(Later("10"), sink);
  EXPECT_TRUE(sink->sent.empty());
  responders_.clear();  // a handler that lost its Responder (a bug)
  ASSERT_EQ(sink->sent.size(), 1u);
  EXPECT_EQ(sink->sent[0].status, 500);
}

TEST_F(DispatcherAsyncTest, AFinishingStepThatThrowsIs500WithoutItsMessage) {
  auto sink = std::make_shared<RecordingSink>();
  dispatcher.Handle(Later("11"), sink);
  responders_.at(0).SendFrom(
      []() -> Result<Response> { throw std::runtime_error("secret detail"); });
  sink->RunPosted();
  ASSERT_EQ(sink->sent.size(), 1u);
  EXPECT_EQ(sink->sent[0].status, 500);
  EXPECT_EQ(sink->sent[0].body.find("secret detail"), std::string::npos);
  bool logged_exception = false;
  for (const std::string& line : log.lines()) {
    EXPECT_EQ(line.find("secret detail"), std::string::npos) << line;
    if (json::parse(line)["event"] == "handler_exception") logged_exception = true;
  }
  EXPECT_TRUE(logged_exception);
}

TEST_F(DispatcherAsyncTest, RefusedRequestsAreAnsweredAtOnceWithoutTheHandler) {
  auto sink = std::make_shared<RecordingSink>();
  dispatcher.Handle(Later("12", "{not json"), sink);
  EXPECT_TRUE(responders_.empty());
  ASSERT_EQ(sink->sent.size(), 1u);
  EXPECT_EQ(sink->sent[0].status, 400);
}

// The blocking form (tests and tools) waits for the Responder and runs the finishing step on
// the waiting thread.
TEST_F(DispatcherAsyncTest, TheBlockingHandleWaitsForTheAnswer) {
  ASSERT_TRUE(table
                  .Add({.method = Method::kGet,
                        .pattern = "/finished-elsewhere",
                        .authentication = Authentication::kPublic,
                        .summary = "finished by a posted step",
                        .async_handler =
                            [](const HandlerContext&, Responder responder) {
                              std::move(responder).SendFrom(
                                  [] { return Result<Response>(JsonResponse(202, "{}")); });
                            }})
                  .has_value());
  EXPECT_EQ(dispatcher.Handle(Make(Method::kGet, "/finished-elsewhere")).status, 202);
}

}  // namespace
}  // namespace tessera::http
