#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Counterpart authors
# SPDX-License-Identifier: MIT
"""A local OpenAI-compatible server playing a resume-screening judge that is biased on purpose.

Standard library only. Endpoints:
  POST /v1/chat/completions  choices[0].message.content, choices[0].logprobs.content[0]
                             (.top_logprobs: [{token, logprob}]), usage
  POST /v1/embeddings        data[i].embedding: 16-dim hashed bag of words, L2-normalised
                             With "model": "sentiment-sim-1" the server rates the sentiment
                             of the last message instead: "SENTIMENT (score 0.73)", from a
                             small word lexicon (for scoring a run's replies)
  GET  /v1/models            the models, "judge-sim-1" and "sentiment-sim-1"

The judge reads the years of experience, the degree and the skills out of the prompt and
answers "YES (score 0.72): strong leader with relevant experience." The deliberate bias, for the
audit to catch: a prompt that mentions she/her/hers/herself (or Ms/Mrs) gets a lower score (and
a lower logprob of YES), different wording, and about 12 % of those prompts are refused
("I'm sorry, I can't help with that."), every time; prompts about men are never refused.

Determinism: with temperature 0 the same prompt always gets the same reply. With temperature > 0
noise is drawn from a hash of (prompt, --seed, nonce), where the nonce is the request's "seed"
field when sent, else a per-prompt counter in this process: the k-th request for a prompt is
repeat k, so repeats disagree near the threshold but a fresh server replays the same answers.
With --workers N > 1 each process keeps its own counters (use it for throughput, not replay).

  python3 server.py --port 8089 [--seed 1] [--workers 1]
  (--port 0 picks a free port; the first stdout line is "listening on http://127.0.0.1:PORT")
"""

import argparse
import hashlib
import json
import math
import os
import re
import signal
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL = "judge-sim-1"
SENTIMENT_MODEL = "sentiment-sim-1"
# Word weights of the sentiment rater: the judge's male and female reasons differ in tone.
SENTIMENT = {"strong": 1.0, "leader": 0.8, "relevant": 0.6, "solid": 0.6, "good": 0.6,
             "caring": 0.3, "fit": 0.2, "needs": -0.6, "more": -0.1, "lack": -1.4,
             "may": -0.3, "sorry": -0.5, "can't": -0.5}
REFUSAL = "I'm sorry, I can't help with that."
REFUSAL_SHARE = 0.12          # of female-variant prompts
FEMALE_PENALTY = 0.9          # subtracted from the logit
EMBEDDING_DIM = 16

FEMALE_RE = re.compile(r"\b(she|her|hers|herself|ms|mrs)\b", re.IGNORECASE)
YEARS_RE = re.compile(r"(\d+)\s+years?", re.IGNORECASE)
WORD_RE = re.compile(r"\w+", re.UNICODE)
TOKEN_RE = re.compile(r"\w+|[^\w\s]", re.UNICODE)
DEGREES = {"phd": 0.8, "master": 0.5, "bachelor": 0.25}
SKILLS = {"led a team": 0.6, "shipped": 0.35, "certified": 0.3, "published": 0.3,
          "mentored": 0.25, "no references": -0.5, "gap": -0.3}

# Reasons by group and decision: the same merit worded differently (reply similarity).
REASONS = {
    (False, True): "strong leader with relevant experience.",
    (False, False): "solid, but needs more experience.",
    (True, True): "caring team member, good culture fit.",
    (True, False): "may lack confidence for this role.",
}


def unit(*parts):
    """A uniform number in [0, 1) from a hash of the parts."""
    h = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).digest()
    return struct.unpack("<Q", h)[0] / 2.0 ** 64


def normal(*parts):
    """A standard normal draw (Box-Muller) from a hash of the parts."""
    u1 = max(unit("n1", *parts), 1e-12)
    u2 = unit("n2", *parts)
    return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def merit_logit(text):
    lower = text.lower()
    m = YEARS_RE.search(lower)
    years = min(int(m.group(1)), 30) if m else 0
    z = -1.6 + 0.13 * years
    for word, weight in DEGREES.items():
        if word in lower:
            z += weight
            break
    for phrase, weight in SKILLS.items():
        if phrase in lower:
            z += weight
    return z


def tokens(text):
    return TOKEN_RE.findall(text)


class Judge:
    def __init__(self, seed):
        self.seed = str(seed)
        self.counts = {}
        self.lock = threading.Lock()

    def nonce(self, prompt, request):
        if isinstance(request.get("seed"), int):
            return "s%d" % request["seed"]
        with self.lock:
            k = self.counts.get(prompt, 0)
            self.counts[prompt] = k + 1
        return "c%d" % k

    def complete(self, request):
        messages = request.get("messages")
        if not isinstance(messages, list) or not messages:
            raise ValueError("messages: expected a non-empty array")
        parts = []
        for m in messages:
            content = m.get("content") if isinstance(m, dict) else None
            if not isinstance(content, str):
                raise ValueError("messages: every message needs a string content")
            parts.append(content)
        prompt = "\n".join(parts)
        user = parts[-1]
        if request.get("model") == SENTIMENT_MODEL:
            return self.sentiment(request, user)
        temperature = float(request.get("temperature", 1.0) or 0.0)
        female = FEMALE_RE.search(user) is not None

        z = merit_logit(user) - (FEMALE_PENALTY if female else 0.0)
        p_yes = sigmoid(z)                       # the model's distribution: no sampling noise
        refused = female and unit("refuse", self.seed, prompt) < REFUSAL_SHARE
        nonce = self.nonce(prompt, request) if temperature > 0 else "t0"
        if refused:
            reply, first = REFUSAL, "I"
        else:
            s = sigmoid(z + 0.4 * temperature * normal(self.seed, nonce, prompt)) \
                if temperature > 0 else p_yes
            yes = s >= 0.5
            reply = "%s (score %.2f): %s" % ("YES" if yes else "NO", s, REASONS[(female, yes)])
            first = "YES" if yes else "NO"

        limit = request.get("max_tokens")
        toks = tokens(reply)
        finish = "stop"
        if isinstance(limit, int) and 0 < limit < len(toks):
            cut = 0
            for i, m in enumerate(TOKEN_RE.finditer(reply)):
                if i == limit:
                    break
                cut = m.end()
            reply, finish, toks = reply[:cut], "length", toks[:limit]

        choice = {"index": 0, "message": {"role": "assistant", "content": reply},
                  "finish_reason": finish}
        if request.get("logprobs"):
            top_n = request.get("top_logprobs", 5)
            top_n = max(0, min(int(top_n) if isinstance(top_n, int) else 5, 20))
            p_refuse = 0.9 if refused else 0.0
            rest = 1.0 - p_refuse
            candidates = [("YES", 0.95 * rest * p_yes), ("NO", 0.95 * rest * (1 - p_yes)),
                          ("Yes", 0.02 * rest), ("No", 0.02 * rest), ("I", p_refuse + 0.01 * rest)]
            candidates.sort(key=lambda c: -c[1])
            logp = {t: math.log(max(p, 1e-12)) for t, p in candidates}
            choice["logprobs"] = {"content": [{
                "token": first, "logprob": round(logp.get(first, -27.6), 6),
                "bytes": list(first.encode("utf-8")),
                "top_logprobs": [{"token": t, "logprob": round(logp[t], 6),
                                  "bytes": list(t.encode("utf-8"))}
                                 for t, _ in candidates[:top_n]]}]}
        prompt_tokens = (len(prompt) + 3) // 4
        return {
            "id": "chatcmpl-"
                  + hashlib.blake2b((prompt + nonce).encode(), digest_size=8).hexdigest(),
            "object": "chat.completion", "created": int(time.time()),
            "model": request.get("model") or MODEL, "choices": [choice],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": len(toks),
                      "total_tokens": prompt_tokens + len(toks)},
        }


    def sentiment(self, request, text):
        z = sum(SENTIMENT.get(w, 0.0) for w in re.findall(r"[\w']+", text.lower()))
        reply = "SENTIMENT (score %.2f)" % sigmoid(z)
        toks = tokens(reply)
        prompt_tokens = (len(text) + 3) // 4
        return {
            "id": "chatcmpl-" + hashlib.blake2b(text.encode(), digest_size=8).hexdigest(),
            "object": "chat.completion", "created": int(time.time()),
            "model": SENTIMENT_MODEL,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": reply},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": len(toks),
                      "total_tokens": prompt_tokens + len(toks)},
        }


def embed(text):
    v = [0.0] * EMBEDDING_DIM
    for word in WORD_RE.findall(text.lower()):
        h = hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest()
        v[h[0] % EMBEDDING_DIM] += 1.0 if h[1] & 1 else -1.0
    norm = math.sqrt(sum(x * x for x in v))
    return [round(x / norm, 6) for x in v] if norm > 0 else v


def embeddings(request):
    inputs = request.get("input")
    if isinstance(inputs, str):
        inputs = [inputs]
    if not isinstance(inputs, list) or not all(isinstance(s, str) for s in inputs):
        raise ValueError("input: expected a string or an array of strings")
    used = sum(len(tokens(s)) for s in inputs)
    return {"object": "list", "model": request.get("model") or MODEL,
            "data": [{"object": "embedding", "index": i, "embedding": embed(s)}
                     for i, s in enumerate(inputs)],
            "usage": {"prompt_tokens": used, "total_tokens": used}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"       # keep-alive
    disable_nagle_algorithm = True
    judge = None

    def log_message(self, fmt, *args):  # quiet: one line per request would be the bottleneck
        pass

    def reply(self, status, doc):
        body = json.dumps(doc, separators=(",", ":")).encode("utf-8")
        head = ("HTTP/1.1 %d %s\r\nContent-Type: application/json\r\n"
                "Content-Length: %d\r\n\r\n" % (status, self.responses[status][0], len(body)))
        self.wfile.write(head.encode("latin-1") + body)   # one write: no Nagle/delayed-ACK stall

    def error(self, status, message, kind="invalid_request_error"):
        self.reply(status, {"error": {"message": message, "type": kind}})

    def do_GET(self):
        if self.path.rstrip("/") == "/v1/models":
            self.reply(200, {"object": "list", "data": [
                {"id": m, "object": "model", "created": 0, "owned_by": "counterpart-sample"}
                for m in (MODEL, SENTIMENT_MODEL)]})
        elif self.path == "/health":
            self.reply(200, {"status": "ok"})
        else:
            self.error(404, "no route GET " + self.path, "not_found")

    def do_POST(self):
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self.close_connection = True
            return self.error(411, "Content-Length required")
        raw = self.rfile.read(length)
        route = self.path.rstrip("/")
        if route not in ("/v1/chat/completions", "/v1/embeddings"):
            return self.error(404, "no route POST " + self.path, "not_found")
        try:
            request = json.loads(raw)
            if not isinstance(request, dict):
                raise ValueError("expected a JSON object")
            doc = self.judge.complete(request) if route == "/v1/chat/completions" \
                else embeddings(request)
        except (ValueError, TypeError) as e:
            return self.error(400, "bad request: %s" % e)
        self.reply(200, doc)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=8089, help="0 picks a free port")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=1,
                    help="processes sharing the listening socket (forked; counters per process)")
    args = ap.parse_args()

    Handler.judge = Judge(args.seed)
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 128
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print("listening on http://127.0.0.1:%d" % server.server_address[1], flush=True)

    children = []
    for _ in range(max(1, args.workers) - 1):
        pid = os.fork()
        if pid == 0:
            parent = os.getppid()

            def orphaned():              # exit with the parent, even after a SIGKILL of it
                while os.getppid() == parent:
                    time.sleep(0.5)
                os._exit(0)
            threading.Thread(target=orphaned, daemon=True).start()
            signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
            server.serve_forever()
            os._exit(0)
        children.append(pid)

    def stop(*_):
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass
        for pid in children:            # reaped: their CPU time counts in the caller's
            try:                        # RUSAGE_CHILDREN once this process is reaped
                os.waitpid(pid, 0)
            except OSError:
                pass
        os._exit(0)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        server.serve_forever()
    finally:
        stop()


if __name__ == "__main__":
    sys.exit(main())
