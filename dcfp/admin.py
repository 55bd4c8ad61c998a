"""Django admin for the partnership core: people, organisations and reference data only.

Case content is never registered here: the admin role cannot open it (separation of duties).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin as BaseTOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from dcfp import services
from dcfp.accounts.services import mfa_reset, setup_link_send
from dcfp.audit.services import record
from dcfp.models import (
    Area,
    AssessmentGroup,
    LocalityPartnership,
    Organisation,
    PartnershipGroup,
    User,
    normalise_email,
)
from dcfp.roles import Role


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "responsible_authority", "in_jurisdiction"]


@admin.register(AssessmentGroup)
class AssessmentGroupAdmin(admin.ModelAdmin):
    list_display = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_safeguarding_partner", "lead_domain", "assessment_group", "is_demo"]
    list_filter = ["kind", "is_safeguarding_partner", "is_demo"]
    search_fields = ["name"]
    filter_horizontal = ["areas"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.organisation_create(
            name=obj.name,
            kind=obj.kind,
            is_safeguarding_partner=obj.is_safeguarding_partner,
            lead_domain=obj.lead_domain,
            assessment_group=obj.assessment_group,
            is_demo=obj.is_demo,
        )
        obj.pk, obj.group_id = created.pk, created.group_id


@admin.register(LocalityPartnership)
class LocalityPartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "community_safety_partnership"]
    filter_horizontal = ["members"]


@admin.register(PartnershipGroup)
class PartnershipGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    filter_horizontal = ["members"]


class NormalisedEmailField(forms.EmailField):
    """An address checked and stored in its one normal form (see `normalise_email`)."""

    def to_python(self, value):
        return normalise_email(super().to_python(value))


class PersonForm(forms.ModelForm):
    """A person as an administrator sees them: no password (its owner sets it from a set-up link), and
    roles as a list of roles rather than raw groups."""

    email = NormalisedEmailField()
    roles = forms.MultipleChoiceField(choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = User
        fields = ["email", "full_name", "job_title", "organisation", "is_active", "is_demo"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "roles" in self.fields:
            self.fields["roles"].initial = sorted(roles_of_stored(self.instance))


def roles_of_stored(user: User) -> set[str]:
    return set(user.groups.filter(name__in=Role.values).values_list("name", flat=True))


# Fields only a service changes, each recorded in the audit trail.
_GOVERNED = ("organisation", "is_active")


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    """People. Roles, organisation and activation change through dcfp.services (audited); nobody changes
    their own; no one sets or sees a password here: a new person gets a set-up link by email."""

    form = PersonForm
    ordering = ["full_name"]
    list_display = ["full_name", "email", "organisation", "is_active", "is_demo"]
    list_filter = ["is_active", "organisation", "groups"]
    search_fields = ["full_name", "email"]
    actions = ["send_setup_link", "deactivate", "reset_authenticator"]

    def get_fieldsets(self, request, obj=None):
        own = obj is not None and obj.pk == request.user.pk
        return (
            (None, {"fields": ("email",)}),
            ("Person", {"fields": ("full_name", "job_title", "organisation", "is_demo")}),
            ("Access", {"fields": ("is_active", "current_roles" if own else "roles")}),
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.pk == request.user.pk:
            # Separation of duties: an administrator cannot give themselves access.
            return ["organisation", "is_active", "current_roles"]
        return []

    @admin.display(description="Roles")
    def current_roles(self, obj: User) -> str:
        return ", ".join(Role(r).label for r in sorted(roles_of_stored(obj))) or "None"

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            created = services.person_create(
                email=obj.email,
                full_name=obj.full_name,
                job_title=obj.job_title,
                organisation=obj.organisation,
                roles=data.get("roles", []),
                is_demo=obj.is_demo,
                actor=request.user,
            )
            obj.pk, obj._state.adding, obj._state.db = created.pk, False, created._state.db
            setup_link_send(user=created, actor=request.user)
            return
        stored = User.objects.get(pk=obj.pk)
        wanted = {name: getattr(obj, name) for name in _GOVERNED}
        for name in _GOVERNED:
            setattr(obj, name, getattr(stored, name))
        details = ["email", "full_name", "job_title", "is_demo"]
        before = {name: getattr(stored, name) for name in details}
        after = {name: getattr(obj, name) for name in details}
        if before != after:
            obj.save(update_fields=details)
            record(actor=request.user, action="person.details_changed", target=obj, before=before, after=after)
        if wanted["organisation"].pk != stored.organisation_id:
            services.person_move(user=obj, organisation=wanted["organisation"], actor=request.user)
        if "roles" in data and set(data["roles"]) != roles_of_stored(obj):
            services.person_set_roles(user=obj, roles=data["roles"], actor=request.user)
        if wanted["is_active"] != stored.is_active:
            if wanted["is_active"]:
                services.person_activate(user=obj, actor=request.user)
            else:
                services.person_deactivate(user=obj, actor=request.user)

    def save_related(self, request, form, formsets, change):
        # Roles are saved by the service in save_model; the form has no other related fields.
        pass

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except PermissionDenied as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return redirect(request.path)

    @admin.action(description="Send a set-up link: they set their own password", permissions=["change"])
    def send_setup_link(self, request, queryset):
        sent = sum(setup_link_send(user=person, actor=request.user) for person in queryset)
        self.message_user(request, f"Sent a set-up link to {sent} of {queryset.count()} people.", messages.SUCCESS)

    @admin.action(description="Deactivate: end their sessions and API tokens now", permissions=["change"])
    def deactivate(self, request, queryset):
        done = 0
        for person in queryset:
            try:
                services.person_deactivate(user=person, actor=request.user)
            except PermissionDenied as refused:
                self.message_user(request, str(refused), messages.ERROR)
            else:
                done += 1
        self.message_user(request, f"Deactivated {done} of {queryset.count()} people.", messages.SUCCESS)

    @admin.action(description="Reset authenticator app: they set it up again at next sign-in", permissions=["change"])
    def reset_authenticator(self, request, queryset):
        for person in queryset:
            mfa_reset(user=person, actor=request.user)
        self.message_user(request, f"Reset the authenticator app of {queryset.count()} people.", messages.SUCCESS)


# django-otp registers its own admin for authenticator apps; ours answers 404 for a device that does not
# exist instead of failing on the lookup, and then lets django-otp refuse to show the key.
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(BaseTOTPDeviceAdmin):
    def config_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().config_view(request, pk)

    def qrcode_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().qrcode_view(request, pk)
