#!/usr/bin/env python3
"""serve.py DIR [PORT] - serve the playground folder on http://127.0.0.1:PORT/
(default 8086) for `make serve`: Python's own static server, on the loopback
address only, with the types a browser insists on (a module script must be
JavaScript, WebAssembly is compiled while it streams only as
application/wasm).  Needs no network.  Ctrl-C stops it."""
import functools
import http.server
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".js": "text/javascript",
                      ".wasm": "application/wasm", ".elf": "application/octet-stream",
                      ".cpio": "application/octet-stream", ".txt": "text/plain",
                      ".json": "application/json"}


def main(argv):
    folder = argv[1]
    port = int(argv[2]) if len(argv) > 2 else 8086
    handler = functools.partial(Handler, directory=folder)
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        print("Serving %s at http://127.0.0.1:%d/ (Ctrl-C stops)" % (folder, port), flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
