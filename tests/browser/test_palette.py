"""The two palettes, in Debian's Chromium: their rules are inline (overrides/partials/
onward-styles.html), not in Material's palette stylesheet, which no page loads; the dark palette
still gets Material's dark colors; and switching palettes changes colors at once, as Material's
own rule did, without its cost on every page load (overrides/partials/onward-palette.html).

Chromium restyles every element of the page when a `<meta name="color-scheme">` is added or
changed, and when a stylesheet's <link> gets a new address: neither happens once the body is
parsed (Material's script, at its end, did both as it started; overrides/main.html)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

GUIDE = "rejection/"
# Material 9's slate scheme with an indigo primary color: page background and link color.
SLATE = {"background": "rgb(30, 33, 41)", "link": "rgb(84, 136, 232)"}

RUNNING = "document.getAnimations().filter((a) => a instanceof CSSTransition).length"
# Each change of <html>'s and <body>'s attributes, and how long a navigation link's color
# transition is then.
RECORD = """
window.__switches = [];
addEventListener("DOMContentLoaded", () => {
  const link = document.querySelector(".md-nav__link");
  const observer = new MutationObserver((changes) => {
    for (const change of changes) {
      window.__switches.push({ name: change.attributeName,
        value: change.target.getAttribute(change.attributeName),
        transition: getComputedStyle(link).transitionDuration });
    }
  });
  observer.observe(document.documentElement, { attributes: true });
  observer.observe(document.body, { attributes: true });
});
"""


def colors(page) -> dict[str, str]:
    return page.evaluate("""() => ({
        background: getComputedStyle(document.body).backgroundColor,
        link: getComputedStyle(document.querySelector(".md-content__inner p > a")).color,
    })""")


def test_no_palette_stylesheet_and_the_dark_palette_is_materials(browser, site_url: str) -> None:
    """A first visit with the system set to dark: the page comes in the light palette and
    Material switches it to the dark one as it loads, at once (no color fades in)."""
    context = browser.new_context(base_url=site_url, color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(GUIDE, wait_until="load")
        sheets = page.evaluate("[...document.styleSheets].map(s => s.href).filter(Boolean)")
        assert sheets and not [href for href in sheets if "palette" in href], sheets
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        assert page.evaluate(RUNNING) == 0
        assert colors(page) == SLATE
        page.wait_for_function("!document.documentElement.hasAttribute('data-onward-switching')")
    finally:
        context.close()


def test_switching_palettes_changes_colors_at_once(browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, color_scheme="light")
    context.add_init_script(RECORD)
    try:
        page = context.new_page()
        page.goto(GUIDE, wait_until="load")
        page.wait_for_timeout(300)
        # Loading sets Material's attributes, not ours: nothing restyles the page for it.
        assert not [s for s in page.evaluate("window.__switches")
                    if s["name"] == "data-onward-switching"]
        light = colors(page)
        page.evaluate("window.__switches = []")
        page.locator("form.md-header__option label:visible").click()
        page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
        switches = page.evaluate("window.__switches")
        scheme = next(s for s in switches if s["name"] == "data-md-color-scheme")
        assert scheme["transition"] == "0s", switches  # the new colors show at once
        page.wait_for_function(
            "!document.documentElement.hasAttribute('data-onward-switching')")
        assert page.evaluate(
            "getComputedStyle(document.querySelector('.md-nav__link')).transitionDuration"
        ) != "0s", "transitions are back once the colors are switched"
        assert colors(page) == SLATE != light
    finally:
        context.close()


# Each color-scheme meta added or changed, and each stylesheet <link> whose address changes, with
# whether the body was parsed by then (the observer's callback runs right after the script that
# made the change).
RESTYLES = """
window.__restyles = [];
new MutationObserver((changes) => {
  const body = Boolean(document.querySelector(".md-container"));
  for (const change of changes) {
    const nodes = change.type === "childList" ? [...change.addedNodes] : [change.target];
    for (const node of nodes) {
      if (node.matches && node.matches('meta[name="color-scheme"], link[rel="stylesheet"]')) {
        window.__restyles.push({ tag: node.tagName, type: change.type, body });
      }
    }
  }
}).observe(document, { childList: true, subtree: true, attributes: true,
                       attributeFilter: ["content", "href"] });
"""
SCHEME = """() => ({
  metas: [...document.querySelectorAll('meta[name="color-scheme"]')].map((m) => m.content),
  header: getComputedStyle(document.querySelector("[data-md-component=header]")).colorScheme,
})"""


@pytest.mark.parametrize("system", ["light", "dark"])
def test_loading_restyles_nothing_for_the_color_scheme_or_the_stylesheets(
        browser, site_url: str, system: str) -> None:
    """The page's color scheme is set in the head, for the palette Material picks, and follows
    the reader's switch; Material's own meta never enters the page. Material's instant
    navigation does not give the stylesheets' links a new address (which reloads them)."""
    context = browser.new_context(base_url=site_url, color_scheme=system)
    context.add_init_script(RESTYLES)
    try:
        page = context.new_page()
        page.goto(GUIDE, wait_until="load")
        page.wait_for_timeout(300)
        restyles = page.evaluate("window.__restyles")
        assert not [r for r in restyles if r["body"]], restyles
        assert page.evaluate(SCHEME) == {"metas": [system], "header": system}
        page.locator("form.md-header__option label:visible").click()
        other = "light" if system == "dark" else "dark"
        page.wait_for_function("document.querySelector('meta[name=\"color-scheme\"]').content"
                               f" === '{other}'")
        assert page.evaluate(SCHEME) == {"metas": [other], "header": other}
        page.reload(wait_until="load")  # the kept palette, not the system's
        page.wait_for_timeout(300)
        restyles = page.evaluate("window.__restyles")
        assert not [r for r in restyles if r["body"]], restyles
        assert page.evaluate(SCHEME) == {"metas": [other], "header": other}
    finally:
        context.close()
