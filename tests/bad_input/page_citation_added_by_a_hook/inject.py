"""A third-party hook that writes a citation into a page's Markdown during the build."""


def on_page_markdown(markdown, page, config, files):
    return markdown + "\nAdded by a hook [@fixture2002].\n"
