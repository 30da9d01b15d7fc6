// A wasi:http/proxy handler that implements wasi:http/incoming-handler
// itself. (StarlingMonkey's `fetch` event would export incoming-handler
// @0.2.10, the WASI version the engine was built for, which does not satisfy
// a 0.2.12 world; an explicit `incomingHandler` export switches that off.)
import {
  Fields,
  OutgoingBody,
  OutgoingResponse,
  ResponseOutparam,
} from "wasi:http/types@0.2.12";

const encoder = new TextEncoder();

export const incomingHandler = {
  handle(request, responseOut) {
    const headers = Fields.fromList([["content-type", encoder.encode("text/plain")]]);
    const response = new OutgoingResponse(headers);
    const body = response.body();
    ResponseOutparam.set(responseOut, { tag: "ok", val: response });
    const stream = body.write();
    stream.blockingWriteAndFlush(encoder.encode(`hello from ${request.pathWithQuery() ?? "/"}\n`));
    // The stream is a child of the body: drop it before finishing the body.
    stream[Symbol.dispose]();
    OutgoingBody.finish(body, undefined);
  },
};
