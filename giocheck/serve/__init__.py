"""`giocheck serve`: the check page and the JSON API (extra `giocheck[serve]`, docs/serve.md).

Importing this package imports no web framework; `giocheck.serve.app` does.
"""
