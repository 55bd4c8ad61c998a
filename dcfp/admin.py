"""Django admin for the partnership core: people, organisations and reference data only.

Case content is never registered here: the admin role cannot open it (separation of duties).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.shortcuts import get_object_or_404
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin as BaseTOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from dcfp import services
from dcfp.accounts.services import mfa_reset
from dcfp.models import (
    Area,
    AssessmentGroup,
    LocalityPartnership,
    Organisation,
    PartnershipGroup,
    User,
    normalise_email,
)


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


class PersonChangeForm(UserChangeForm):
    email = NormalisedEmailField()


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = PersonChangeForm
    ordering = ["full_name"]
    list_display = ["full_name", "email", "organisation", "is_active", "is_demo"]
    list_filter = ["is_active", "organisation", "groups"]
    search_fields = ["full_name", "email"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("full_name", "job_title", "organisation", "is_demo")}),
        ("Access", {"fields": ("is_active", "groups")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "organisation", "password1", "password2")}),
    )
    filter_horizontal = ["groups"]
    readonly_fields = ()
    actions = ["deactivate", "reset_authenticator"]

    def save_model(self, request, obj, form, change):
        # Unticking "active" must end the person's sessions and tokens at once, through the service.
        deactivating = change and "is_active" in form.changed_data and not obj.is_active
        if deactivating:
            obj.is_active = True
        super().save_model(request, obj, form, change)
        if deactivating:
            services.person_deactivate(user=obj, actor=request.user)

    @admin.action(description="Deactivate: end their sessions and API tokens now", permissions=["change"])
    def deactivate(self, request, queryset):
        for person in queryset:
            services.person_deactivate(user=person, actor=request.user)
        self.message_user(request, f"Deactivated {queryset.count()} people.", messages.SUCCESS)

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
