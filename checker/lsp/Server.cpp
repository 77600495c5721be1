//===- Server.cpp - `retcheck lsp`: the language server -------------------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Server.h"
#include "CompileCommandsLookup.h"
#include "DocumentAnalysis.h"
#include "DocumentStore.h"
#include "JobProcess.h"
#include "Protocol.h"
#include "Transport.h"

#include "output/Version.h"

#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <optional>
#include <poll.h>
#include <set>
#include <unistd.h>

namespace retcheck::lsp {

namespace {

using Clock = std::chrono::steady_clock;

/// A handler's complaint about a message: answered as an error.
struct RequestError {
  ErrorCode Code;
  std::string Message;
};

llvm::raw_ostream &log() { return llvm::errs() << "retcheck lsp: "; }

class Server {
public:
  explicit Server(const ServerOptions &Options) : Options(Options) {}
  int run();

private:
  /// An analysis wanted or under way for a document.
  struct Job {
    int64_t Version = 0;
    std::optional<Clock::time_point> Due; ///< set: waiting to start
    std::unique_ptr<JobProcess> Process;  ///< set: running
  };

  const ServerOptions &Options;
  MessageReader Reader;
  DocumentStore Documents;
  std::map<std::string, Job> Jobs; ///< by URI
  bool Initialized = false, ShuttingDown = false;
  std::optional<int> ExitCode;
  // What the client supports.
  bool ClientProgress = false, ClientWatchRegistration = false;
  // $/progress for the first parse.
  enum class FirstParse { NotStarted, Creating, Begun, Done };
  FirstParse Progress = FirstParse::NotStarted;
  std::string ProgressUri;
  int NextRequestId = 1;
  std::set<std::string> RulesFiles, Watched;
  CompileDatabases Databases;

  void send(const json &Message) {
    if (!writeFrame(
            STDOUT_FILENO,
            Message.dump(-1, ' ', false, json::error_handler_t::replace)))
      ExitCode = 1; // the client is gone
  }
  void reply(const json &Id, json Result) {
    send({{"jsonrpc", "2.0"}, {"id", Id}, {"result", std::move(Result)}});
  }
  void replyError(const json &Id, ErrorCode Code, const std::string &Message) {
    send({{"jsonrpc", "2.0"},
          {"id", Id},
          {"error", {{"code", static_cast<int>(Code)}, {"message", Message}}}});
  }
  void notify(const std::string &Method, json Params) {
    send({{"jsonrpc", "2.0"},
          {"method", Method},
          {"params", std::move(Params)}});
  }
  void request(const std::string &Method, json Params) {
    send({{"jsonrpc", "2.0"},
          {"id", "retcheck-" + std::to_string(NextRequestId++)},
          {"method", Method},
          {"params", std::move(Params)}});
  }
  void showMessage(int Type, const std::string &Text) {
    notify("window/showMessage", {{"type", Type}, {"message", Text}});
  }

  void readInput();
  void handleFrame(const MessageReader::Frame &F);
  void handleMessage(const json &Message);
  json handleRequest(const std::string &Method, const json &Params);
  void handleNotification(const std::string &Method, const json &Params);
  void handleResponse(const json &Message);

  json initialize(const json &Params);
  void registerWatchers();
  json hover(const json &Params);
  json codeActions(const json &Params);
  void watchedFilesChanged(const json &Params);

  Document &documentOf(const json &Params);
  void schedule(const std::string &Uri, const Document &D, bool Debounce);
  void startDueJobs();
  std::optional<int> pollTimeout() const;
  void jobDone(std::string Uri, Job &J);
  void publish(const std::string &Uri, const Document &D,
               const std::vector<Diagnostic> &Problems);
  void progressEnd();
};

int Server::run() {
  for (;;) {
    startDueJobs();
    std::vector<pollfd> Polled{{STDIN_FILENO, POLLIN, 0}};
    std::vector<std::string> Owners{""};
    for (auto &[Uri, J] : Jobs)
      if (J.Process) {
        Polled.push_back({J.Process->fd(), POLLIN, 0});
        Owners.push_back(Uri);
      }
    std::optional<int> Timeout = pollTimeout();
    int Ready = ::poll(Polled.data(), Polled.size(), Timeout.value_or(-1));
    if (Ready < 0 && errno != EINTR) {
      log() << "poll failed: " << std::strerror(errno) << "\n";
      return 1;
    }
    if (Ready <= 0)
      continue;
    for (std::size_t I = 1; I < Polled.size(); ++I) {
      if (!Polled[I].revents)
        continue;
      auto It = Jobs.find(Owners[I]);
      if (It != Jobs.end() && It->second.Process &&
          It->second.Process->readAvailable())
        jobDone(It->first, It->second);
    }
    if (Polled[0].revents)
      readInput();
    if (ExitCode)
      return *ExitCode;
  }
}

void Server::readInput() {
  char Buffer[65536];
  ssize_t N = ::read(STDIN_FILENO, Buffer, sizeof Buffer);
  if (N < 0 && errno == EINTR)
    return;
  if (N <= 0) {
    log() << "the client closed stdin"
          << (ShuttingDown ? "" : " without shutdown and exit") << "\n";
    ExitCode = ShuttingDown ? 0 : 1;
    return;
  }
  Reader.feed(std::string_view(Buffer, N));
  while (!ExitCode)
    if (std::optional<MessageReader::Frame> F = Reader.next())
      handleFrame(*F);
    else
      break;
}

void Server::handleFrame(const MessageReader::Frame &F) {
  if (!F.Error.empty()) {
    log() << "malformed message: " << F.Error << "; skipped\n";
    replyError(nullptr, ErrorCode::ParseError, "malformed message: " + F.Error);
    return;
  }
  json Message = json::parse(F.Body, nullptr, /*allow_exceptions=*/false);
  if (Message.is_discarded()) {
    log() << "a message that is not JSON: "
          << std::string_view(F.Body).substr(0, 200) << "\n";
    replyError(nullptr, ErrorCode::ParseError, "the message is not valid JSON");
    return;
  }
  handleMessage(Message);
}

void Server::handleMessage(const json &Message) {
  if (!Message.is_object()) {
    replyError(nullptr, ErrorCode::InvalidRequest,
               "a JSON-RPC message is an object");
    return;
  }
  json Id = Message.contains("id") ? Message["id"] : json();
  if (!Message.contains("method")) {
    if (!Id.is_null() &&
        (Message.contains("result") || Message.contains("error")))
      return handleResponse(Message);
    replyError(Id, ErrorCode::InvalidRequest, "a request needs a method");
    return;
  }
  if (!Message["method"].is_string()) {
    replyError(Id, ErrorCode::InvalidRequest, "the method is not a string");
    return;
  }
  std::string Method = Message["method"];
  json Params = Message.contains("params") ? Message["params"] : json::object();
  bool IsRequest = Message.contains("id");
  try {
    if (!IsRequest)
      return handleNotification(Method, Params);
    if (!Initialized && Method != "initialize")
      return replyError(Id, ErrorCode::ServerNotInitialized,
                        "the server is not initialized yet");
    if (ShuttingDown)
      return replyError(Id, ErrorCode::InvalidRequest,
                        "the server is shutting down");
    reply(Id, handleRequest(Method, Params));
  } catch (const RequestError &E) {
    if (IsRequest)
      replyError(Id, E.Code, E.Message);
    else
      log() << Method << ": " << E.Message << "\n";
  } catch (const json::exception &E) {
    std::string Why = Method + ": invalid params: " + E.what();
    log() << Why << "\n";
    if (IsRequest)
      replyError(Id, ErrorCode::InvalidParams, Why);
  }
}

json Server::handleRequest(const std::string &Method, const json &Params) {
  if (Method == "initialize")
    return initialize(Params);
  if (Method == "shutdown") {
    ShuttingDown = true;
    return nullptr;
  }
  if (Method == "textDocument/hover")
    return hover(Params);
  if (Method == "textDocument/codeAction")
    return codeActions(Params);
  throw RequestError{ErrorCode::MethodNotFound,
                     "retcheck lsp has no method '" + Method + "'"};
}

void Server::handleNotification(const std::string &Method, const json &Params) {
  if (Method == "exit") {
    ExitCode = ShuttingDown ? 0 : 1;
    return;
  }
  if (Method == "initialized")
    return registerWatchers();
  if (!Initialized)
    return;
  if (Method == "textDocument/didOpen") {
    const json &Item = Params.at("textDocument");
    std::string Uri = Item.at("uri");
    std::optional<std::string> Path = uriToPath(Uri);
    if (!Path)
      return; // not a file: nothing to analyse
    Document &D =
        Documents.open(Uri, *Path, Item.at("version"), Item.at("text"));
    return schedule(Uri, D, /*Debounce=*/false);
  }
  if (Method == "textDocument/didChange") {
    const json &Item = Params.at("textDocument");
    std::string Uri = Item.at("uri");
    if (Document *D = Documents.change(Uri, Item.at("version"),
                                       Params.at("contentChanges")))
      schedule(Uri, *D, /*Debounce=*/true);
    return;
  }
  if (Method == "textDocument/didSave") {
    Document &D = documentOf(Params);
    if (Params.contains("text"))
      Params["text"].get_to(D.Text);
    return schedule(Params["textDocument"]["uri"], D, /*Debounce=*/false);
  }
  if (Method == "textDocument/didClose") {
    std::string Uri = Params.at("textDocument").at("uri");
    Jobs.erase(Uri); // kills its job
    Documents.close(Uri);
    notify("textDocument/publishDiagnostics",
           {{"uri", Uri}, {"diagnostics", json::array()}});
    return;
  }
  if (Method == "workspace/didChangeWatchedFiles")
    return watchedFilesChanged(Params);
  // $/cancelRequest, $/setTrace, ...: every request is answered at once.
  if (Method.compare(0, 2, "$/") != 0)
    log() << "notification '" << Method << "' ignored\n";
}

void Server::handleResponse(const json &Message) {
  if (Message.contains("error"))
    log() << "the client answered " << Message["id"].dump()
          << " with an error: " << Message["error"].dump() << "\n";
  // window/workDoneProgress/create: the token may be used now.
  if (Progress == FirstParse::Creating && !Message.contains("error")) {
    Progress = FirstParse::Begun;
    notify("$/progress", {{"token", "retcheck-first-parse"},
                          {"value",
                           {{"kind", "begin"},
                            {"title", "retcheck"},
                            {"message", "analysing " + ProgressUri}}}});
  }
}

json Server::initialize(const json &Params) {
  if (Initialized)
    throw RequestError{ErrorCode::InvalidRequest, "initialize was sent twice"};
  Initialized = true;
  const json Caps = Params.value("capabilities", json::object());
  ClientProgress =
      Caps.value("window", json::object()).value("workDoneProgress", false);
  ClientWatchRegistration = Caps.value("workspace", json::object())
                                .value("didChangeWatchedFiles", json::object())
                                .value("dynamicRegistration", false);
  return {
      {"capabilities",
       {{"textDocumentSync",
         {{"openClose", true},
          {"change", 1}, // the whole text: simplest for every client
          {"save", {{"includeText", false}}}}},
        {"hoverProvider", true},
        {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}}}},
      {"serverInfo", {{"name", "retcheck"}, {"version", retcheckVersion()}}}};
}

/// The files whose change changes every finding: configuration, compile
/// databases and the rules files the findings were judged with.
void Server::registerWatchers() {
  if (!ClientWatchRegistration || Watched == RulesFiles)
    return;
  json Watchers = json::array({{{"globPattern", "**/.clang-tidy"}},
                               {{"globPattern", "**/compile_commands.json"}},
                               {{"globPattern", "**/compile_flags.txt"}}});
  for (const std::string &F : RulesFiles)
    Watchers.push_back({{"globPattern", F}});
  request("client/registerCapability",
          {{"registrations",
            {{{"id", "retcheck-watch-" + std::to_string(NextRequestId)},
              {"method", "workspace/didChangeWatchedFiles"},
              {"registerOptions", {{"watchers", Watchers}}}}}}});
  Watched = RulesFiles;
}

void Server::watchedFilesChanged(const json &Params) {
  bool Relevant = false;
  for (const json &Change : Params.at("changes")) {
    std::optional<std::string> Path =
        uriToPath(Change.at("uri").get<std::string>());
    if (!Path)
      continue;
    std::string Name = Path->substr(Path->rfind('/') + 1);
    Relevant |= Name == ".clang-tidy" || Name == "compile_commands.json" ||
                Name == "compile_flags.txt" || RulesFiles.count(*Path);
  }
  if (!Relevant)
    return;
  // A database may have changed: each is read again when next needed.
  Databases.forget();
  log() << "configuration or rules changed: analysing the open documents "
           "again\n";
  for (auto &[Uri, D] : Documents.all())
    schedule(Uri, D, /*Debounce=*/false);
}

Document &Server::documentOf(const json &Params) {
  std::string Uri = Params.at("textDocument").at("uri");
  Document *D = Documents.find(Uri);
  if (!D)
    throw RequestError{ErrorCode::InvalidParams,
                       "the document " + Uri + " is not open"};
  return *D;
}

json Server::hover(const json &Params) {
  Document &D = documentOf(Params);
  Position P = Params.at("position").get<Position>();
  if (const std::vector<FindingView> *Findings = D.currentFindings())
    for (const FindingView &V : *Findings)
      if (V.Diag.Where.contains(P))
        return {{"contents", {{"kind", "markdown"}, {"value", V.Hover}}},
                {"range", V.Diag.Where}};
  return nullptr;
}

json Server::codeActions(const json &Params) {
  Document &D = documentOf(Params);
  Range Asked = Params.at("range").get<Range>();
  json Actions = json::array();
  std::set<std::string> Offered;
  if (const std::vector<FindingView> *Findings = D.currentFindings())
    for (const FindingView &V : *Findings)
      if (V.Diag.Where.overlaps(Asked) ||
          (V.Diag.Where.Start.Line <= Asked.End.Line &&
           Asked.Start.Line <= V.Diag.Where.End.Line))
        for (const CodeAction &A : V.Actions)
          // Two findings at one place (two calls, one test) offer one fix.
          if (Offered.insert(json({A.Title, A.Changes}).dump()).second)
            Actions.push_back(codeActionJson(A, V.Diag));
  return Actions;
}

void Server::schedule(const std::string &Uri, const Document &D,
                      bool Debounce) {
  Job &J = Jobs[Uri];
  // The same text under way (a save after the debounced change): let it be.
  if (J.Process && J.Version == D.Version && !Debounce)
    return;
  J.Process.reset(); // stale: killed
  J.Version = D.Version;
  J.Due = Clock::now() +
          std::chrono::milliseconds(Debounce ? Options.DebounceMs : 0);
}

void Server::startDueJobs() {
  unsigned Running = 0;
  for (auto &[Uri, J] : Jobs)
    Running += bool(J.Process);
  for (auto &[Uri, J] : Jobs) {
    if (Running >= Options.MaxJobs)
      return;
    if (!J.Due || *J.Due > Clock::now())
      continue;
    Document *D = Documents.find(Uri);
    if (!D)
      continue;
    J.Due.reset();
    DocumentRequest R{
        D->Path, D->Text,
        findCompileCommandsDir(D->Path, Options.CompileCommandsDir)};
    if (R.DatabaseDir)
      R.Database = Databases.get(*R.DatabaseDir);
    J.Process =
        JobProcess::start([&] { return json(Options.Analyze(R)).dump(); });
    if (!J.Process) {
      log() << "cannot start a process to analyse " << D->Path << "\n";
      continue;
    }
    ++Running;
    if (Progress == FirstParse::NotStarted && ClientProgress) {
      Progress = FirstParse::Creating;
      ProgressUri = D->Path;
      request("window/workDoneProgress/create",
              {{"token", "retcheck-first-parse"}});
    }
  }
}

std::optional<int> Server::pollTimeout() const {
  unsigned Running = 0;
  for (const auto &[Uri, J] : Jobs)
    Running += bool(J.Process);
  // No room for another job: the end of one wakes the loop.
  if (Running >= Options.MaxJobs)
    return std::nullopt;
  std::optional<Clock::time_point> Next;
  for (const auto &[Uri, J] : Jobs)
    if (J.Due && (!Next || *J.Due < *Next))
      Next = J.Due;
  if (!Next)
    return std::nullopt;
  auto Wait = std::chrono::duration_cast<std::chrono::milliseconds>(
                  *Next - Clock::now())
                  .count();
  return Wait < 0 ? 0 : static_cast<int>(Wait) + 1;
}

void Server::jobDone(std::string Uri, Job &J) {
  JobProcess::Outcome O = J.Process->finish();
  J.Process.reset();
  progressEnd();
  Document *D = Documents.find(Uri);
  // Never older than the text (a newer edit replaced this job anyway).
  if (!D || D->Version != J.Version) {
    if (!J.Due)
      Jobs.erase(Uri);
    return;
  }
  DocumentResult Result;
  std::vector<Diagnostic> Problems;
  json Answer = O.Answered ? json::parse(O.Answer, nullptr, false) : json();
  if (O.Answered && !Answer.is_discarded()) {
    Result = Answer.get<DocumentResult>();
  } else {
    std::string Why = O.Answered ? "the analysis answered garbage" : O.Death;
    log() << D->Path << ": " << Why << "\n";
    Result.Problems.push_back(
        problemDiagnostic({D->Path, "crash",
                           "retcheck could not analyse this "
                           "file: " +
                               Why}));
  }
  for (const Diagnostic &P : Result.Problems)
    if (P.Code == "retcheck-crash" || P.Code == "retcheck-timeout") {
      log() << D->Path << ": " << P.Message << "\n";
      showMessage(2, D->Path + ": " + P.Message);
    }
  std::size_t Before = RulesFiles.size();
  RulesFiles.insert(Result.RulesFiles.begin(), Result.RulesFiles.end());
  if (RulesFiles.size() != Before)
    registerWatchers();
  D->Findings = std::move(Result.Findings);
  D->FindingsVersion = J.Version;
  publish(Uri, *D, Result.Problems);
  Jobs.erase(Uri);
}

void Server::publish(const std::string &Uri, const Document &D,
                     const std::vector<Diagnostic> &Problems) {
  json Diagnostics = json::array();
  for (const FindingView &V : D.Findings)
    Diagnostics.push_back(V.Diag);
  for (const Diagnostic &P : Problems)
    Diagnostics.push_back(P);
  notify("textDocument/publishDiagnostics",
         {{"uri", Uri}, {"version", D.Version}, {"diagnostics", Diagnostics}});
}

void Server::progressEnd() {
  if (Progress == FirstParse::Begun)
    notify("$/progress",
           {{"token", "retcheck-first-parse"}, {"value", {{"kind", "end"}}}});
  if (Progress != FirstParse::NotStarted)
    Progress = FirstParse::Done;
}

} // namespace

int runLanguageServer(const ServerOptions &Options) {
  log() << "retcheck " << retcheckVersion() << " serving LSP on stdin/stdout\n";
  return Server(Options).run();
}

} // namespace retcheck::lsp
