"""`eventdesk watch`: poll RSS/Atom feeds, code and store each new item once.

``poll`` fetches and parses feeds and turns items into articles, ``state`` keeps feeds and
items in the store, ``loop`` runs the rounds. See docs/watch.md.
"""
