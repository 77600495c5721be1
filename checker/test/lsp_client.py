# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""A small LSP client for the tests of `retcheck lsp`: frames messages,
answers the server's requests, and waits for events (no fixed sleeps; only
a generous overall limit, so that a loaded machine is slow, not failing)."""
import json
import os
import queue
import subprocess
import threading
import urllib.parse

LIMIT = 600  # seconds: for a wait that nothing but a broken server misses


def uri(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


class Client:
    def __init__(self, command, cwd=None, env=None, stderr=None):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     cwd=cwd, env=env, stderr=stderr)
        self.inbox = queue.Queue()
        self.seen = []  # every message from the server, in order
        self.published = []  # publishDiagnostics not yet taken by diagnostics()
        self.next_id = 1
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                key, _, value = line.decode().partition(":")
                if key.lower() == "content-length":
                    length = int(value)
            self.inbox.put(json.loads(out.read(length)))

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        """Sends a request; its id."""
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return rid

    def _next(self):
        message = self.inbox.get(timeout=LIMIT)
        if message is None:
            raise EOFError("the server closed its stdout")
        self.seen.append(message)
        if message.get("method") == "textDocument/publishDiagnostics":
            self.published.append(message["params"])
        # The server's own requests (registerCapability, progress) are granted.
        if "method" in message and "id" in message:
            self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
        return message

    def wait_for(self, predicate, what):
        """The first message (from now on) that satisfies predicate."""
        while True:
            try:
                message = self._next()
            except queue.Empty:
                raise AssertionError("no %s within %d s" % (what, LIMIT))
            if predicate(message):
                return message

    def call(self, method, params):
        """A request's response."""
        rid = self.request(method, params)
        return self.wait_for(lambda m: m.get("id") == rid and "method" not in m,
                             "answer to " + method)

    def diagnostics(self, path, version=None):
        """The first publishDiagnostics for path (of version, if given) that
        this has not returned yet, whenever it arrived."""
        u = uri(path)

        def take():
            for i, p in enumerate(self.published):
                if p["uri"] == u and (version is None or p.get("version") == version):
                    return self.published.pop(i)
            return None
        found = take()
        while found is None:
            self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics",
                          "diagnostics for %s%s" % (path, "" if version is None else " v%d" % version))
            found = take()
        return found

    def initialize(self, root, capabilities=None):
        answer = self.call("initialize", {"processId": os.getpid(), "rootUri": uri(root),
                                          "capabilities": capabilities or {}})
        self.notify("initialized", {})
        return answer["result"]

    def open(self, path, text=None, version=1, language="c"):
        if text is None:
            text = open(path).read()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri(path), "languageId": language, "version": version, "text": text}})

    def change(self, path, text, version):
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri(path), "version": version},
            "contentChanges": [{"text": text}]})

    def close(self):
        """shutdown and exit; the server's exit code."""
        self.call("shutdown", None)
        self.notify("exit", None)
        return self.proc.wait(timeout=LIMIT)


def offset(text, position):
    """The index in text of an LSP position (the tests' texts are ASCII)."""
    lines = text.split("\n")
    return sum(len(l) + 1 for l in lines[:position["line"]]) + position["character"]


def apply_edits(text, edits):
    """text with LSP TextEdits applied (last first)."""
    spans = sorted(((offset(text, e["range"]["start"]), offset(text, e["range"]["end"]), e["newText"])
                    for e in edits), reverse=True)
    for begin, end, new in spans:
        text = text[:begin] + new + text[end:]
    return text


def write_database(folder, files, args):
    """compile_commands.json in folder for files (relative to it)."""
    entries = [{"directory": folder, "file": f,
                "arguments": ["clang"] + args + ["-c", f]} for f in files]
    with open(os.path.join(folder, "compile_commands.json"), "w") as out:
        json.dump(entries, out)
