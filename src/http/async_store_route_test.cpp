// Asynchronous store-backed routes over real loopback sockets, the real dispatcher and a
// commit queue on a real SQLite store. The writer thread is held inside a unit (WriterHold)
// while requests queue up behind it, so nothing depends on timing: with one handler thread,
// every request reaches the queue (no thread waits for a commit); none is answered before its
// batch committed; a failed batch answers each with the error; a shutdown answers the queued
// ones; a throwing unit fails alone. The response is rendered off the writer thread.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "http/error_response.hpp"
#include "http/routes/route_support.hpp"
#include "http/server.hpp"
#include "http/testing/test_stack.hpp"
#include "store/open_store.hpp"
#include "store/sql/sql_store.hpp"
#include "store/testing/writer_hold.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

constexpr const char* kHash =
    "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
    "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

// One request on its own connection (Connection: close), sent now, read later.
class Client {
 public:
  Client(std::uint16_t port, const std::string& target) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    timeval limit{60, 0};  // a broken server deadlocks: fail instead of hanging
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const std::string request = "POST " + target +
                                " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
                                "Content-Length: 0\r\n\r\n";
    sent_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
            ::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) ==
                static_cast<ssize_t>(request.size());
  }
  ~Client() { ::close(fd_); }
  bool sent() const { return sent_; }
  // Whether any answer has arrived yet (without waiting).
  bool Answered() const {
    pollfd ready{fd_, POLLIN, 0};
    return ::poll(&ready, 1, 0) > 0;
  }
  // Reads until the server closes: the status (0: none) and the body.
  std::pair<int, std::string> Read() const {
    std::string raw;
    char buffer[4096];
    for (ssize_t got; (got = ::recv(fd_, buffer, sizeof buffer, 0)) > 0;) raw.append(buffer, got);
    if (raw.rfind("HTTP/1.1 ", 0) != 0) return {0, raw};
    const auto body_start = raw.find("\r\n\r\n");
    return {std::stoi(raw.substr(9, 3)),
            body_start == std::string::npos ? "" : raw.substr(body_start + 4)};
  }

 private:
  int fd_;
  bool sent_ = false;
};

class AsyncStoreRouteTest : public ::testing::Test, protected testing::TestStack {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "tessera-async-XXXXXX").string();
    directory_ = mkdtemp(pattern.data());
    auto setup = Open(store::Creation::kCreateIfMissing);
    const UserId admin =
        setup->CreateUser(AccessContext::Bootstrap(), User{{}, "admin", Role::kAdmin, kHash, {}})
            .value();
    const UserId ana =
        setup->CreateUser(AccessContext::For(admin), User{{}, "ana", Role::kClinician, kHash, {}})
            .value();
    ana_ = AccessContext::For(ana);
    client_ = setup->CreateClient(ana_, {"Dana Example", "", "", ""}, {}).value();
    std::vector<std::unique_ptr<Store>> connections;
    connections.push_back(Open(store::Creation::kMustExist));
    pool_ = StorePool::Create(std::move(connections),
                              std::make_unique<store::CommitQueue>(
                                  Open(store::Creation::kMustExist), store::CommitQueue::Options{}))
                .value();
    reader_ = Open(store::Creation::kMustExist);
    ASSERT_TRUE(routes_added);
    // POST /notes/{text}: writes a progress note in a unit and answers its id, rendered after
    // the commit. "throw" makes the unit throw.
    ASSERT_TRUE(table
                    .Add({.method = Method::kPost,
                          .pattern = "/notes/{text}",
                          .authentication = Authentication::kPublic,
                          .summary = "writes a note",
                          .async_handler =
                              [this](const HandlerContext& context, Responder responder) {
                                WriteNote(context, std::move(responder));
                              }})
                    .has_value());
    StartServer();
  }
  void TearDown() override {
    StopServer();
    pool_.reset();
    reader_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }

  void WriteNote(const HandlerContext& context, Responder responder) {
    const std::string text = context.path_params.at("text");
    RespondAfterCommit<std::int64_t>(
        *pool_, std::move(responder),
        [this, text](Store& store) -> Result<std::int64_t> {
          RecordThread(writer_thread_);
          if (text == "throw") throw std::runtime_error("boom");
          TRY_ASSIGN(
              auto note,
              store.WriteProgressNote(
                  ana_, ProgressNote{{}, client_, std::nullopt, {}, {}, text, std::nullopt}));
          return note.value();
        },
        [this](std::int64_t& id) -> Result<Response> {
          RecordThread(render_thread_);
          return JsonResponse(201, json{{"id", id}}.dump());
        });
    std::lock_guard lock(mutex_);
    ++queued_;
    changed_.notify_all();
  }
  void RecordThread(std::thread::id& slot) {
    std::lock_guard lock(mutex_);
    slot = std::this_thread::get_id();
  }
  // Waits until `count` requests have handed their unit to the queue (a 60 s guard against a
  // deadlock, not a timing assumption).
  bool WaitUntilQueued(int count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(60), [&] { return queued_ >= count; });
  }

  void StartServer() {
    ServerConfig config;
    config.port = 0;
    config.threads = 1;
    config.handler_threads = 1;  // one handler thread: it must never wait for a commit
    ServerHandlers handlers;
    handlers.handle = [this](Request request, std::shared_ptr<ResponseSink> sink) {
      dispatcher.Handle(std::move(request), std::move(sink));
    };
    handlers.reject = [this](const Error& error, int status, const Request& request) {
      return dispatcher.Reject(error, status, request);
    };
    handlers.execution = [this](Request& request) { return dispatcher.ExecutionOf(request); };
    server_ = Server::Create(config, std::move(handlers)).value();
    runner_ = std::thread([this] {
      io_thread_ = std::this_thread::get_id();
      server_->Run();
    });
  }
  void StopServer() {
    if (!server_) return;
    server_->Stop();
    runner_.join();
    server_.reset();
  }

  std::unique_ptr<store::SqlStore> Open(store::Creation creation) {
    return store::OpenStore(directory_ + "/clinic.db", system_clock_, {.creation = creation})
        .value();
  }
  bool NoteIsCommitted(std::int64_t id) {
    auto rows = reader_->database().Query("SELECT COUNT(*) FROM progress_notes WHERE id = ?", {id});
    return rows && (*rows)[0].Int(0) == 1;
  }
  std::int64_t CommittedNotes() {
    return (*reader_->database().Query("SELECT COUNT(*) FROM progress_notes", {}))[0].Int(0);
  }

  SystemClock system_clock_;
  std::string directory_;
  AccessContext ana_;
  ClientId client_;
  std::unique_ptr<StorePool> pool_;
  std::unique_ptr<store::SqlStore> reader_;
  std::unique_ptr<Server> server_;
  std::thread runner_;
  std::thread::id io_thread_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int queued_ = 0;
  std::thread::id writer_thread_;
  std::thread::id render_thread_;
};

TEST_F(AsyncStoreRouteTest, RequestsBehindABusyWriterAreAnsweredOnlyAfterTheirCommit) {
  constexpr int kRequests = 8;
  std::vector<std::unique_ptr<Client>> clients;
  {
    store::testing::WriterHold hold(*pool_);
    for (int index = 0; index < kRequests; ++index) {
      clients.push_back(
          std::make_unique<Client>(server_->port(), "/notes/n" + std::to_string(index)));
      ASSERT_TRUE(clients.back()->sent());
    }
    // All eight reached the queue through the one handler thread: none of them waits.
    ASSERT_TRUE(WaitUntilQueued(kRequests));
    for (const auto& client : clients) EXPECT_FALSE(client->Answered());
    EXPECT_EQ(CommittedNotes(), 0);
  }
  for (const auto& client : clients) {
    const auto [status, body] = client->Read();
    ASSERT_EQ(status, 201) << body;
    // Answered means committed: another connection sees the note.
    EXPECT_TRUE(NoteIsCommitted(json::parse(body)["id"].get<std::int64_t>()));
  }
  EXPECT_EQ(CommittedNotes(), kRequests);
  // The unit ran on the writer thread; the response was rendered on the event loop.
  std::lock_guard lock(mutex_);
  EXPECT_NE(writer_thread_, std::thread::id());
  EXPECT_NE(writer_thread_, render_thread_);
  EXPECT_EQ(render_thread_, io_thread_);
}

TEST_F(AsyncStoreRouteTest, AFailedCommitAnswersEveryRequestOfTheBatchWithTheError) {
  constexpr int kRequests = 4;
  std::vector<std::unique_ptr<Client>> clients;
  {
    store::testing::WriterHold hold(*pool_);
    for (int index = 0; index < kRequests; ++index) {
      clients.push_back(
          std::make_unique<Client>(server_->port(), "/notes/lost" + std::to_string(index)));
    }
    ASSERT_TRUE(WaitUntilQueued(kRequests));
    // The batch's transaction is lost under its units (as when a PostgreSQL connection is cut).
    pool_->Submit(
        [](Store& store) -> Status {
          return dynamic_cast<store::SqlStore&>(store).database().Execute("ROLLBACK");
        },
        [](Status) {});
  }
  for (const auto& client : clients) {
    const auto [status, body] = client->Read();
    EXPECT_EQ(status, 503) << body;
    EXPECT_NE(body.find("could not commit"), std::string::npos) << body;
  }
  EXPECT_EQ(CommittedNotes(), 0);
}

TEST_F(AsyncStoreRouteTest, AShutdownAnswersTheRequestsWhoseUnitsAreQueued) {
  constexpr int kRequests = 4;
  std::vector<std::unique_ptr<Client>> clients;
  {
    store::testing::WriterHold hold(*pool_);
    for (int index = 0; index < kRequests; ++index) {
      clients.push_back(
          std::make_unique<Client>(server_->port(), "/notes/s" + std::to_string(index)));
    }
    ASSERT_TRUE(WaitUntilQueued(kRequests));
    server_->Stop();  // the requests are in hand: they must still be answered
  }
  for (const auto& client : clients) EXPECT_EQ(client->Read().first, 201);
  StopServer();  // Run() has returned
  EXPECT_EQ(CommittedNotes(), kRequests);
}

TEST_F(AsyncStoreRouteTest, AUnitThatThrowsIsAnswered500AndTheOthersSucceed) {
  std::vector<std::unique_ptr<Client>> clients;
  {
    store::testing::WriterHold hold(*pool_);
    for (const char* text : {"before", "throw", "after"}) {
      clients.push_back(std::make_unique<Client>(server_->port(), std::string("/notes/") + text));
      ASSERT_TRUE(WaitUntilQueued(static_cast<int>(clients.size())));  // in this order
    }
  }
  EXPECT_EQ(clients[0]->Read().first, 201);
  const auto [status, body] = clients[1]->Read();
  EXPECT_EQ(status, 500);
  EXPECT_EQ(body.find("boom"), std::string::npos) << body;
  EXPECT_EQ(clients[2]->Read().first, 201);
  EXPECT_EQ(CommittedNotes(), 2);
}

}  // namespace
}  // namespace tessera::http
