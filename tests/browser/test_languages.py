"""Issue 9 in a real browser: the header's switcher changes the language (app.js submits it as soon as
a language is picked), and the SME's profile page renders in Khmer and in Chinese with the system's
Noto fonts, not boxes. Screenshots: test-output/sme-profile-<locale>.png.

The switch is made before logging in, so it lives in the cookie only: the shared demo SME's profile
keeps no language, and the other browser tests still find it in English.
"""
import re

import pytest
from playwright.sync_api import expect

from app.demo.showcase import DEMO_PASSWORD
from app.i18n.locales import html_lang
from app.i18n.translate import gettext, using_locale

# The font family Chromium must use for the page's own text in each script.
FONTS = {"km": "Noto Sans Khmer", "zh_Hans": "Noto Sans CJK SC"}


def rendered_fonts(page, selector: str) -> set[str]:
    """The fonts Chromium actually drew an element's text with (DevTools: CSS.getPlatformFontsForNode)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return {font["familyName"] for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}


@pytest.mark.parametrize("locale", ["km", "zh_Hans"])
def test_the_sme_profile_page_in_khmer_and_in_chinese(demo_page, test_output_dir, locale):
    page = demo_page
    with using_locale(locale):
        words = {key: gettext(key) for key in ("My company", "Log in", "Sectors")}
    assert all(words[key] != key for key in words), "the catalog is not compiled"
    page.goto("/login")
    page.locator("#language-choice").select_option(locale)  # no button press: the script submits
    expect(page.locator("html")).to_have_attribute("lang", html_lang(locale))
    expect(page).to_have_url(re.compile(r"/login$"))  # back where the choice was made
    page.locator("input[name=email]").fill("sme@example.com")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.get_by_role("link", name=words["My company"], exact=True).click()
    expect(page.locator("main")).to_contain_text(words["Sectors"])
    assert page.locator("#language-choice").input_value() == locale
    assert FONTS[locale] in rendered_fonts(page, "main dl dt")
    page.screenshot(path=test_output_dir / f"sme-profile-{locale}.png", full_page=True)
