"""Cell labels for the evidence overview, so that narrow screens can show each row as a card.

Each body cell gets `data-label="<its column heading>"`; the stylesheet shows the label before
the cell when the table is stacked. The cells themselves are not changed.
"""

from __future__ import annotations

import html
import re

_BLOCK = re.compile(r'(<div class="effects-overview">)(.*?)(</div>)', re.DOTALL)
_HEAD_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.DOTALL)
_BODY_CELL = re.compile(r"<td\b")
_TAG = re.compile(r"<[^>]+>")


def label_overview_cells(page_html: str) -> str:
    """The page's HTML with every overview body cell labelled by its column heading."""
    return _BLOCK.sub(lambda m: m.group(1) + _label_table(m.group(2)) + m.group(3), page_html)


def _label_table(table: str) -> str:
    headings = [html.unescape(_TAG.sub("", h)).strip() for h in _HEAD_CELL.findall(table)]

    def label_row(row: re.Match) -> str:
        position = iter(range(len(headings)))

        def label(cell: re.Match) -> str:
            index = next(position, None)
            if index is None:
                return cell.group(0)
            return f'<td data-label="{html.escape(headings[index], quote=True)}"'

        return _BODY_CELL.sub(label, row.group(0))

    return _ROW.sub(label_row, table)
