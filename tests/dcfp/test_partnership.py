from django.core.management import call_command
from django.test import override_settings

from dcfp.demo import DEMO_PASSWORD, INVITED, PEOPLE, demo_email
from dcfp.models import Area, AssessmentGroup, LocalityPartnership, Organisation, User
from dcfp.roles import Role, roles_of


def test_load_demo_builds_the_devon_partnership(db):
    call_command("load_demo", verbosity=0)
    partners = Organisation.objects.filter(is_safeguarding_partner=True)
    assert set(partners.values_list("lead_domain", flat=True)) == {"child_protection", "safeguarding", "well_being"}
    assert list(Area.objects.filter(in_jurisdiction=True).values_list("name", flat=True)) == ["Devon"]
    districts = AssessmentGroup.objects.get(name="Devon district councils").organisations.all()
    assert districts.count() == 8
    assert LocalityPartnership.objects.count() == 4
    assert Organisation.objects.filter(kind=Organisation.Kind.SECURE_CHILDRENS_HOME).count() == 1
    for role in Role:
        assert User.objects.filter(groups__name=role.value, is_demo=True).exists(), role


def test_load_demo_twice_changes_nothing(db):
    call_command("load_demo", verbosity=0)
    counts = (Organisation.objects.count(), User.objects.count(), Area.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Organisation.objects.count(), User.objects.count(), Area.objects.count()) == counts


@override_settings(MFA_REQUIRED=False)
def test_every_demo_person_can_sign_in_with_mfa_off_as_in_demo(client, db):
    call_command("load_demo", verbosity=0)
    for handle, *_ in PEOPLE:
        response = client.post("/sign-in/", {"username": demo_email(handle), "password": DEMO_PASSWORD})
        assert response.status_code == 302, handle
        assert client.get("/").status_code == 200, handle
        client.post("/sign-out/")


def test_every_demo_persons_password_leads_to_authenticator_set_up_when_mfa_is_on(client, db):
    call_command("load_demo", verbosity=0)
    for handle, *_ in PEOPLE:
        response = client.post("/sign-in/", {"username": demo_email(handle), "password": DEMO_PASSWORD})
        assert response.status_code == 302, handle
        assert response["Location"].startswith("/account/mfa/set-up/"), handle
        assert client.get("/").status_code == 302, handle
        client.post("/sign-out/")


def test_a_person_is_in_their_organisations_group_and_holds_their_roles(csprg, council):
    assert council.group in csprg.groups.all()
    assert roles_of(csprg) == {Role.CSPRG}


def test_dashboard_shows_who_i_am(sign_in, qa_chair):
    page = sign_in(qa_chair).get("/").content.decode()
    assert "Quinn Adebayo" in page
    assert "Devon County Council" in page
    assert "QA Group chair" in page


@override_settings(MFA_REQUIRED=False)
def test_the_demo_administrator_finds_the_person_not_yet_set_up(client, db):
    call_command("load_demo", verbosity=0)
    (handle, full_name, *_), *_ = INVITED
    invited = User.objects.get(email=demo_email(handle))
    assert not invited.has_usable_password()
    assert client.post("/sign-in/", {"username": demo_email(handle), "password": DEMO_PASSWORD}).status_code == 200
    client.post("/sign-in/", {"username": demo_email("admin"), "password": DEMO_PASSWORD})
    html = client.get("/").content.decode()
    assert "People who cannot sign in" in html and full_name in html
