#!/usr/bin/env python3
"""Builds src/wasi/p3_items.jsonl, the p2 -> p3 item table wcaudit's p3
rules read, from the shared reference catalog (p3-hazards.md): Appendix B
gives instance and binary names per item, Appendix A the WIT signatures,
and INSTEAD below what replaces each removed item.

Usage: scripts/gen-p3-items.py ../shared/reference/p3-hazards.md > src/wasi/p3_items.jsonl
"""
import json
import re
import sys

text = open(sys.argv[1], encoding="utf-8").read()
appendix_a = text[text.index("## Appendix A."):text.index("## Appendix B.")]
appendix_b = text[text.index("## Appendix B."):]

# Appendix A: signature by location, e.g. "io/wit/poll.wit:45".
signature = {}
cell = re.compile(r"<sub>([^<]+)</sub>")
for line in appendix_a.splitlines():
    if not line.startswith("| `"):
        continue
    cols = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cols) < 5:
        continue
    p2_loc = cell.search(cols[0])
    p3_loc = cell.search(cols[3])
    p2_sig = cols[1].strip("`")
    p3_sig = cols[4].strip("`")
    if p2_loc:
        signature[("p2", p2_loc.group(1))] = p2_sig
    if p3_loc:
        signature[("p3", p3_loc.group(1))] = p3_sig

# What to use instead of each removed p2 item: a WASI 0.3 replacement, or
# "none: " and why there is none. The reference catalog names replacements
# per resource (in its notes) and in its §1.4/§2.5 patterns, not per
# method; this table carries them down to every removed item, so that
# every row of `wcaudit p3` says what to do.
STREAM_IN = "read from the stream<u8> the WASI 0.3 call returns (read-via-stream, consume-body, receive)"
STREAM_OUT = "write into a stream<u8> you pass to the WASI 0.3 call (write-via-stream, `contents` of request.new, send)"
NO_POLL = "none: nothing to poll; a stream<T>, future<T> or async func waits by itself (the toolchain emits the waiting)"
NO_IO_ERROR = "none: wasi:io/error is gone; read the error-code from the future<result<_, error-code>> returned beside the stream"
INSTEAD = {
    ("wasi:io/error", "resource error"): NO_IO_ERROR,
    ("wasi:io/error", "error.to-debug-string"): NO_IO_ERROR,
    ("wasi:io/poll", "resource pollable"): "future<T> or an async func",
    ("wasi:io/poll", "pollable.ready"): NO_POLL,
    ("wasi:io/poll", "pollable.block"): "await the future<T>, stream<T> or async func the pollable stood for",
    ("wasi:io/poll", "poll"): "await several futures or async calls at once with your language's async support (the toolchain emits waitable-set.wait)",
    ("wasi:io/streams", "variant stream-error"): "the error-code in the future<result<_, error-code>> returned beside the stream; a closed stream ends without an error",
    ("wasi:io/streams", "resource input-stream"): "stream<u8>",
    ("wasi:io/streams", "input-stream.read"): STREAM_IN,
    ("wasi:io/streams", "input-stream.blocking-read"): STREAM_IN,
    ("wasi:io/streams", "input-stream.skip"): "read and discard from the stream<u8> the WASI 0.3 call returns",
    ("wasi:io/streams", "input-stream.blocking-skip"): "read and discard from the stream<u8> the WASI 0.3 call returns",
    ("wasi:io/streams", "input-stream.subscribe"): NO_POLL,
    ("wasi:io/streams", "resource output-stream"): "stream<u8> passed into the call (the write direction flips)",
    ("wasi:io/streams", "output-stream.check-write"): "none: writing to a stream<u8> waits for room by itself",
    ("wasi:io/streams", "output-stream.write"): STREAM_OUT,
    ("wasi:io/streams", "output-stream.blocking-write-and-flush"): STREAM_OUT,
    ("wasi:io/streams", "output-stream.flush"): "none: data written to a stream<u8> goes to the reader; close the stream to end it and await the returned future for the outcome",
    ("wasi:io/streams", "output-stream.blocking-flush"): "none: data written to a stream<u8> goes to the reader; close the stream to end it and await the returned future for the outcome",
    ("wasi:io/streams", "output-stream.subscribe"): NO_POLL,
    ("wasi:io/streams", "output-stream.write-zeroes"): "write zero bytes into the stream<u8> you pass to the WASI 0.3 call",
    ("wasi:io/streams", "output-stream.blocking-write-zeroes-and-flush"): "write zero bytes into the stream<u8> you pass to the WASI 0.3 call",
    ("wasi:io/streams", "output-stream.splice"): "pass the readable stream<u8> itself to the call that consumes it",
    ("wasi:io/streams", "output-stream.blocking-splice"): "pass the readable stream<u8> itself to the call that consumes it",
    ("wasi:io/imports", "world imports"): "none: wasi:io has no WASI 0.3 package; streams and futures are built into the component model",
    ("wasi:clocks/timezone", "display"): "wasi:clocks/timezone@0.3.0 iana-id, utc-offset and to-debug-string (still @unstable)",
    ("wasi:clocks/timezone", "record timezone-display"): "wasi:clocks/timezone@0.3.0 iana-id, utc-offset and to-debug-string (still @unstable)",
    ("wasi:filesystem/types", "descriptor.read"): "wasi:filesystem/types@0.3.0 descriptor.read-via-stream(offset), then read from the stream<u8>",
    ("wasi:filesystem/types", "descriptor.write"): "wasi:filesystem/types@0.3.0 descriptor.write-via-stream(data, offset) with a stream<u8> you write into",
    ("wasi:filesystem/types", "resource directory-entry-stream"): "stream<directory-entry> from descriptor.read-directory",
    ("wasi:filesystem/types", "directory-entry-stream.read-directory-entry"): "read entries from the stream<directory-entry> that wasi:filesystem/types@0.3.0 descriptor.read-directory returns",
    ("wasi:filesystem/types", "filesystem-error-code"): NO_IO_ERROR,
    ("wasi:sockets/instance-network", "instance-network"): "none: WASI 0.3 has no network resource; create sockets with wasi:sockets/types@0.3.0 tcp-socket.create / udp-socket.create",
    ("wasi:sockets/network", "resource network"): "none: WASI 0.3 has no network resource; the sockets import itself grants access",
    ("wasi:sockets/network", "network-error-code"): NO_IO_ERROR,
    ("wasi:sockets/ip-name-lookup", "resource resolve-address-stream"): "the list<ip-address> that wasi:sockets/ip-name-lookup@0.3.0 resolve-addresses returns",
    ("wasi:sockets/ip-name-lookup", "resolve-address-stream.resolve-next-address"): "wasi:sockets/ip-name-lookup@0.3.0 resolve-addresses: async func(name: string) -> result<list<ip-address>, error-code>, all addresses at once",
    ("wasi:sockets/ip-name-lookup", "resolve-address-stream.subscribe"): "none: resolve-addresses is an async func and waits by itself",
    ("wasi:sockets/tcp", "enum shutdown-type"): "close the send stream (like SHUT_WR) or drop the receive stream (like SHUT_RD)",
    ("wasi:sockets/tcp", "tcp-socket.finish-bind"): "none: wasi:sockets/types@0.3.0 tcp-socket.bind completes in one call",
    ("wasi:sockets/tcp", "tcp-socket.finish-connect"): "none: wasi:sockets/types@0.3.0 tcp-socket.connect is an async func; then send/receive give the streams",
    ("wasi:sockets/tcp", "tcp-socket.finish-listen"): "none: wasi:sockets/types@0.3.0 tcp-socket.listen completes in one call and returns stream<tcp-socket>",
    ("wasi:sockets/tcp", "tcp-socket.accept"): "read accepted sockets from the stream<tcp-socket> that wasi:sockets/types@0.3.0 tcp-socket.listen returns",
    ("wasi:sockets/tcp", "tcp-socket.subscribe"): NO_POLL,
    ("wasi:sockets/tcp", "tcp-socket.shutdown"): "close the stream<u8> passed to tcp-socket.send (like SHUT_WR) or drop the one tcp-socket.receive returns (like SHUT_RD)",
    ("wasi:sockets/udp", "record incoming-datagram"): "the tuple<list<u8>, ip-socket-address> that wasi:sockets/types@0.3.0 udp-socket.receive returns",
    ("wasi:sockets/udp", "record outgoing-datagram"): "the (data, remote-address) parameters of wasi:sockets/types@0.3.0 udp-socket.send",
    ("wasi:sockets/udp", "udp-socket.finish-bind"): "none: wasi:sockets/types@0.3.0 udp-socket.bind completes in one call",
    ("wasi:sockets/udp", "udp-socket.%stream"): "wasi:sockets/types@0.3.0 udp-socket.connect / disconnect, then udp-socket.send / receive",
    ("wasi:sockets/udp", "udp-socket.subscribe"): NO_POLL,
    ("wasi:sockets/udp", "resource incoming-datagram-stream"): "wasi:sockets/types@0.3.0 udp-socket.receive, an async func",
    ("wasi:sockets/udp", "incoming-datagram-stream.receive"): "wasi:sockets/types@0.3.0 udp-socket.receive: an async func returning one datagram per call",
    ("wasi:sockets/udp", "incoming-datagram-stream.subscribe"): NO_POLL,
    ("wasi:sockets/udp", "resource outgoing-datagram-stream"): "wasi:sockets/types@0.3.0 udp-socket.send, an async func",
    ("wasi:sockets/udp", "outgoing-datagram-stream.check-send"): "none: wasi:sockets/types@0.3.0 udp-socket.send is an async func and waits for room by itself",
    ("wasi:sockets/udp", "outgoing-datagram-stream.send"): "wasi:sockets/types@0.3.0 udp-socket.send(data, remote-address), one datagram per call",
    ("wasi:sockets/udp", "outgoing-datagram-stream.subscribe"): NO_POLL,
    ("wasi:http/types", "http-error-code"): NO_IO_ERROR,
    ("wasi:http/types", "type field-key"): "field-name (field-key was deprecated in 0.2.2)",
    ("wasi:http/types", "outgoing-request.body"): "pass the body as the `contents` stream<u8> (and a trailers future) to wasi:http/types@0.3.0 request.new",
    ("wasi:http/types", "resource response-outparam"): "return the response from wasi:http/handler@0.3.0 handle",
    ("wasi:http/types", "response-outparam.send-informational"): "none: WASI 0.3 cannot send informational (1xx) responses; it was @unstable in 0.2",
    ("wasi:http/types", "response-outparam.set"): "return result<response, error-code> from wasi:http/handler@0.3.0 handle: async func(request: request)",
    ("wasi:http/types", "resource incoming-body"): "stream<u8> from request/response.consume-body",
    ("wasi:http/types", "incoming-body.%stream"): "the stream<u8> that wasi:http/types@0.3.0 request.consume-body / response.consume-body returns",
    ("wasi:http/types", "incoming-body.finish"): "the trailers future<result<option<trailers>, error-code>> that request.consume-body / response.consume-body returns",
    ("wasi:http/types", "resource future-trailers"): "future<result<option<trailers>, error-code>>",
    ("wasi:http/types", "future-trailers.subscribe"): NO_POLL,
    ("wasi:http/types", "future-trailers.get"): "await the trailers future<result<option<trailers>, error-code>> that consume-body returns",
    ("wasi:http/types", "outgoing-response.body"): "pass the body as the `contents` stream<u8> (and a trailers future) to wasi:http/types@0.3.0 response.new",
    ("wasi:http/types", "resource outgoing-body"): "the contents stream<u8> and trailers future passed to request.new / response.new",
    ("wasi:http/types", "outgoing-body.write"): "write into the `contents` stream<u8> you pass to wasi:http/types@0.3.0 request.new / response.new",
    ("wasi:http/types", "outgoing-body.finish"): "close the `contents` stream<u8> and resolve the trailers future you passed to request.new / response.new",
    ("wasi:http/types", "resource future-incoming-response"): "the result of wasi:http/client@0.3.0 send, an async func",
    ("wasi:http/types", "future-incoming-response.subscribe"): NO_POLL,
    ("wasi:http/types", "future-incoming-response.get"): "the result of wasi:http/client@0.3.0 send: async func(request: request) -> result<response, error-code>",
    ("wasi:http/imports", "world imports"): "none: wasi:http@0.3.0 has no imports world; world wasi:http/service@0.3.0 includes the imports",
}

for line in appendix_b.splitlines():
    if not line.startswith("{"):
        continue
    row = json.loads(line)
    out = {"pkg": row["pkg"], "status": row["status"], "note": row["note"]}
    for side in ("p2", "p3"):
        item = row[side]
        if item is None:
            continue
        out[f"{side}_instance"] = item["instance"]
        out[f"{side}_item"] = item["item"]
        out[f"{side}_bin"] = item["bin"]
        sig = signature.get((side, item["loc"]), "")
        if sig:
            out[f"{side}_sig"] = sig
    if row["status"] == "removed":
        key = (row["p2"]["instance"].split("@")[0], row["p2"]["item"])
        out["instead"] = INSTEAD[key]
    print(json.dumps(out, ensure_ascii=False, sort_keys=True))
