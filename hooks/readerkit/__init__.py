"""Reader-side facts of the site, as plain functions any host can call (no MkDocs import).

- `history`: when a page last changed (git), its history and "report an error" addresses;
- `changelog`: CHANGELOG.md (Keep a Changelog) parsed into releases, the Changes page's
  Markdown and an Atom feed;
- `search`: the search separator and the fix of Material's query lexer;
- `tables`: the evidence overview's cell labels for the stacked (card) layout;
- `claims`: the review's claims stated on the About page, each anchored, and every mention linked;
- `addresses`: a page's hosted address (directory URLs), also from the offline copy.
"""
