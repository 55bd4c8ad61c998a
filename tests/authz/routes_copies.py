"""Copies to the Executive: each Executive member lists their own copies; nobody else has the page (404)."""

from tests.authz.matrix import Entry, expect

ROUTES = [
    Entry("copies:list", expect=expect(404, anonymous=302, executive=200)),
    Entry("copies:list", methods=("POST",), expect=expect(405, anonymous=302), why="Read-only."),
]
