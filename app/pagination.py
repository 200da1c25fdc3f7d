"""The list envelope every collection returns: {"items": [...], "total": N}."""
from typing import Generic, TypeVar

from pydantic import BaseModel

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int


class PageLink(BaseModel):
    label: str
    href: str | None  # None: the current page or a gap
    current: bool = False


def page_links(request, *, page: int, per_page: int, total: int) -> list[PageLink]:
    """Links to the first, last and nearby pages, keeping every other query parameter."""
    last = max(1, -(-total // per_page))
    if last == 1:
        return []
    wanted = sorted({1, last, *range(max(1, page - 2), min(last, page + 2) + 1)})
    links: list[PageLink] = []
    previous = 0
    for number in wanted:
        if number - previous > 1:
            links.append(PageLink(label="…", href=None))
        url = request.url.include_query_params(page=number)
        href = f"{url.path}?{url.query}"
        links.append(PageLink(label=str(number), href=None if number == page else href, current=number == page))
        previous = number
    return links
