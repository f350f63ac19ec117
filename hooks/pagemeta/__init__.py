"""Page metadata for the site: front matter schema, Markdown checks and generated blocks.

Plain Python that knows nothing of MkDocs; hooks/effects.py adapts it.
"""
