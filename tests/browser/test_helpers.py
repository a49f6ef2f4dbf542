"""The browser tests' own checks can fail: axe_check on a page with a critical violation."""

import pytest

from .helpers import axe_check


def test_axe_check_fails_on_an_image_without_alternative_text(page):
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"></main></html>')
    with pytest.raises(pytest.fail.Exception, match=r"image-alt \(critical\)"):
        axe_check(page)


def test_axe_check_passes_a_page_with_only_minor_violations(page):
    # A page without a level-one heading is a "moderate" finding: reported, not blocking.
    page.set_content('<html lang="en"><title>t</title><main><p>Text</p></main></html>')
    axe_check(page)


def test_axe_check_fails_on_text_too_faint_to_read(page):
    page.set_content(
        '<html lang="en"><title>t</title><main><h1>Title</h1>'
        '<p style="color:#ccc;background:#fff">Faint</p></main></html>'
    )
    with pytest.raises(pytest.fail.Exception, match=r"color-contrast \(serious\)"):
        axe_check(page)
