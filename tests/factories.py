"""factory_boy factories for the partnership core. Apps add theirs beside their tests."""

import factory

from dcfp import services
from dcfp.models import Area, Organisation, User


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("code",)

    code = "devon"
    name = factory.LazyAttribute(lambda o: o.code.title())
    responsible_authority = factory.LazyAttribute(lambda o: f"{o.name} Council")
    in_jurisdiction = factory.LazyAttribute(lambda o: o.code == "devon")


class OrganisationFactory(factory.django.DjangoModelFactory):
    """Organisations are made by the service, so each has its permission group."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = Organisation.Kind.OTHER
    is_safeguarding_partner = False
    lead_domain = ""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.organisation_create(**kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    """A person with roles: UserFactory(roles=["csprg"])."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    organisation = factory.SubFactory(OrganisationFactory)
    password = "correct-horse-battery"
    roles: list[str] = []

    @classmethod
    def _create(cls, model_class, *args, roles=(), **kwargs):
        return services.person_create(roles=roles, **kwargs)
