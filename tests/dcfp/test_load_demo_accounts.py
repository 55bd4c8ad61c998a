"""`load_demo` prints every demo account it made, whichever app's demo made it, and says which cannot
sign in yet."""

import io

import pytest
from django.core.management import call_command

from dcfp.models import User

pytestmark = pytest.mark.django_db


def test_load_demo_prints_every_demo_handle_and_the_new_starter_apart():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    printed = out.getvalue()
    accounts, waiting = printed.split("Demo accounts (password for all:")[1].split("Added but not yet set up")
    emails = set(User.objects.filter(is_demo=True).values_list("email", flat=True))
    assert len(emails) > 20
    for email in emails - {"new-starter@demo.dcfp.test"}:
        assert f"  {email} " in accounts, email
    for handle in ("ics-lead", "district-lead", "council-worker", "police-officer", "health-visitor", "charity-lead"):
        assert f"  {handle}@demo.dcfp.test " in accounts, handle
    assert "new-starter@demo.dcfp.test" not in accounts
    assert "  new-starter@demo.dcfp.test" in waiting and "Jo Newton, Devon County Council (csprg)" in waiting
    assert accounts.index("csprg@demo.dcfp.test") < accounts.index("ics-lead@demo.dcfp.test")
