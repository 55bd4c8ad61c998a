from django.conf import settings

from dcfp.roles import Role, roles_of


def service(request):
    """Service name, run mode and the signed-in person's roles for every page."""
    user = getattr(request, "user", None)
    roles = roles_of(user) if user is not None else set()
    return {
        "service_name": settings.SERVICE_NAME,
        "partnership_name": settings.PARTNERSHIP_NAME,
        "demo_mode": settings.DEMO_MODE,
        "mfa_required": settings.MFA_REQUIRED,
        "my_roles": roles,
        "my_role_labels": [Role(r).label for r in sorted(roles)],
    }
