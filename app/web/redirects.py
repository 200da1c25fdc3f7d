"""Where a form may send the person next."""


def safe_next(target: str | None) -> str:
    """Only same-site paths: an open redirect would let a phishing link borrow our pages."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"
