"""gettext in the templates: `_()`, `gettext()`, `ngettext()` and `{% trans %}` blocks (jinja2.ext.i18n).

They behave as Jinja's "newstyle" gettext: the translation is trusted markup, its %(name)s arguments
are escaped, and a literal percent sign is written %% in the message. Jinja's own wrappers reach the
translation through two context lookups and format even messages without arguments; a match page
makes about 200 such calls, and the wrappers took a third of its rendering time. These are plain
functions with the same results.
"""
from jinja2 import Environment
from markupsafe import Markup

from app.i18n.translate import gettext, ngettext


def template_gettext(message: str, /, **variables) -> Markup:
    translated = Markup(gettext(message))
    return translated % variables if variables or "%" in translated else translated


def template_ngettext(singular: str, plural: str, num: int, /, **variables) -> Markup:
    variables.setdefault("num", num)
    return Markup(ngettext(singular, plural, num)) % variables


def install(environment: Environment) -> None:
    environment.add_extension("jinja2.ext.i18n")
    # The {% trans %} blocks compile for newstyle callables: they pass their variables to gettext.
    environment.newstyle_gettext = True
    environment.globals.update(_=template_gettext, gettext=template_gettext, ngettext=template_ngettext)
