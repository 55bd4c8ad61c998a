"""Copies to the Executive: one mechanism for every document the Executive must receive.

A document (a notification, a rapid review report, ...) is registered once with `registry.register`.
`services.copy_to_executive` then gives every Executive member their own `Copy`: read access to the
record, a message, their own watermarked PDF, and a record of who opened it and when. Read access is a
rule, not a stored grant: the person holds the executive role now and a copy exists for them (one
indexed EXISTS, checked with the role in the same query), so taking the role away ends access at once.
"""
