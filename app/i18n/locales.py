"""The languages of the platform and how a request's language is chosen (pure, no I/O).

Codes are Babel's: `zh_Hans` is Simplified Chinese as read in Yunnan; catalogs live under
`translations/<code>/LC_MESSAGES/`.
"""
DEFAULT = "en"
# In the order the switcher offers them, each named in its own language (a reader who cannot read
# the current page's language still finds their own).
LOCALES: dict[str, str] = {"en": "English", "zh_Hans": "中文（简体）", "th": "ไทย", "vi": "Tiếng Việt",
                           "km": "ខ្មែរ", "lo": "ລາວ", "my": "မြန်မာ"}
# The national language of each country of the region: a province's local name is shown to readers
# of that language.
COUNTRY_LANGUAGE = {"CN": "zh_Hans", "TH": "th", "VN": "vi", "KH": "km", "LA": "lo", "MM": "my"}


def supported(code: str | None) -> str | None:
    """`code` if it names one of our locales (as stored in a profile or a cookie), else None."""
    return code if code in LOCALES else None


def from_tag(tag: str) -> str | None:
    """A BCP 47 tag of an Accept-Language header (`zh-CN`, `th-TH`, `km`) → our locale, or None.

    Any Chinese maps to Simplified Chinese: closer for a Traditional reader than English is."""
    primary = tag.strip().lower().replace("_", "-").split("-")[0]
    if primary == "zh":
        return "zh_Hans"
    return primary if primary in LOCALES else None


def from_accept_language(header: str | None) -> str | None:
    """The supported language the browser prefers most, honouring q-values; None if none fits."""
    best, best_q = None, 0.0
    for position, part in enumerate((header or "").split(",")[:20]):
        tag, _, params = part.partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                continue
        locale = from_tag(tag)
        # Equal weights keep the header's order: the earlier tag wins.
        if locale and q > best_q:
            best, best_q = locale, q
    return best


def negotiate(*, profile: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The person's own choice (profile, then the switcher's cookie), else the browser's, else English."""
    return supported(profile) or supported(cookie) or from_accept_language(accept_language) or DEFAULT


def html_lang(locale: str) -> str:
    """The `lang` attribute: BCP 47 with hyphens (`zh-Hans`)."""
    return locale.replace("_", "-")
