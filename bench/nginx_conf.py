#!/usr/bin/env python3
"""Writes the nginx configuration of bench/run.sh, with the headers factdesk itself sent.

  nginx_conf.py PORT HEADERS > nginx.conf

HEADERS is the response head of the verdict page as `curl -D` saved it from the running
server. Its headers (the CSP, Cache-Control and the rest) are copied into the configuration,
so nginx answers with the same extra headers as factdesk without this script retyping them:
when src/app.rs changes one, the upper bound follows. Headers that describe one response or
one connection are left to nginx, which sends its own.

Standard library only: the benchmark must not install anything.
"""

import sys

# nginx writes these itself (Content-Type from `default_type` and `charset` below).
OWN_HEADERS = {
    "connection",
    "content-length",
    "content-type",
    "date",
    "etag",
    "keep-alive",
    "last-modified",
    "server",
    "transfer-encoding",
}

TEMPLATE = """\
worker_processes 1;
pid nginx.pid;
error_log logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    server_tokens off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    # The default (1000) would reconnect every 1000 requests; our server never does.
    keepalive_requests 100000000;
    open_file_cache max=64 inactive=60s;
    client_body_temp_path temp/body;
    proxy_temp_path temp/proxy;
    fastcgi_temp_path temp/fastcgi;
    uwsgi_temp_path temp/uwsgi;
    scgi_temp_path temp/scgi;
    # The verdict page has no extension; the listing pages saved beside it are .html, and
    # the API list .json, so each goes out with the type the server gave it.
    types {{ text/html html; application/json json; }}
    default_type text/html;
    charset utf-8;
    charset_types application/json;
    # A page the server sent gzipped is saved beside it as FILE.gz, sent as it is.
    gzip_static on;
    server {{
        listen 127.0.0.1:{port};
        root html;
        # Copied from factdesk's answer for the same page, so both are about the same size
        # on the wire (nginx adds its own ETag and Date).
{headers}
    }}
}}
"""


def copied_headers(head):
    """The (name, value) pairs of the last response in a `curl -D` file, minus nginx's own."""
    blocks = [b for b in head.replace("\r\n", "\n").split("\n\n") if b.strip()]
    if not blocks:
        raise SystemExit("nginx_conf.py: the headers file is empty")
    lines = blocks[-1].split("\n")
    if not lines[0].startswith("HTTP/"):
        raise SystemExit(f"nginx_conf.py: not an HTTP response head: {lines[0]!r}")
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name, value = name.strip(), value.strip()
        if name.lower() not in OWN_HEADERS:
            headers.append((name, value))
    return headers


def directive(name, value):
    # nginx would expand a `$` as a variable; no header of ours has one, so refuse rather
    # than send something else.
    if "$" in value or '"' in value or "\\" in value:
        raise SystemExit(f"nginx_conf.py: cannot quote {name}: {value!r}")
    return f'        add_header {name} "{value}";'


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    port, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="latin-1") as head:
        headers = copied_headers(head.read())
    lines = "\n".join(directive(name, value) for name, value in headers)
    sys.stdout.write(TEMPLATE.format(port=int(port), headers=lines))


if __name__ == "__main__":
    main()
