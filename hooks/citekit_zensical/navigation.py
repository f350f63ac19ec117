"""The site's navigation as Zensical hands it to an extension (its converted form, or MkDocs's
own `nav:` form): which title it gives a page, and the order in which it lists the pages."""

from __future__ import annotations


def titles(nav: list) -> dict[str, str]:
    """src_uri -> the title the navigation gives it (Zensical's converted nav or MkDocs's own form)."""
    found: dict[str, str] = {}
    for item in nav:
        if isinstance(item, list):
            found.update(titles(item))
        elif isinstance(item, dict) and "children" in item:
            if item.get("url") and item.get("title"):
                found[str(item["url"])] = str(item["title"])
            found.update(titles(item.get("children") or []))
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    found[value] = str(title)
                elif isinstance(value, list):
                    found.update(titles(value))
    return found


def pages(nav: list) -> list[str]:
    """Every page (src_uri) the navigation lists, in its order (Zensical's form or MkDocs's)."""
    found: list[str] = []
    for item in nav:
        if isinstance(item, list):
            found += pages(item)
        elif isinstance(item, dict) and "children" in item:
            if isinstance(item.get("url"), str):
                found.append(item["url"])
            found += pages(item.get("children") or [])
        elif isinstance(item, dict):
            for value in item.values():
                found += [value] if isinstance(value, str) else pages(value) if isinstance(value, list) else []
        elif isinstance(item, str):
            found.append(item)
    return found
