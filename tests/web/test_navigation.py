"""The navigation offers each person the parts of the site their role opens, and no others."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("persona", "shown", "hidden"),
    [
        ("pc_ali", {"Cases", "New case", "API tokens"}, {"Scrutiny", "Dashboard"}),
        ("insp_carr", {"Scrutiny", "Dashboard", "API tokens"}, set()),
        ("imu_fisher", {"Dashboard"}, {"Scrutiny", "New case"}),
    ],
)
def test_navigation_follows_the_role(db, client, request, persona, shown, hidden):
    client.force_login(request.getfixturevalue(persona))
    nav = {item["text"] for item in client.get(reverse("home")).context["nav"]}
    assert shown <= nav
    assert not hidden & nav
