#!/usr/bin/env python3
"""Which addresses bench/run.sh measures, found from the running server's own pages, and
the one-request-at-a-time timings and compressed sizes of each.

  pages.py discover BASE OUT.json
      follows the server's links (the first fact-check sitemap, a verdict page's tag and
      claimant links, the search form's ratings, each listing's "Older" link) and writes
      the addresses to OUT.json; prints them as shell assignments for run.sh.
  pages.py single BASE PAGES.json RESULTS [key=text key:=number ...]
      asks for each page over one keep-alive connection, one request at a time, and
      appends one `kind=single` line to RESULTS per page (the keys given added): the
      first answer's time, the best of five and, for searches, the p95 of twenty; then
      the page's bytes as sent plain and with `Accept-Encoding: gzip` and `br`.

Nothing here assumes how a listing numbers its pages: a deep page is reached by the
address the page itself links as rel="next", so the benchmark follows the server when
page numbers give way to cursors. Standard library only.
"""

import http.client
import json
import re
import shlex
import sys
import time
import urllib.parse

NEXT_LINK = re.compile(r'<a rel="next" href="([^"]+)"')
# A listing page's cards link their verdicts in order; the last one is where the page ends.
VERDICT_LINK = re.compile(r'href="/fact-checks/([a-z0-9-]+)"')
SEARCH_REPEATS = 20
PAGE_REPEATS = 5
# A page slower than this (a database-sized page before issue 15) is asked for fewer times,
# so one slow page cannot take the run past its budget.
PAGE_BUDGET_S = 8.0
# How long one answer may take before the page is recorded as unanswered.
TIMEOUT_S = 60


class Client:
    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT_S)

    def get(self, path, encoding=None):
        headers = {"Accept-Encoding": encoding} if encoding else {}
        started = time.perf_counter()
        try:
            self.conn.request("GET", path, headers=headers)
            answer = self.conn.getresponse()
            body = answer.read()
        except TimeoutError:
            raise
        except (http.client.HTTPException, OSError):
            # The server closed a kept-alive connection: one fresh try, as a browser does.
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT_S)
            started = time.perf_counter()
            self.conn.request("GET", path, headers=headers)
            answer = self.conn.getresponse()
            body = answer.read()
        elapsed = time.perf_counter() - started
        return answer.status, answer.getheader("Content-Encoding") or "", body, elapsed

    def text(self, path):
        status, _, body, _ = self.get(path)
        if status != 200:
            raise SystemExit(f"pages.py: {path} answered {status}, not 200")
        return body.decode("utf-8")


def older_link(html):
    found = NEXT_LINK.search(html)
    return found.group(1).replace("&amp;", "&") if found else None


def deep_pages(client, deep_slug, position, per_page):
    """A deep home page reached by the listing's own "Older" link, and one by `?page=`.

    The "Older" link of page 1 shows how the listing continues. When it names the last
    fact-check of the page (a keyset cursor), the same link naming a fact-check from the
    middle of the archive is a deep page; when it is a page number, the deep page is that
    number far down. Either is checked to answer 200 with a card on it.
    """
    home = client.text("/")
    link = older_link(home)
    if link is None:
        raise SystemExit("pages.py: the home page has no rel=\"next\" link")
    last_slug = VERDICT_LINK.findall(home)[-1]
    cursor = link.replace(last_slug, deep_slug) if last_slug in link else None
    numbered = f"/?page={max(2, position // per_page + 1)}"
    return cursor, numbered, link


def discover(base, out):
    client = Client(base)
    sitemap = client.text("/sitemaps/fact-checks-1.xml")
    paths = [urllib.parse.urlsplit(p).path for p in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    if len(paths) < 1000:
        raise SystemExit(f"pages.py: the first fact-check sitemap lists only {len(paths)} pages")
    index = client.text("/sitemap.xml")
    total = sum(1 for _ in re.finditer(r"/sitemaps/fact-checks-\d+\.xml", index))
    # All fact-checks are listed newest first across the sitemap files; the sample is from
    # the middle of the first, so its pages are neither the newest nor the oldest.
    verdict = paths[len(paths) // 2]
    page = client.text(verdict)
    tag = re.search(r'href="(/tags/[^"]+)"', page).group(1)
    claimant = re.search(r'href="(/claimants/[^"]+)"', page).group(1)
    form = client.text("/search")
    ratings = [r for r in re.findall(r'<option value="([^"]*)"', form) if r]
    rating = ratings[len(ratings) // 2]
    home = client.text("/")
    per_page = len(set(VERDICT_LINK.findall(home))) or 20
    # The deep page starts at the middle of the archive: the middle of the middle sitemap.
    middle_file = (total + 1) // 2
    listed = client.text(f"/sitemaps/fact-checks-{middle_file}.xml")
    middle_paths = re.findall(r"<loc>[^<]*/fact-checks/([^<]+)</loc>", listed)
    deep_slug = middle_paths[len(middle_paths) // 2]
    position = (middle_file - 1) * len(paths) + len(middle_paths) // 2
    cursor, numbered, first_older = deep_pages(client, deep_slug, position, per_page)
    tag_name = urllib.parse.unquote(tag.rsplit("/", 1)[1])
    q_tag = urllib.parse.quote(tag_name)
    found = {
        "verdict": verdict,
        "slug": verdict.rsplit("/", 1)[1],
        "tag_page": tag,
        "tag": tag_name,
        "claimant_page": claimant,
        "rating_page": f"/ratings/{rating}",
        "rating": rating,
        "sitemap_file": "/sitemaps/fact-checks-1.xml",
        "sitemap_files": total,
        "first_older": first_older,
        "deep_cursor": cursor,
        "deep_numbered": numbered,
        "verdict_paths": paths,
        "search_topic": "/search?q=food+prices",
        "search_common": "/search?q=official+figures",
        "search_word_tag": f"/search?q=official&tag={q_tag}",
        "search_word_tag_rating": f"/search?q=official&tag={q_tag}&rating={rating}",
    }
    with open(out, "w", encoding="utf-8") as saved:
        json.dump(found, saved)
    for key, value in found.items():
        if isinstance(value, (str, int)):
            print(f"PAGE_{key.upper()}={shlex.quote(str(value))}")
        elif value is None:
            print(f"PAGE_{key.upper()}=")


def single_pages(found):
    """label, path, kind (page or search) of the one-at-a-time table."""
    pages = [
        ("Home page", "/", "page"),
        ("Deep home page, by the \u201cOlder\u201d link", found["deep_cursor"], "page"),
        ("Deep home page, by ?page=", found["deep_numbered"], "page"),
        ("Tag page", found["tag_page"], "page"),
        ("Rating page", found["rating_page"], "page"),
        ("Claimant page", found["claimant_page"], "page"),
        ("/tags", "/tags", "page"),
        ("/ratings", "/ratings", "page"),
        ("/claimants", "/claimants", "page"),
        ("/sitemap.xml", "/sitemap.xml", "page"),
        ("A sitemap file", found["sitemap_file"], "page"),
        ("Verdict page", found["verdict"], "page"),
        ("API list", "/api/v1/fact-checks", "page"),
        ("Search, common words", found["search_common"], "search"),
        ("Search, topic", found["search_topic"], "search"),
        ("Search, word + tag", found["search_word_tag"], "search"),
        ("Search, word + tag + rating", found["search_word_tag_rating"], "search"),
        ("API search, common word", "/api/v1/fact-checks?q=official", "search"),
    ]
    return pages


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def single(base, pages_file, results, pairs):
    with open(pages_file, encoding="utf-8") as saved:
        found = json.load(saved)
    client = Client(base)
    extra = dict(parse_pair(p) for p in pairs)
    with open(results, "a", encoding="utf-8") as out:
        for label, path, kind in single_pages(found):
            entry = {"kind": "single", "label": label, "path": path, "search": kind == "search"}
            entry.update(extra)
            if path is None:
                entry["status"] = None
                out.write(json.dumps(entry, ensure_ascii=False) + "\n")
                continue
            repeats = SEARCH_REPEATS if kind == "search" else PAGE_REPEATS
            times, spent, status, body = [], 0.0, None, b""
            try:
                while len(times) < repeats and (spent < PAGE_BUDGET_S or len(times) < 1):
                    status, _, body, elapsed = client.get(path)
                    times.append(elapsed * 1000)
                    spent += elapsed
            except (TimeoutError, OSError, http.client.HTTPException):
                # A page slower than the client's patience is a result, not a reason to stop.
                client = Client(base)
                if not times:
                    entry["status"] = f"no answer in {TIMEOUT_S} s"
                    out.write(json.dumps(entry, ensure_ascii=False) + "\n")
                    continue
            entry.update(status=status, first_ms=times[0], best_ms=min(times),
                         p95_ms=percentile(times, 0.95), n=len(times), bytes=len(body))
            for encoding in ("gzip", "br"):
                _, sent, compressed, _ = client.get(path, encoding)
                entry[f"{encoding}_encoding"] = sent
                entry[f"{encoding}_bytes"] = len(compressed)
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")
            print(f"  {label}: {path} {status} first {times[0]:.1f} ms, best {min(times):.1f} ms "
                  f"of {len(times)}, {len(body)} bytes", file=sys.stderr)


def parse_pair(pair):
    if ":=" in pair:
        key, value = pair.split(":=", 1)
        return key, json.loads(value)
    key, value = pair.split("=", 1)
    return key, value


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "discover":
        discover(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 5 and sys.argv[1] == "single":
        single(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
