"""A wasi:http/proxy handler: answers every request with a greeting that
echoes the request path, through the raw wasi:http bindings."""

from componentize_py_types import Ok
from wit_world import exports
from wit_world.imports.types import (
    Fields,
    IncomingRequest,
    OutgoingBody,
    OutgoingResponse,
    ResponseOutparam,
)


class IncomingHandler(exports.IncomingHandler):
    def handle(self, request: IncomingRequest, response_out: ResponseOutparam) -> None:
        body = f"hello from {request.path_with_query() or '/'}\n".encode()
        headers = Fields.from_list([("content-type", b"text/plain")])
        response = OutgoingResponse(headers)
        out_body = response.body()
        ResponseOutparam.set(response_out, Ok(response))
        # The stream is a child of the body: it must be dropped before finish.
        with out_body.write() as stream:
            stream.blocking_write_and_flush(body)
        OutgoingBody.finish(out_body, None)
